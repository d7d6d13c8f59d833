import type { TicketId } from '../../shared/domain/ids';
import { missingCaseError } from '../../shared/lib/assert';
import { err, ok, type Result } from '../../shared/lib/result';
import { mutationTicketId } from '../../shared/sync/mutations';
import {
  DEFAULT_PULL_LIMIT,
  PullChangeSchema,
  type PullChange,
  type PushResponse,
  type RegistryAnswer,
} from '../../shared/sync/protocol';
import type { CenterCode } from '../../shared/domain/ticket';
import type { OutboxEntry, RejectedMutation } from '../data/db';
import type { SyncStore } from '../data/syncStore';
import {
  normalizeHqUrl,
  type SyncTransport,
  type TokenVault,
  type TransportError,
} from './transport';

/**
 * The ticket an outbox entry concerns, to show its rejection on; null for settings and stock
 * (parts entries through shared/parts' `partsMutationTicketId`). Never throws: an entry of a name
 * this build does not know, or with arguments of another shape (restored from a backup written by
 * another version), has no ticket rather than breaking the sync round.
 */
export function ticketIdOf(e: OutboxEntry): TicketId | null {
  try {
    const id: unknown = mutationTicketId(e);
    return typeof id === 'string' ? (id as TicketId) : null;
  } catch {
    return null;
  }
}

/*
 * The counter's sync engine (DESIGN.md, "Sync with HQ"). One sync at a time: push the outbox in
 * order, in batches, forgetting entries only up to the id HQ acknowledged and keeping the ones HQ
 * rejected for the counter to see; then pull HQ's changes after the stored cursor and store each
 * page with its cursor. Network errors, timeouts and 5xx are retried with exponential backoff and
 * full jitter; other 4xx are not; 401 asks for enrollment. The counter never waits on any of it.
 *
 * Time, timers and randomness are parameters (STYLE.md 8), so tests drive them.
 */

export interface SyncClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: SyncClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    return () => {
      clearTimeout(handle);
    };
  },
};

/** The network as the browser sees it; `online` events trigger a sync. */
export interface NetworkWatch {
  isOnline(): boolean;
  /** Calls `onChange` when the browser goes on- or offline; returns unsubscribe. */
  subscribe(onChange: (online: boolean) => void): () => void;
}

export function browserNetwork(view: Window): NetworkWatch {
  return {
    isOnline: () => view.navigator.onLine,
    subscribe: (onChange) => {
      const on = () => {
        onChange(true);
      };
      const off = () => {
        onChange(false);
      };
      view.addEventListener('online', on);
      view.addEventListener('offline', off);
      return () => {
        view.removeEventListener('online', on);
        view.removeEventListener('offline', off);
      };
    },
  };
}

const ALWAYS_ONLINE: NetworkWatch = { isOnline: () => true, subscribe: () => () => undefined };

export interface SyncOptions {
  /** Outbox entries per push. */
  readonly batchSize: number;
  /** Changes per pull page. */
  readonly pullLimit: number;
  /** Tries per request before the sync gives up until its next trigger. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long after a local write the sync starts (writes close together share one sync). */
  readonly debounceMs: number;
  /** Registry lookups at intake must answer fast, or the counter goes on offline. */
  readonly lookupTimeoutMs: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: 200,
  pullLimit: DEFAULT_PULL_LIMIT,
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  debounceMs: 2_000,
  lookupTimeoutMs: 3_000,
};

export type SyncState =
  | 'not_enrolled'
  | 'idle'
  | 'syncing'
  /** The last attempt could not reach HQ; work waits here and goes when the network is back. */
  | 'offline'
  /** The last sync failed for another reason (`lastError` says which). */
  | 'error'
  /** HQ no longer accepts this counter's token: enroll again. */
  | 'needs_enrollment';

/** Always available, for the status bar: is HQ reachable, what waits, what went wrong. */
export interface SyncStatus {
  readonly state: SyncState;
  readonly online: boolean;
  /** Changes saved here that HQ has not acknowledged yet. */
  readonly waiting: number;
  /** Changes HQ refused, kept for the counter to see on their tickets. */
  readonly rejected: number;
  readonly lastSuccessAt: number | null;
  readonly lastAttemptAt: number | null;
  /** In plain words, for the person at the counter; null after a success. */
  readonly lastError: string | null;
  /** When the engine will try again on its own, while it is backing off. */
  readonly nextRetryAt: number | null;
}

export type SyncOutcome =
  | {
      readonly ok: true;
      readonly pushed: number;
      readonly rejected: number;
      readonly pulled: number;
    }
  | { readonly ok: false; readonly state: SyncState; readonly error: string };

export type SerialLookup =
  | { readonly status: 'found'; readonly answer: RegistryAnswer }
  /** HQ knows nothing of this serial (not in the registry, never repaired). */
  | { readonly status: 'unknown' }
  /** HQ could not be asked now: decide provisionally; `cached` is the last answer, if any. */
  | { readonly status: 'offline'; readonly cached: RegistryAnswer | null }
  | { readonly status: 'not_enrolled' };

export interface EnrollOutcome {
  readonly deviceId: string;
  readonly centerCode: CenterCode;
  readonly centerName: string;
}

export interface SyncEngine {
  /** App start: watch the network and the outbox, sync now and every N minutes. */
  start(): void;
  stop(): void;
  /** Syncs now; joins the sync already running, if one is. */
  syncNow(): Promise<SyncOutcome>;
  /** A command wrote something: sync shortly (debounced). */
  notifyLocalWrite(): void;
  status(): SyncStatus;
  enroll(hqUrl: string, code: string, deviceName: string): Promise<Result<EnrollOutcome, string>>;
  lookupSerial(serial: string): Promise<SerialLookup>;
}

export interface SyncEngineDeps {
  readonly transport: SyncTransport;
  readonly store: SyncStore;
  readonly tokens: TokenVault;
  readonly clock?: SyncClock;
  /** Uniform in [0, 1), for the backoff's jitter. */
  readonly random?: () => number;
  readonly onStatus?: (status: SyncStatus) => void;
  readonly network?: NetworkWatch;
  readonly options?: Partial<SyncOptions>;
  readonly appVersion?: string;
}

// ---------------------------------------------------------------------------------------------
// Failures in plain words

type Failure = { readonly state: SyncState; readonly error: string; readonly retry: boolean };

function classify(e: TransportError): Failure {
  switch (e.kind) {
    case 'offline':
      return {
        state: 'offline',
        retry: true,
        error:
          'HQ could not be reached: the network seems to be down. Work is saved on this counter and goes to HQ when the network is back.',
      };
    case 'timeout':
      return {
        state: 'offline',
        retry: true,
        error: 'HQ did not answer in time. Work is saved on this counter; Counter will try again.',
      };
    case 'not_enrolled':
      return {
        state: 'not_enrolled',
        retry: false,
        error:
          'This counter is not enrolled with HQ yet: enter HQ’s address and the enrollment code in Settings.',
      };
    case 'protocol':
      return {
        state: 'error',
        retry: true,
        error:
          'The answer from HQ’s address was not from HQ (a login page or a proxy?). Check HQ’s address in Settings; Counter will try again.',
      };
    case 'http':
      if (e.status === 401) {
        return {
          state: 'needs_enrollment',
          retry: false,
          error: `${e.message} Work is saved on this counter and goes to HQ once it is enrolled again.`,
        };
      }
      if (e.status >= 500 || e.status === 429 || e.status === 408) {
        return {
          state: 'error',
          retry: true,
          error: `HQ had a problem (HTTP ${e.status}). Work is saved on this counter; Counter will try again.`,
        };
      }
      return {
        state: 'error',
        retry: false,
        error: `HQ refused the sync (HTTP ${e.status}, ${e.code}): ${e.message} Work stays saved on this counter; call HQ support.`,
      };
    default:
      throw missingCaseError(e);
  }
}

class SyncFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

// ---------------------------------------------------------------------------------------------

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { transport, store, tokens } = deps;
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const network = deps.network ?? ALWAYS_ONLINE;
  const options: SyncOptions = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };

  let status: SyncStatus = {
    state: 'idle',
    online: network.isOnline(),
    waiting: 0,
    rejected: 0,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    nextRetryAt: null,
  };
  let running: Promise<SyncOutcome> | null = null;
  let again = false;
  let stopped = false;
  let started = false;
  // Read through a function: `stop()` can change it while a sync awaits.
  const isStopped = () => stopped;
  const cancels = new Set<() => void>();
  let cancelDebounce: (() => void) | null = null;
  let cancelPeriodic: (() => void) | null = null;

  const setStatus = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    deps.onStatus?.(status);
  };

  const timer = (fn: () => void, ms: number): (() => void) => {
    const cancel = clock.setTimer(() => {
      cancels.delete(cancel);
      fn();
    }, ms);
    cancels.add(cancel);
    return () => {
      cancels.delete(cancel);
      cancel();
    };
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      timer(resolve, ms);
    });

  /** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)). */
  const backoff = (attempt: number) =>
    Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt));

  async function withRetry<T>(
    request: () => Promise<Result<T, TransportError>>,
  ): Promise<Result<T, TransportError>> {
    for (let attempt = 0; ; attempt++) {
      const r = await request();
      if (r.ok) {
        if (!status.online) setStatus({ online: true });
        return r;
      }
      const f = classify(r.error);
      if (f.state === 'offline' && status.online) setStatus({ online: false });
      if (!f.retry || attempt + 1 >= options.maxAttempts || stopped) return r;
      const delay = backoff(attempt);
      setStatus({ nextRetryAt: clock.now() + delay, lastError: f.error });
      await sleep(delay);
      setStatus({ nextRetryAt: null });
      if (isStopped()) return r;
    }
  }

  const fail = (e: TransportError): never => {
    throw new SyncFailure(classify(e));
  };

  async function pushAll(): Promise<{ pushed: number; rejected: number }> {
    let batchSize = options.batchSize;
    let pushed = 0;
    let rejectedCount = 0;
    let lastAcked = -1;
    let renumbered = 0;
    for (;;) {
      const entries = await store.readOutbox(batchSize);
      const first = entries[0];
      const last = entries.at(-1);
      if (first === undefined || last === undefined) break;
      const r = await withRetry(async () =>
        transport.push({
          mutations: entries.map((e) => ({
            mutationId: e.mutationId,
            name: e.name,
            args: e.args,
            at: e.at,
          })),
          pendingUpTo: await store.highestWritten(),
          ...(deps.appVersion === undefined ? {} : { appVersion: deps.appVersion }),
        }),
      );
      if (!r.ok) {
        if (r.error.kind === 'http' && r.error.status === 413 && entries.length > 1) {
          // Too large for HQ at once: halve what was sent and go on.
          batchSize = Math.ceil(entries.length / 2);
          continue;
        }
        if (r.error.kind === 'http' && r.error.status === 413) {
          throw new SyncFailure({
            state: 'error',
            retry: false,
            error: `Change ${first.mutationId} is too large for HQ to accept. Work stays saved on this counter; call HQ support.`,
          });
        }
        return fail(r.error);
      }
      const acked = r.value.lastMutationId;
      const reused = r.value.results
        .filter((x) => x.status === 'rejected' && x.error?.code === 'id_reused')
        .map((x) => x.mutationId);
      if (reused.length > 0) {
        // HQ has other changes under these numbers (a restored backup set the counter back):
        // settle what came before, give the rest new numbers after HQ's, and send them again.
        const from = Math.min(...reused);
        if ((renumbered += 1) > 3 || acked + 1 <= from) {
          throw new SyncFailure({
            state: 'error',
            retry: false,
            error: `HQ and this counter disagree about change number ${from}. Nothing is lost on this counter; call HQ support.`,
          });
        }
        const before = entries.filter((e) => e.mutationId < from);
        await store.acknowledge(from - 1, rejectionsOf(before, r.value));
        await store.renumber(from, acked + 1);
        pushed += before.length;
        continue;
      }
      const rejected = rejectionsOf(entries, r.value);
      await store.acknowledge(acked, rejected);
      pushed += entries.filter((e) => e.mutationId <= acked).length;
      rejectedCount += rejected.length;
      setStatus({ waiting: await store.countOutbox(), rejected: await store.countRejected() });
      if (acked < first.mutationId - 1 || acked <= lastAcked) {
        // HQ expects an id this counter no longer has (HQ restored from a backup?), or
        // acknowledged nothing new: pushing again would change nothing.
        throw new SyncFailure({
          state: 'error',
          retry: false,
          error: `HQ has this counter’s changes up to number ${acked}, but the next one here is ${first.mutationId}. Nothing is lost on this counter; call HQ support.`,
        });
      }
      lastAcked = acked;
    }
    return { pushed, rejected: rejectedCount };
  }

  function rejectionsOf(entries: readonly OutboxEntry[], res: PushResponse): RejectedMutation[] {
    const byId = new Map(entries.map((e) => [e.mutationId, e]));
    const now = clock.now();
    return res.results.flatMap((x) => {
      const e = byId.get(x.mutationId);
      if (x.status !== 'rejected' || e === undefined || x.mutationId > res.lastMutationId) {
        return [];
      }
      return [
        {
          mutationId: x.mutationId,
          name: e.name,
          at: e.at,
          ticketId: ticketIdOf(e),
          code: x.error?.code ?? 'rejected',
          message: x.error?.message ?? 'HQ did not accept this change.',
          rejectedAt: now,
        },
      ];
    });
  }

  async function pullAll(): Promise<number> {
    let cursor = (await store.readMeta()).cursor;
    let pulled = 0;
    for (;;) {
      const r = await withRetry(() => transport.pull(cursor, options.pullLimit));
      if (!r.ok) return fail(r.error);
      // A kind this counter does not know yet (a newer HQ) is skipped, not fatal.
      const changes = r.value.changes.flatMap((c): PullChange[] => {
        const p = PullChangeSchema.safeParse(c);
        return p.success ? [p.data] : [];
      });
      await store.savePulled(changes, r.value.cursor);
      pulled += changes.length;
      if (!r.value.hasMore || r.value.cursor <= cursor) break;
      cursor = r.value.cursor;
    }
    return pulled;
  }

  async function runOnce(): Promise<SyncOutcome> {
    const meta = await store.readMeta();
    const waiting = await store.countOutbox();
    const rejected = await store.countRejected();
    if (meta.hqUrl === null) {
      setStatus({ state: 'not_enrolled', waiting, rejected });
      return {
        ok: false,
        state: 'not_enrolled',
        error: classify({ kind: 'not_enrolled', detail: '' }).error,
      };
    }
    setStatus({
      state: 'syncing',
      waiting,
      rejected,
      lastAttemptAt: clock.now(),
      lastSuccessAt: status.lastSuccessAt ?? meta.lastSuccessAt,
    });
    try {
      const pushed = await pushAll();
      const pulled = await pullAll();
      const now = clock.now();
      await store.updateMeta({ lastSuccessAt: now, lastError: null });
      setStatus({ state: 'idle', online: true, lastSuccessAt: now, lastError: null });
      return { ok: true, pushed: pushed.pushed, rejected: pushed.rejected, pulled };
    } catch (e) {
      const f: Failure =
        e instanceof SyncFailure
          ? e.failure
          : {
              state: 'error',
              retry: false,
              error: `Counter could not finish the sync: ${e instanceof Error ? e.message : String(e)}. Work stays saved on this counter.`,
            };
      await store.updateMeta({ lastError: f.error }).catch(() => undefined);
      setStatus({ state: f.state, lastError: f.error, nextRetryAt: null });
      return { ok: false, state: f.state, error: f.error };
    }
  }

  function syncNow(): Promise<SyncOutcome> {
    if (running !== null) return running;
    const run = runOnce().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        request();
      }
    });
    running = run;
    return run;
  }

  /** An automatic trigger: skipped while offline or waiting for enrollment. */
  function request(): void {
    if (stopped) return;
    if (running !== null) {
      again = true;
      return;
    }
    if (!network.isOnline() || status.state === 'needs_enrollment') return;
    void syncNow();
  }

  function schedulePeriodic(minutes: number): void {
    cancelPeriodic?.();
    cancelPeriodic = timer(
      () => {
        request();
        void store.readMeta().then((m) => {
          if (!stopped) schedulePeriodic(m.intervalMinutes);
        });
      },
      Math.max(1, minutes) * 60_000,
    );
  }

  let unsubscribe: (() => void)[] = [];

  /** Shortly after a local write; writes close together share one sync. */
  function soon(): void {
    cancelDebounce?.();
    cancelDebounce = timer(request, options.debounceMs);
  }

  return {
    start: () => {
      if (started) return;
      started = true;
      stopped = false;
      setStatus({ online: network.isOnline() });
      let lastCount: number | null = null;
      unsubscribe = [
        network.subscribe((online) => {
          setStatus({ online });
          if (online) request();
        }),
        store.watchOutbox((count) => {
          setStatus({ waiting: count });
          // More waiting than before: a command just wrote.
          if (lastCount !== null && count > lastCount) soon();
          lastCount = count;
        }),
      ];
      void store.readMeta().then(async (m) => {
        if (stopped) return;
        // What the last session left, so the status bar is right before the first sync ends.
        setStatus({
          ...(m.hqUrl === null && status.state === 'idle' ? { state: 'not_enrolled' } : {}),
          lastSuccessAt: status.lastSuccessAt ?? m.lastSuccessAt,
          lastError: status.lastError ?? m.lastError,
          rejected: await store.countRejected(),
        });
        schedulePeriodic(m.intervalMinutes);
      });
      request();
    },
    stop: () => {
      stopped = true;
      started = false;
      for (const u of unsubscribe) u();
      unsubscribe = [];
      for (const cancel of [...cancels]) cancel();
      cancels.clear();
    },
    syncNow,
    notifyLocalWrite: soon,
    status: () => status,

    enroll: async (hqUrl, code, deviceName) => {
      const url = normalizeHqUrl(hqUrl);
      if (url === null) {
        return err('Enter HQ’s address as it was given to you, starting with https://.');
      }
      const r = await transport.enroll(url, {
        code,
        deviceName,
        installationId: await store.installationId(),
        ...(deps.appVersion === undefined ? {} : { appVersion: deps.appVersion }),
      });
      if (!r.ok) {
        const e = r.error;
        return err(
          e.kind === 'http'
            ? e.message
            : e.kind === 'protocol'
              ? 'That address did not answer like HQ. Check it and try again.'
              : 'HQ could not be reached at that address. Check the address and the network, then try again.',
        );
      }
      const saved = await tokens.setToken({ token: r.value.token });
      if (!saved.ok) return err(`The token from HQ could not be stored: ${saved.error.message}`);
      const before = await store.readMeta();
      await store.updateMeta({
        hqUrl: url,
        deviceId: r.value.deviceId,
        centerCode: r.value.centerCode,
        // Another HQ numbers its changes apart: start its log from the beginning.
        cursor: before.hqUrl === url ? before.cursor : 0,
        lastError: null,
      });
      setStatus({ state: 'idle', lastError: null });
      if (started) request();
      return ok({
        deviceId: r.value.deviceId,
        centerCode: r.value.centerCode,
        centerName: r.value.centerName,
      });
    },

    lookupSerial: async (serial) => {
      const cached = await store.readRegistryAnswer(serial);
      const r = await transport.lookup(serial, options.lookupTimeoutMs);
      if (r.ok) {
        await store.saveRegistryAnswer(r.value);
        return { status: 'found', answer: r.value };
      }
      const e = r.error;
      if (e.kind === 'http' && e.status === 404) return { status: 'unknown' };
      if (e.kind === 'not_enrolled') return { status: 'not_enrolled' };
      if (e.kind === 'http' && e.status === 401) {
        setStatus({ state: 'needs_enrollment', lastError: classify(e).error });
        return { status: 'not_enrolled' };
      }
      return { status: 'offline', cached };
    },
  };
}
