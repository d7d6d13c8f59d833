import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '../../../hq/testing/drivers';
import { startTestHq, type TestHq } from '../../../hq/testing/harness';
import { addNote, changeStatus, createTicket, setQuote } from '../../../renderer/data/commands';
import { readRejected } from '../../../renderer/data/syncStore';
import { decision, intakeForm } from '../../../renderer/data/testkit';
import { cents } from '../../../shared/domain/money';
import { isFinalStatus, nextStatuses } from '../../../shared/domain/ticket';
import {
  counterState,
  hqState,
  mutationLog,
  networkError,
  startCounter,
  TODAY,
  type Counter,
  type Interceptor,
} from './support';

/*
 * Several counters with their own databases and the real commands write at random, and sync
 * through a network that duplicates, delays, reorders whole requests and drops responses. When
 * the network settles, HQ holds exactly what the counters wrote: every ticket, event and status,
 * nothing lost, nothing twice.
 */

const drivers = await testDrivers('tests/unit/hq-sync/convergence.test.ts');
afterAll(() => {
  drivers.stop();
});

const RUNS = Number(process.env['HQ_SYNC_PROPERTY_RUNS'] ?? 10);

type Op =
  | { readonly kind: 'create'; readonly client: number; readonly paid: boolean }
  | { readonly kind: 'note'; readonly client: number; readonly pick: number }
  | { readonly kind: 'status'; readonly client: number; readonly pick: number; readonly to: number }
  | {
      readonly kind: 'quote';
      readonly client: number;
      readonly pick: number;
      readonly amount: number;
    }
  | { readonly kind: 'sync'; readonly client: number }
  /** The app closes while HQ's answer is on its way, and starts again. */
  | { readonly kind: 'crash'; readonly client: number }
  | { readonly kind: 'deliver'; readonly pick: number };

const client = fc.nat(3);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('create' as const), client, paid: fc.boolean() }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('note' as const), client, pick: fc.nat() }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      client,
      pick: fc.nat(),
      to: fc.nat(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('quote' as const),
      client,
      pick: fc.nat(),
      amount: fc.integer({ min: 100, max: 1_000_000 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('sync' as const), client }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('crash' as const), client }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }), weight: 1 },
);

/** mulberry32: the network's coin flips, from the run's seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Network {
  readonly intercept: Interceptor;
  /** Requests held back, to arrive later than requests sent after them. */
  readonly held: { url: string; init: RequestInit }[];
  calm: boolean;
  /** The next request reaches HQ and its answer never comes back (the app is closing). */
  hangNext: boolean;
  hung: number;
}

/** A network that drops, duplicates, and holds copies of requests back for later. */
function chaos(seed: number): Network {
  const flip = prng(seed);
  const net: Network = {
    held: [],
    calm: false,
    hangNext: false,
    hung: 0,
    intercept: async (url, init, real) => {
      if (net.hangNext) {
        net.hangNext = false;
        await real(url, init);
        net.hung += 1;
        return new Promise<Response>(() => undefined);
      }
      if (net.calm) return real(url, init);
      const r = flip();
      if (r < 0.12) throw networkError(); // lost on the way there
      if (r < 0.24) {
        await real(url, init); // HQ did it; the answer is lost
        throw networkError();
      }
      if (r < 0.36) {
        const [a] = await Promise.all([real(url, init), real(url, init)]);
        return a;
      }
      if (r < 0.5) net.held.push({ url, init }); // a copy arrives later, out of order
      return real(url, init);
    },
  };
  return net;
}

async function apply(counters: readonly Counter[], net: Network, o: Op): Promise<void> {
  if (o.kind === 'deliver') {
    const [late] = net.held.splice(o.pick % Math.max(1, net.held.length), 1);
    if (late !== undefined) await fetch(late.url, late.init).catch(() => undefined);
    return;
  }
  const k = counters[o.client % counters.length];
  if (k === undefined) return;
  const tech = k.tech();
  const tickets = (await k.c.db.tickets.toArray()).sort((a, b) => a.id.localeCompare(b.id));
  const t = 'pick' in o ? tickets[o.pick % Math.max(1, tickets.length)] : undefined;
  switch (o.kind) {
    case 'create':
      await createTicket(k.c.deps, {
        form: intakeForm(tech),
        visitDate: TODAY,
        decision: o.paid ? decision(TODAY, { covered: false, charge: 'paid' }) : decision(TODAY),
      });
      return;
    case 'note':
      if (t !== undefined)
        await addNote(k.c.deps, { ticketId: t.id, technicianId: tech, text: 'n' });
      return;
    case 'status': {
      if (t === undefined) return;
      const options = nextStatuses(t.status, {
        charge: t.decision.charge,
        hasQuote: t.quote !== null,
      });
      const to = options[o.to % Math.max(1, options.length)];
      if (to !== undefined) {
        await changeStatus(k.c.deps, { ticketId: t.id, to, technicianId: tech, reason: 'why' });
      }
      return;
    }
    case 'quote': {
      const amount = cents(o.amount);
      if (t !== undefined && amount !== null && !isFinalStatus(t.status)) {
        await setQuote(k.c.deps, { ticketId: t.id, technicianId: tech, amount });
      }
      return;
    }
    case 'sync':
      await k.engine.syncNow();
      return;
    case 'crash': {
      const hung = net.hung;
      net.hangNext = true;
      const sync = k.engine.syncNow();
      // Until the answer is lost, or the sync ended before sending anything.
      const sync$ = { ended: false };
      void sync.finally(() => {
        sync$.ended = true;
      });
      while (net.hung === hung && !sync$.ended) await new Promise((r) => setTimeout(r, 1));
      net.hangNext = false;
      k.engine.stop();
      k.engine = k.restart();
      return;
    }
  }
}

describe.each(drivers.drivers)('convergence on $name', ({ openDb }) => {
  let hq: TestHq;
  let run = 0;

  beforeAll(async () => {
    hq = await startTestHq(openDb);
  });
  afterAll(async () => {
    await hq.close();
  });

  it('counters that write and sync through a bad network end up exactly in HQ', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        fc.array(op, { minLength: 5, maxLength: 30 }),
        fc.integer(),
        async (clients, shareCenter, ops, seed) => {
          run += 1;
          const centers: string[] = [];
          const counters: Counter[] = [];
          const net = chaos(seed);
          for (let i = 0; i < clients; i++) {
            // Two counters of one center when shareCenter: their tickets must not mix up.
            const code = shareCenter && i === 1 ? `P${run}C0` : `P${run}C${i}`;
            if (!centers.includes(code)) centers.push(code);
            const k = await startCounter(hq, code, { sync: { maxAttempts: 3, batchSize: 5 } });
            k.intercept = net.intercept;
            counters.push(k);
          }
          for (const o of ops) await apply(counters, net, o);

          // The network settles: late copies arrive, then every counter syncs until done.
          for (const late of net.held.splice(0)) {
            await fetch(late.url, late.init).catch(() => undefined);
          }
          net.calm = true;
          for (const k of counters) {
            const outcome = await k.engine.syncNow();
            expect(outcome.ok ? null : outcome.error).toBeNull();
            expect(await k.store.countOutbox()).toBe(0);
            expect(await readRejected(k.c.db)).toEqual([]);
          }

          const union = { tickets: [] as unknown[], events: [] as string[] };
          for (const k of counters) {
            const s = await counterState(k.c);
            union.tickets.push(...s.tickets);
            union.events.push(...s.events);
            // Every mutation of the counter once, none missing, none rejected.
            const log = await mutationLog(hq, (await k.store.readMeta()).deviceId ?? '');
            const written = await k.store.highestWritten();
            expect(log.map((r) => [Number(r['mutation_id']), r['status']])).toEqual(
              Array.from({ length: written }, (_, i) => [i + 1, 'applied']),
            );
          }
          const atHq = await hqState(hq, centers);
          expect(atHq.tickets).toEqual(
            [...(union.tickets as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id)),
          );
          expect(atHq.events).toEqual(union.events.sort());
          for (const k of counters) k.engine.stop();
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
