import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../../hq/centers';
import { testDrivers } from '../../../hq/testing/drivers';
import { startTestHq, type TestHq } from '../../../hq/testing/harness';
import { addNote, changeStatus } from '../../../renderer/data/commands';
import { readRejected } from '../../../renderer/data/syncStore';
import type { PushRequest } from '../../../shared/sync/protocol';
import {
  counterState,
  hqState,
  mutationLog,
  networkError,
  newTicket,
  startCounter,
  timeoutError,
  value,
  type Counter,
} from './support';

/*
 * The counter's sync engine against the real HQ and a real database, with faults injected at the
 * transport (DESIGN.md, "Testing"): lost responses, duplicates, gaps, 5xx, timeouts, restarts,
 * revoked tokens, oversized and malformed bodies, and another center's ticket.
 */

const drivers = await testDrivers('tests/unit/hq-sync/faults.test.ts');
afterAll(() => {
  drivers.stop();
});

const isPush = (url: string) => url.endsWith('/v1/sync/push');

function bodyOf(init: RequestInit): string {
  if (typeof init.body !== 'string') throw new Error('the transport sends JSON text');
  return init.body;
}

async function expectConverged(hq: TestHq, counter: Counter, center: string): Promise<void> {
  expect(await counter.store.countOutbox()).toBe(0);
  expect(await hqState(hq, [center])).toEqual(await counterState(counter.c));
  const meta = await counter.store.readMeta();
  const log = await mutationLog(hq, meta.deviceId ?? '');
  const written = await counter.store.highestWritten();
  // Each mutation once, in order, none missing.
  expect(log.map((r) => Number(r['mutation_id']))).toEqual(
    Array.from({ length: written }, (_, i) => i + 1),
  );
}

describe.each(drivers.drivers)('sync faults on $name', ({ openDb }) => {
  let hq: TestHq;
  let n = 0;
  const center = () => `F${String((n += 1)).padStart(3, '0')}`;

  beforeAll(async () => {
    hq = await startTestHq(openDb, { bodyLimit: 64 * 1024 });
  });
  afterAll(async () => {
    await hq.close();
  });

  it('a response lost after HQ committed: the retry applies nothing twice', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    await newTicket(k.c);
    let lost = 0;
    k.intercept = async (url, init, real) => {
      const res = await real(url, init);
      if (isPush(url) && lost < 2) {
        lost += 1;
        throw networkError();
      }
      return res;
    };
    const outcome = await k.engine.syncNow();
    expect(outcome.ok).toBe(true);
    expect(lost).toBe(2);
    await expectConverged(hq, k, code);
  });

  it('the same batch sent twice, at once and again later, is applied once', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    await newTicket(k.c);
    const copies: { url: string; init: RequestInit }[] = [];
    k.intercept = async (url, init, real) => {
      if (!isPush(url)) return real(url, init);
      copies.push({ url, init });
      const [a] = await Promise.all([real(url, init), real(url, init)]);
      return a;
    };
    expect((await k.engine.syncNow()).ok).toBe(true);
    // The copies again, after the fact.
    for (const { url, init } of copies) expect((await fetch(url, init)).status).toBe(200);
    await expectConverged(hq, k, code);
  });

  it('a gap in the ids stops the batch; only what HQ acknowledged is forgotten', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    await newTicket(k.c);
    let cut = false;
    const acked: number[] = [];
    k.intercept = async (url, init, real) => {
      if (!isPush(url) || cut) return real(url, init);
      cut = true;
      // Mutation 2 goes missing on the way: HQ must stop at the gap.
      const body = JSON.parse(bodyOf(init)) as PushRequest;
      const res = await real(url, {
        ...init,
        body: JSON.stringify({
          ...body,
          mutations: body.mutations.filter((m) => m.mutationId !== 2),
        }),
      });
      const json = (await res.clone().json()) as { lastMutationId: number; gap?: unknown };
      acked.push(json.lastMutationId);
      expect(json.gap).toEqual({ expected: 2, received: 3 });
      return res;
    };
    expect((await k.engine.syncNow()).ok).toBe(true);
    expect(acked).toEqual([1]);
    await expectConverged(hq, k, code);
  });

  it('5xx and timeouts are retried with backoff and jitter, on the injected clock', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    await newTicket(k.c);
    const faults = ['503', 'timeout', 'offline', '500'];
    k.intercept = async (url, init, real) => {
      const f = faults.shift();
      if (f === undefined) return real(url, init);
      if (f === 'timeout') throw timeoutError();
      if (f === 'offline') throw networkError();
      return new Response(JSON.stringify({ error: { code: 'internal', message: 'down' } }), {
        status: Number(f),
        headers: { 'content-type': 'application/json' },
      });
    };
    const before = k.clock.requested.length;
    expect((await k.engine.syncNow()).ok).toBe(true);
    // random() = 0.5: half of 1 s, 2 s, 4 s, 8 s.
    expect(k.clock.requested.slice(before)).toEqual([500, 1000, 2000, 4000]);
    await expectConverged(hq, k, code);
  });

  it('the app closed mid-sync and started again resumes where HQ is', async () => {
    const code = center();
    const k = await startCounter(hq, code, { sync: { batchSize: 2 } });
    const id = await newTicket(k.c);
    for (let i = 0; i < 5; i++) {
      value(await addNote(k.c.deps, { ticketId: id, technicianId: k.tech(), text: `note ${i}` }));
    }
    let pushes = 0;
    k.intercept = async (url, init, real) => {
      if (isPush(url) && (pushes += 1) === 2) {
        // HQ commits the second batch; the app dies before hearing back.
        await real(url, init);
        return new Promise<Response>(() => undefined);
      }
      return real(url, init);
    };
    const hung = k.engine.syncNow();
    await expect.poll(() => pushes).toBe(2);
    k.engine.stop();
    expect(await k.store.countOutbox()).toBe(7);
    k.intercept = null;
    const after = k.restart();
    expect((await after.syncNow()).ok).toBe(true);
    await expectConverged(hq, k, code);
    void hung;
  });

  it('a revoked token asks to enroll again; after enrolling, the same outbox goes on', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    expect((await k.engine.syncNow()).ok).toBe(true);
    const meta = await k.store.readMeta();
    expect(await revokeDevice(hq.ctx, meta.deviceId ?? '')).toBe(true);
    await newTicket(k.c);
    const outcome = await k.engine.syncNow();
    expect(outcome).toMatchObject({ ok: false, state: 'needs_enrollment' });
    expect(k.engine.status().lastError).toMatch(/revoked.*Enroll it again/);
    expect(await k.store.countOutbox()).toBe(1);
    const again = await k.engine.enroll(hq.url, await hq.issueCode(code), 'Front desk');
    expect(again.ok && again.value.deviceId).toBe(meta.deviceId);
    expect((await k.engine.syncNow()).ok).toBe(true);
    await expectConverged(hq, k, code);
  });

  it('a counter set back by a restored backup renumbers its new work; nothing is lost', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    await newTicket(k.c);
    expect((await k.engine.syncNow()).ok).toBe(true);
    // As after restoring a backup taken when the counter had written two changes.
    const sync = await k.c.db.settings.get('sync');
    if (sync?.key !== 'sync') throw new Error('no sync state');
    await k.c.db.settings.put({ key: 'sync', value: { ...sync.value, nextMutationId: 3 } });
    const id = await newTicket(k.c, 'XJ20240002ABCD');
    value(await addNote(k.c.deps, { ticketId: id, technicianId: k.tech(), text: 'after restore' }));
    expect((await k.store.readOutbox(10)).map((e) => e.mutationId)).toEqual([3, 4]);
    const outcome = await k.engine.syncNow();
    expect(outcome).toMatchObject({ ok: true, rejected: 0 });
    expect(await readRejected(k.c.db)).toEqual([]);
    expect(await k.store.highestWritten()).toBe(6);
    await expectConverged(hq, k, code);
  });

  it('a batch over the body limit (413) is split until it fits; one entry too large stops', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    const id = await newTicket(k.c);
    // ~20 KB each as JSON: a batch of ten is over HQ's 64 KB.
    for (let i = 0; i < 10; i++) {
      value(
        await addNote(k.c.deps, { ticketId: id, technicianId: k.tech(), text: '😀'.repeat(4900) }),
      );
    }
    const sizes: number[] = [];
    k.intercept = (url, init, real) => {
      if (isPush(url)) sizes.push((JSON.parse(bodyOf(init)) as PushRequest).mutations.length);
      return real(url, init);
    };
    expect((await k.engine.syncNow()).ok).toBe(true);
    expect(sizes.slice(0, 2)).toEqual([14, 7]);
    await expectConverged(hq, k, code);

    // One grapheme can be many code units: 5,000 of them is a valid note HQ cannot take.
    value(
      await addNote(k.c.deps, {
        ticketId: id,
        technicianId: k.tech(),
        text: `e${'\u0301'.repeat(20)}`.repeat(2000),
      }),
    );
    const stuck = await k.engine.syncNow();
    expect(stuck).toMatchObject({ ok: false, state: 'error' });
    expect(k.engine.status().lastError).toMatch(/too large for HQ/);
    expect(await k.store.countOutbox()).toBe(1);
  });

  it('a malformed body is refused (400) and not retried', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    let calls = 0;
    k.intercept = (url, init, real) => {
      if (!isPush(url)) return real(url, init);
      calls += 1;
      return real(url, { ...init, body: bodyOf(init).slice(0, -3) });
    };
    const outcome = await k.engine.syncNow();
    expect(outcome).toMatchObject({ ok: false, state: 'error' });
    expect(calls).toBe(1);
    expect(k.engine.status().lastError).toMatch(/HTTP 400, malformed_json/);
    expect(await k.store.countOutbox()).toBe(3);
  });

  it('a counter pushing another center’s ticket is rejected; HQ keeps the ticket as it was', async () => {
    const a = await startCounter(hq, center());
    const bCenter = center();
    const b = await startCounter(hq, bCenter);
    const id = await newTicket(a.c);
    expect((await a.engine.syncNow()).ok).toBe(true);
    // Counter B somehow holds A's ticket (a backup restored on the wrong computer).
    const ticket = await a.c.db.tickets.get(id);
    if (ticket === undefined) throw new Error('no ticket');
    await b.c.db.tickets.add(ticket);
    value(await changeStatus(b.c.deps, { ticketId: id, to: 'diagnosing', technicianId: b.tech() }));
    const outcome = await b.engine.syncNow();
    expect(outcome).toMatchObject({ ok: true, rejected: 1 });
    expect(await readRejected(b.c.db)).toEqual([
      expect.objectContaining({ name: 'changeStatus', ticketId: id, code: 'wrong_center' }),
    ]);
    expect(b.engine.status().rejected).toBe(1);
    const [row] = await hq.db.query('SELECT status FROM tickets WHERE id = $1', [id]);
    expect(row?.['status']).toBe('received');
    expect(await b.store.countOutbox()).toBe(0);
    expect((await hqState(hq, [bCenter])).tickets).toEqual([]);
  });
});
