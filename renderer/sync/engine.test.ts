// Dexie's liveQuery (the outbox watcher) runs only where a global indexedDB exists.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TechnicianId, TicketId } from '../../shared/domain/ids';
import { err, ok } from '../../shared/lib/result';
import type {
  EnrollResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  RegistryAnswer,
} from '../../shared/sync/protocol';
import { addNote, createTicket } from '../data/commands';
import type { OutboxEntry } from '../data/db';
import { addPartLine, receiveStock } from '../data/parts';
import { createSyncStore, readRejected, readSyncMeta, type SyncStore } from '../data/syncStore';
import { decision, intakeForm, plainDate, setupCounter, type TestCounter } from '../data/testkit';
import {
  createSyncEngine,
  type NetworkWatch,
  type SyncEngineDeps,
  type SyncStatus,
} from './engine';
import { manualClock, memoryVault, settle, type ManualClock } from './testing';
import type { SyncTransport, TransportError, TransportResult } from './transport';

/*
 * The engine against a scripted transport: what it sends, how it retries, what it keeps. The real
 * HQ is in tests/unit/hq-sync/.
 */

const TODAY = plainDate('2025-07-01');
const HQ = 'https://hq.example.com';

type Step = TransportError | 'ok';

/** An HQ stand-in: acknowledges in order, rejects what it is told to, fails on script. */
function scriptedHq() {
  let last = 0;
  const pushes: PushRequest[] = [];
  const pulls: number[] = [];
  const script: Step[] = [];
  const rejectIds = new Set<number>();
  let changes: PullResponse['changes'] = [];
  let lookup: TransportResult<RegistryAnswer> = err({ kind: 'offline', detail: 'x' });
  let maxBatch = Infinity;
  const step = (): TransportError | null => {
    const s = script.shift();
    return s === undefined || s === 'ok' ? null : s;
  };
  const transport: SyncTransport = {
    enroll: () =>
      Promise.resolve(
        ok<EnrollResponse>({
          deviceId: 'dev-1',
          token: 'secret-token',
          centerCode: 'BLR01' as EnrollResponse['centerCode'],
          centerName: 'Smart Care',
          lastMutationId: 0,
        }),
      ),
    push: (req) => {
      pushes.push(req);
      const e = step();
      if (e !== null) return Promise.resolve(err(e));
      if (req.mutations.length > maxBatch) {
        return Promise.resolve(
          err({ kind: 'http', status: 413, code: 'body_too_large', message: 'too big' }),
        );
      }
      const results: PushResponse['results'] = [];
      for (const m of req.mutations) {
        if (m.mutationId <= last)
          results.push({ mutationId: m.mutationId, status: 'already_applied' });
        else if (m.mutationId === last + 1) {
          last += 1;
          results.push(
            rejectIds.has(m.mutationId)
              ? {
                  mutationId: m.mutationId,
                  status: 'rejected',
                  error: { code: 'wrong_center', message: 'Not yours.' },
                }
              : { mutationId: m.mutationId, status: 'applied' },
          );
        } else break;
      }
      return Promise.resolve(ok({ lastMutationId: last, results }));
    },
    pull: (after, limit) => {
      pulls.push(after);
      const e = step();
      if (e !== null) return Promise.resolve(err(e));
      const page = changes.filter((c) => c.seq > after).slice(0, limit);
      return Promise.resolve(
        ok({
          changes: page,
          cursor: page.at(-1)?.seq ?? after,
          hasMore: changes.filter((c) => c.seq > after).length > limit,
        }),
      );
    },
    lookup: () => Promise.resolve(lookup),
  };
  return {
    transport,
    pushes,
    pulls,
    script,
    rejectIds,
    last: () => last,
    setLast: (n: number) => {
      last = n;
    },
    setChanges: (c: PullResponse['changes']) => {
      changes = c;
    },
    setLookup: (r: TransportResult<RegistryAnswer>) => {
      lookup = r;
    },
    setMaxBatch: (n: number) => {
      maxBatch = n;
    },
  };
}

const http = (status: number, code = 'x', message = 'HQ says no.'): TransportError => ({
  kind: 'http',
  status,
  code,
  message,
});

interface Rig {
  readonly c: TestCounter;
  readonly store: SyncStore;
  readonly hq: ReturnType<typeof scriptedHq>;
  readonly time: ManualClock;
  readonly statuses: SyncStatus[];
  readonly engine: ReturnType<typeof createSyncEngine>;
  readonly vault: ReturnType<typeof memoryVault>;
  readonly network: NetworkWatch & { set(online: boolean): void };
}

async function rig(over: Partial<SyncEngineDeps> & { enrolled?: boolean } = {}): Promise<Rig> {
  const c = await setupCounter();
  const store = createSyncStore(c.db);
  if (over.enrolled !== false) await store.updateMeta({ hqUrl: HQ, deviceId: 'dev-1' });
  const hq = scriptedHq();
  const time = manualClock();
  const statuses: SyncStatus[] = [];
  const vault = memoryVault(over.enrolled === false ? null : 'secret-token');
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  const network = {
    isOnline: () => online,
    subscribe: (fn: (online: boolean) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    set: (v: boolean) => {
      online = v;
      for (const l of listeners) l(v);
    },
  };
  const engine = createSyncEngine({
    transport: hq.transport,
    store,
    tokens: vault,
    clock: time.clock,
    random: () => 0.5,
    onStatus: (s) => statuses.push(s),
    network,
    options: { batchSize: 2 },
    ...over,
  });
  return { c, store, hq, time, statuses, engine, vault, network };
}

async function ticket(c: TestCounter): Promise<TicketId> {
  const r = await createTicket(c.deps, {
    form: intakeForm(c.techs[0]),
    visitDate: TODAY,
    decision: decision(TODAY),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.ticketId;
}

describe('push and pull', () => {
  it('pushes the outbox in order, in batches, forgets only what HQ acknowledged, then pulls', async () => {
    const r = await rig();
    await ticket(r.c);
    r.hq.setChanges([
      { seq: 7, kind: 'catalog', version: 1, document: { parts: [] }, publishedAt: 1 },
      { seq: 9, kind: 'somethingNew', whatever: true },
    ]);
    const outcome = await r.engine.syncNow();
    expect(outcome).toEqual({ ok: true, pushed: 4, rejected: 0, pulled: 1 });
    expect(r.hq.pushes.map((p) => p.mutations.map((m) => m.mutationId))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(r.hq.pushes[0]?.pendingUpTo).toBe(4);
    expect(await r.store.countOutbox()).toBe(0);
    // The unknown kind is skipped, but the cursor moves past it.
    expect((await readSyncMeta(r.c.db)).cursor).toBe(9);
    expect(r.engine.status()).toMatchObject({
      state: 'idle',
      online: true,
      waiting: 0,
      lastError: null,
      lastSuccessAt: r.time.now(),
    });
  });

  it('keeps what HQ rejected, with its ticket, and moves on', async () => {
    const r = await rig();
    const id = await ticket(r.c);
    r.hq.rejectIds.add(4);
    const outcome = await r.engine.syncNow();
    expect(outcome).toMatchObject({ ok: true, pushed: 4, rejected: 1 });
    expect(await readRejected(r.c.db)).toEqual([
      expect.objectContaining({
        mutationId: 4,
        name: 'createTicket',
        ticketId: id,
        code: 'wrong_center',
      }),
    ]);
    expect(r.engine.status().rejected).toBe(1);
  });

  it('keeps rejected parts entries with their ticket, and one of an unknown name without', async () => {
    const r = await rig();
    const id = await ticket(r.c);
    const tech = r.c.techs[0] as TechnicianId;
    const received = await receiveStock(r.c.deps, {
      technicianId: tech,
      today: TODAY,
      deliveryRef: 'DLV-1',
      lines: [{ partNumber: 'XJ-C5-BTN', quantity: 2 }],
    });
    const fitted = await addPartLine(r.c.deps, {
      ticketId: id,
      technicianId: tech,
      today: TODAY,
      partNumber: 'XJ-C5-BTN',
      quantity: 1,
    });
    if (!received.ok || !fitted.ok) throw new Error('the parts commands failed');
    // An entry this build does not know (written by a newer version, restored from its backup).
    const next = fitted.value.mutationId + 1;
    await r.c.db.outbox.add({
      mutationId: next,
      name: 'fromTheFuture',
      args: { line: { ticketId: id } },
      at: 1,
    } as unknown as OutboxEntry);
    for (const m of [received.value.mutationId, fitted.value.mutationId, next]) {
      r.hq.rejectIds.add(m);
    }
    const outcome = await r.engine.syncNow();
    expect(outcome).toMatchObject({ ok: true, rejected: 3 });
    expect(await r.store.countOutbox()).toBe(0);
    expect((await readRejected(r.c.db)).map((x) => [x.name, x.ticketId, x.code] as const)).toEqual([
      ['receiveStock', null, 'wrong_center'],
      ['addPartLine', id, 'wrong_center'],
      ['fromTheFuture', null, 'wrong_center'],
    ]);
  });

  it('halves the batch when HQ says it is too large', async () => {
    const r = await rig({ options: { batchSize: 4 } });
    await ticket(r.c);
    r.hq.setMaxBatch(1);
    expect((await r.engine.syncNow()).ok).toBe(true);
    expect(r.hq.pushes.map((p) => p.mutations.length)).toEqual([4, 2, 1, 1, 1, 1]);
  });

  it('stops with plain words when HQ has fewer changes than this counter thinks it sent', async () => {
    const r = await rig();
    await r.store.acknowledge(2, []);
    const outcome = await r.engine.syncNow();
    expect(outcome.ok).toBe(false);
    expect(r.engine.status().lastError).toMatch(/up to number 0, but the next one here is 3/);
    expect(await r.store.countOutbox()).toBe(1);
  });
});

describe('failures', () => {
  it('retries network errors, timeouts and 5xx with exponential backoff and full jitter', async () => {
    const r = await rig({ options: { batchSize: 10 } });
    r.hq.script.push({ kind: 'offline', detail: 'x' }, { kind: 'timeout', detail: 'x' }, http(503));
    const done = r.engine.syncNow();
    await settle();
    expect(r.engine.status()).toMatchObject({ online: false, state: 'syncing' });
    expect(r.engine.status().nextRetryAt).toBe(r.time.now() + 500);
    const outcome = await r.time.runUntil(done);
    expect(outcome.ok).toBe(true);
    // random() = 0.5 of 1 s, 2 s, 4 s.
    expect(r.time.requested).toEqual([500, 1000, 2000]);
    expect(r.hq.pushes).toHaveLength(4);
    expect(r.engine.status()).toMatchObject({ state: 'idle', online: true, lastError: null });
  });

  it('gives up after its attempts, keeps every entry and says why in plain words', async () => {
    const r = await rig({ options: { maxAttempts: 3 } });
    r.hq.script.push(http(500), http(502), http(503), http(503));
    const outcome = await r.time.runUntil(r.engine.syncNow());
    expect(outcome).toMatchObject({ ok: false, state: 'error' });
    expect(r.hq.pushes).toHaveLength(3);
    expect(await r.store.countOutbox()).toBe(3);
    expect(r.engine.status().lastError).toMatch(/HQ had a problem \(HTTP 503\).*try again/);
    expect((await readSyncMeta(r.c.db)).lastError).toBe(r.engine.status().lastError);
  });

  it('does not retry other 4xx', async () => {
    const r = await rig();
    r.hq.script.push(http(400, 'bad_request', 'The push request: nope.'));
    const outcome = await r.engine.syncNow();
    expect(outcome).toMatchObject({ ok: false, state: 'error' });
    expect(r.hq.pushes).toHaveLength(1);
    expect(r.engine.status().lastError).toContain('The push request: nope.');
  });

  it('401 asks to enroll again; automatic syncs wait until it is done', async () => {
    const r = await rig();
    r.hq.script.push(http(401, 'revoked_token', 'HQ has revoked this counter’s access.'));
    expect(await r.engine.syncNow()).toMatchObject({ ok: false, state: 'needs_enrollment' });
    expect(r.hq.pushes).toHaveLength(1);
    r.engine.start();
    r.network.set(true);
    await settle();
    expect(r.hq.pushes).toHaveLength(1);
    const e = await r.engine.enroll(`${HQ}/`, 'ABCD-EFGH-JKMN', 'Front desk');
    expect(e.ok).toBe(true);
    await expect.poll(() => r.store.countOutbox()).toBe(0);
    expect(r.engine.status().state).toBe('idle');
    r.engine.stop();
  });
});

describe('one sync at a time, and what starts one', () => {
  it('a second call while a sync runs joins it', async () => {
    const r = await rig({ options: { batchSize: 100 } });
    const a = r.engine.syncNow();
    const b = r.engine.syncNow();
    expect(b).toBe(a);
    await a;
    expect(r.hq.pushes).toHaveLength(1);
  });

  it('syncs at start, when the network is back, every N minutes and shortly after writes', async () => {
    const r = await rig();
    await r.store.updateMeta({ intervalMinutes: 10 });
    r.network.set(false);
    r.engine.start();
    await settle();
    expect(r.hq.pushes).toHaveLength(0);
    expect(r.engine.status().online).toBe(false);

    r.network.set(true);
    await expect.poll(() => r.hq.pulls.length).toBe(1);
    expect(r.hq.pushes).toHaveLength(2);

    await r.time.advance(10 * 60_000);
    await expect.poll(() => r.hq.pulls.length).toBe(2);

    // Two writes close together: one sync, two seconds after the last.
    const tech = r.c.techs[0] as TechnicianId;
    const id = await ticket(r.c);
    await addNote(r.c.deps, { ticketId: id, technicianId: tech, text: 'a' });
    await expect.poll(() => r.engine.status().waiting).toBe(2);
    r.engine.notifyLocalWrite();
    await r.time.advance(1_999);
    expect(r.hq.pulls).toHaveLength(2);
    await r.time.advance(1);
    await expect.poll(() => r.hq.pulls.length).toBe(3);
    expect(await r.store.countOutbox()).toBe(0);

    r.engine.stop();
    await r.time.advance(60 * 60_000);
    expect(r.hq.pulls).toHaveLength(3);
  });

  it('shows what the last session left as soon as it starts', async () => {
    const r = await rig();
    await r.store.updateMeta({ lastSuccessAt: 1234, lastError: 'HQ had a problem.' });
    r.network.set(false);
    r.engine.start();
    await expect.poll(() => r.engine.status().lastSuccessAt).toBe(1234);
    expect(r.engine.status()).toMatchObject({
      waiting: 3,
      online: false,
      lastError: 'HQ had a problem.',
    });
    r.engine.stop();
  });

  it('says it is not enrolled, and does nothing else, before enrollment', async () => {
    const r = await rig({ enrolled: false });
    expect(await r.engine.syncNow()).toMatchObject({ ok: false, state: 'not_enrolled' });
    expect(r.hq.pushes).toHaveLength(0);
    expect(r.engine.status()).toMatchObject({ state: 'not_enrolled', waiting: 3 });
  });
});

describe('enrollment and registry lookups', () => {
  it('enroll stores the token with the host and HQ’s address, device and center in settings', async () => {
    const r = await rig({ enrolled: false });
    expect(await r.engine.enroll('ftp://x', 'CODE', 'Desk')).toMatchObject({ ok: false });
    const e = await r.engine.enroll(' https://hq.example.com/ ', 'ABCD-EFGH-JKMN', 'Desk');
    expect(e).toEqual({
      ok: true,
      value: { deviceId: 'dev-1', centerCode: 'BLR01', centerName: 'Smart Care' },
    });
    expect(r.vault.token()).toBe('secret-token');
    expect(await readSyncMeta(r.c.db)).toMatchObject({
      hqUrl: 'https://hq.example.com',
      deviceId: 'dev-1',
      centerCode: 'BLR01',
      cursor: 0,
    });
  });

  it('lookupSerial answers found, unknown or offline (with the last answer known)', async () => {
    const r = await rig();
    const answer: RegistryAnswer = {
      serial: 'XJ20240001ABCD' as RegistryAnswer['serial'],
      registered: true,
      brand: 'xinji',
      model: 'C5',
      activationDate: plainDate('2025-03-10'),
      sold: null,
      repairs: [],
      freeReplacementsGiven: 0,
      answeredAt: 5,
    };
    r.hq.setLookup(ok(answer));
    expect(await r.engine.lookupSerial('XJ20240001ABCD')).toEqual({ status: 'found', answer });
    r.hq.setLookup(err({ kind: 'timeout', detail: 'x' }));
    expect(await r.engine.lookupSerial('xj20240001abcd')).toEqual({
      status: 'offline',
      cached: answer,
    });
    r.hq.setLookup(err(http(404, 'unknown_serial')));
    expect(await r.engine.lookupSerial('NOPE0000')).toEqual({ status: 'unknown' });
    r.hq.setLookup(err({ kind: 'not_enrolled', detail: 'x' }));
    expect(await r.engine.lookupSerial('NOPE0000')).toEqual({ status: 'not_enrolled' });
  });
});
