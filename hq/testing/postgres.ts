/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, listening only on a
 * Unix socket in that folder (no TCP port, so clusters of parallel test files cannot collide).
 * As root, PostgreSQL refuses to run, so the cluster belongs to the `postgres` system user and
 * its commands run through runuser (or su). Anything missing — no server installed, no such
 * user — gives a reason to skip, never a failure.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  /** A new, empty database; returns its connection URL. */
  createDatabase(): Promise<string>;
  stop(): void;
}

export type PgClusterResult =
  | { readonly ok: true; readonly cluster: PgCluster; readonly version: string }
  | { readonly ok: false; readonly reason: string };

function findBin(): string | null {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

function userIds(name: string): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

type Runner = (cmd: string, args: readonly string[]) => { ok: boolean; output: string };

function makeRunner(asUser: string | null): Runner {
  return (cmd, args) => {
    let r;
    if (asUser === null) {
      r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
    } else if (existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser')) {
      r = spawnSync('runuser', ['-u', asUser, '--', cmd, ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    } else {
      const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      r = spawnSync('su', ['-s', '/bin/sh', asUser, '-c', quoted], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    }
    const output = `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`;
    return { ok: r.status === 0, output };
  };
}

let clusters = 0;

export async function startPgCluster(): Promise<PgClusterResult> {
  const bin = findBin();
  if (bin === null)
    return {
      ok: false,
      reason: 'no PostgreSQL server installed (/usr/lib/postgresql/*/bin/initdb)',
    };
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? userIds('postgres') : null;
  if (isRoot && owner === null) {
    return {
      ok: false,
      reason: 'running as root and there is no "postgres" user to own the cluster',
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hq-pg-'));
  if (owner !== null) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const run = makeRunner(isRoot ? 'postgres' : null);
  const data = join(dir, 'data');
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  const init = run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  if (!init.ok) {
    cleanup();
    return {
      ok: false,
      reason: `initdb failed: ${init.output.trim().split('\n').slice(-3).join(' ')}`,
    };
  }
  clusters += 1;
  const port = 20000 + ((process.pid * 7 + clusters) % 30000);
  const start = run(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  if (!start.ok) {
    cleanup();
    return {
      ok: false,
      reason: `pg_ctl start failed: ${start.output.trim().split('\n').slice(-3).join(' ')}`,
    };
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    cleanup();
  };
  // A test run that dies still stops its cluster.
  process.once('exit', stop);
  const url = (db: string) =>
    `postgresql://postgres@/${db}?host=${encodeURIComponent(dir)}&port=${port}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  let version: string;
  try {
    await admin.connect();
    const r = await admin.query<{ server_version: string }>('SHOW server_version');
    version = r.rows[0]?.server_version ?? '?';
    await admin.end();
  } catch (e) {
    stop();
    return { ok: false, reason: `cannot connect: ${e instanceof Error ? e.message : String(e)}` };
  }
  let databases = 0;
  return {
    ok: true,
    version,
    cluster: {
      createDatabase: async () => {
        databases += 1;
        const name = `hq_test_${databases}`;
        const c = new pg.Client({ connectionString: url('postgres') });
        await c.connect();
        await c.query(`CREATE DATABASE ${name}`);
        await c.end();
        return url(name);
      },
      stop,
    },
  };
}
