import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminToken } from './adminToken';
import { runCommand } from './cli';
import type { HqContext } from './context';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { acquireDataLock } from './lock';
import { sha256 } from './secrets';
import { nodeRandom } from './server';

let ctx: HqContext;
const dir = mkdtempSync(join(tmpdir(), 'hq-cli-'));

beforeAll(async () => {
  const db = await openPglite(undefined);
  await migrate(db, 0);
  ctx = { db, clock: () => Date.UTC(2025, 6, 1), random: nodeRandom };
});
afterAll(async () => {
  await ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run hq -- COMMAND', () => {
  it('enroll-code prints only the code on stdout, and wants a name for a new center', async () => {
    const missing = await runCommand(ctx, ['enroll-code', '--center', 'CLI01']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/new: give its name/);
    const r = await runCommand(ctx, ['enroll-code', '--center', 'cli01', '--name', 'Pune Central']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\n$/);
    expect(r.stderr).toMatch(/New center CLI01 \(Pune Central\).*2025-07-08/);
    const again = await runCommand(ctx, ['enroll-code', '--center', 'CLI01']);
    expect(again.stderr).toMatch(/^Center CLI01 \(Pune Central\)/);
    const [row] = await ctx.db.query(
      'SELECT count(*)::int AS n FROM enrollment_codes WHERE code_hash = $1',
      [r.stdout.trim()],
    );
    expect(row?.['n']).toBe(0);
  });

  it('import-registry imports nothing from a file with a bad row', async () => {
    const file = join(dir, 'registry.csv');
    writeFileSync(
      file,
      'serial,brand,model,activation_date,sold_date,sold_country,sold_channel\nXJ1,xinji,C5,,,,\nXJ2,xinji,C5,yesterday,,,\n',
    );
    const bad = await runCommand(ctx, ['import-registry', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${file}:3: activation_date "yesterday" is not a YYYY-MM-DD date`);
    expect(bad.stderr).toContain('nothing was imported');
    const [none] = await ctx.db.query('SELECT count(*)::int AS n FROM registry');
    expect(none?.['n']).toBe(0);
    writeFileSync(
      file,
      'serial,brand,model,activation_date,sold_date,sold_country,sold_channel\nXJ1,xinji,C5,,,,\n',
    );
    expect((await runCommand(ctx, ['import-registry', file])).stdout).toMatch(
      /Imported 1 registry rows/,
    );
  });

  it('revoke says when there is nothing to revoke; unknown commands show the usage', async () => {
    const r = await runCommand(ctx, ['revoke', 'nope']);
    expect(r.code).toBe(1);
    const u = await runCommand(ctx, ['launch']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/Unknown command "launch".*\n\nUsage/s);
  });

  it('the admin token is made once, shown once, and can be replaced', async () => {
    const shown: string[] = [];
    const first = await ensureAdminToken(ctx.db, null, nodeRandom, (t) => shown.push(t));
    const second = await ensureAdminToken(ctx.db, null, nodeRandom, (t) => shown.push(t));
    expect(shown).toHaveLength(1);
    expect(first).toBe(second);
    expect(first).toBe(sha256(shown[0] ?? ''));
    expect(await ensureAdminToken(ctx.db, 'from-env', nodeRandom, () => undefined)).toBe(
      sha256('from-env'),
    );
    const hashes: string[] = [];
    const r = await runCommand(ctx, ['admin-token'], { onAdminTokenHash: (h) => hashes.push(h) });
    expect(hashes).toEqual([sha256(r.stdout.trim())]);
    expect(await ensureAdminToken(ctx.db, null, nodeRandom, () => undefined)).toBe(hashes[0]);
  });
});

describe('the data folder lock', () => {
  it('lets one process hold HQ_DATA, and tells others who has it', () => {
    const data = join(dir, 'data');
    const a = acquireDataLock(data);
    if (!a.ok) throw new Error('first lock refused');
    a.lock.update({ url: 'http://127.0.0.1:8787', secret: 's' });
    // Another process would see this one alive; here the same pid plays that part via the file.
    writeFileSync(
      join(data, 'hq.lock'),
      JSON.stringify({ pid: process.ppid, url: 'http://x', secret: 's' }),
    );
    const b = acquireDataLock(data);
    expect(b.ok ? null : b.heldBy).toEqual({ pid: process.ppid, url: 'http://x', secret: 's' });
    // A lock left by a process that is gone is taken over.
    writeFileSync(
      join(data, 'hq.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, url: null, secret: null }),
    );
    const c = acquireDataLock(data);
    expect(c.ok).toBe(true);
    if (c.ok) c.lock.release();
  });
});
