/*
 * A counter (its own fake IndexedDB, the real commands, the real sync engine and HTTP transport)
 * talking to the real HQ over HTTP, with faults injected into its fetch.
 */
import type { TechnicianId, TicketId } from '../../../shared/domain/ids';
import type { TicketStatus } from '../../../shared/domain/ticket';
import type { TestHq } from '../../../hq/testing/harness';
import { createTicket, type CommandResult } from '../../../renderer/data/commands';
import { createSyncStore, type SyncStore } from '../../../renderer/data/syncStore';
import {
  CENTER,
  decision,
  intakeForm,
  plainDate,
  setupCounter,
  type TestCounter,
} from '../../../renderer/data/testkit';
import {
  createSyncEngine,
  type SyncClock,
  type SyncEngine,
  type SyncOptions,
  type SyncStatus,
} from '../../../renderer/sync/engine';
import { memoryVault } from '../../../renderer/sync/testing';
import { createHttpTransport, type FetchLike } from '../../../renderer/sync/transport';

export const TODAY = plainDate('2025-07-01');

export const realFetch: FetchLike = (url, init) => fetch(url, init);

/** Network errors as fetch raises them. */
export const networkError = () => new TypeError('fetch failed');
export const timeoutError = () =>
  new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/** A clock whose timers fire on the next turn, whatever they ask for; it records what they ask. */
export function instantClock(start = Date.UTC(2025, 6, 1, 9)): SyncClock & {
  readonly requested: number[];
} {
  let now = start;
  const requested: number[] = [];
  return {
    requested,
    now: () => now,
    setTimer: (fn, ms) => {
      requested.push(ms);
      const h = setTimeout(() => {
        now += ms;
        fn();
      }, 0);
      return () => {
        clearTimeout(h);
      };
    },
  };
}

/** fetch with a hook in front: the hook may call `real` (or not), and answer what it likes. */
export type Interceptor = (url: string, init: RequestInit, real: FetchLike) => Promise<Response>;

export interface Counter {
  readonly c: TestCounter;
  readonly store: SyncStore;
  /** Replaced when a test restarts the app. */
  engine: SyncEngine;
  readonly vault: ReturnType<typeof memoryVault>;
  readonly clock: ReturnType<typeof instantClock>;
  readonly statuses: SyncStatus[];
  /** Replace to inject faults; null passes everything through. */
  intercept: Interceptor | null;
  /** A second engine over the same database (the app restarted). */
  restart(): SyncEngine;
  tech(): TechnicianId;
}

let seeds = 1000;

export async function startCounter(
  hq: TestHq,
  center: string,
  options: { readonly seed?: number; readonly sync?: Partial<SyncOptions> } = {},
): Promise<Counter> {
  // Each counter its own random source: the installation id is made from it.
  const c = await setupCounter({
    center: { ...CENTER, code: center },
    seed: options.seed ?? (seeds += 1),
  });
  const store = createSyncStore(c.db);
  const vault = memoryVault();
  const clock = instantClock();
  const statuses: SyncStatus[] = [];
  let intercept: Interceptor | null = null;
  const fetchFn: FetchLike = (url, init) =>
    intercept === null ? realFetch(url, init) : intercept(url, init, realFetch);
  const makeEngine = (): SyncEngine =>
    createSyncEngine({
      transport: createHttpTransport({
        fetch: fetchFn,
        tokens: vault,
        baseUrl: async () => (await store.readMeta()).hqUrl,
        timeoutMs: 10_000,
      }),
      store,
      tokens: vault,
      clock,
      random: () => 0.5,
      onStatus: (s) => statuses.push(s),
      options: { batchSize: 50, maxAttempts: 5, ...options.sync },
    });
  const counter: Counter = {
    c,
    store,
    vault,
    clock,
    statuses,
    get intercept() {
      return intercept;
    },
    set intercept(i: Interceptor | null) {
      intercept = i;
    },
    engine: makeEngine(),
    restart: makeEngine,
    tech: () => c.techs[0] as TechnicianId,
  };
  const enrolled = await counter.engine.enroll(hq.url, await hq.issueCode(center), 'Front desk');
  if (!enrolled.ok) throw new Error(enrolled.error);
  return counter;
}

export function value<T>(r: CommandResult<T>): T {
  if (!r.ok) throw new Error(`command failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function newTicket(c: TestCounter, serial?: string): Promise<TicketId> {
  const r = await createTicket(c.deps, {
    form: intakeForm(c.techs[0], serial === undefined ? {} : { serial }),
    visitDate: TODAY,
    decision: decision(TODAY),
  });
  return value(r).ticketId;
}

/** What a counter holds, in the terms HQ's tables use, to compare the two. */
export async function counterState(c: TestCounter) {
  const tickets = await c.db.tickets.toArray();
  const events = await c.db.ticketEvents.toArray();
  return {
    tickets: tickets
      .map((t) => ({
        id: t.id,
        number: t.number,
        status: t.status,
        quote: t.quote?.amount ?? null,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    events: events.map((e) => `${e.ticketId}/${e.id}/${e.kind}`).sort(),
  };
}

export async function hqState(hq: TestHq, centers: readonly string[]) {
  const tickets = await hq.db.query(
    `SELECT id, number, status, (quote ->> 'amount')::bigint AS quote FROM tickets
     WHERE center_code IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id`,
    [JSON.stringify(centers)],
  );
  const events = await hq.db.query(
    `SELECT e.ticket_id, e.id, e.kind FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
     WHERE t.center_code IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(centers)],
  );
  return {
    tickets: tickets
      .map((t) => ({
        id: String(t['id']),
        number: String(t['number']),
        status: String(t['status']) as TicketStatus,
        quote: t['quote'] === null ? null : Number(t['quote']),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    events: events
      .map((e) => `${String(e['ticket_id'])}/${String(e['id'])}/${String(e['kind'])}`)
      .sort(),
  };
}

export async function mutationLog(hq: TestHq, deviceId: string) {
  return hq.db.query(
    'SELECT mutation_id, status FROM mutation_log WHERE device_id = $1 ORDER BY mutation_id',
    [deviceId],
  );
}
