/*
 * Test support for the sync engine: a clock whose time and timers the test moves, and an
 * in-memory token vault standing in for the host. Imported only by tests.
 */
import { fail, succeed } from '../../shared/ipc/contract';
import type { SyncClock } from './engine';
import type { TokenVault } from './transport';

export interface ManualClock {
  readonly clock: SyncClock;
  /** The delays timers were set with, in order. */
  readonly requested: number[];
  now(): number;
  /** Moves time on by `ms`, running each timer that falls due (and what it starts) in order. */
  advance(ms: number): Promise<void>;
  /** Runs timers as they fall due until `done` settles (or `maxMs` of fake time passes). */
  runUntil<T>(done: Promise<T>, maxMs?: number): Promise<T>;
  pendingTimers(): number;
}

/** Lets promise chains started by a timer run (storage and fetch resolve on later ticks). */
export const settle = async (rounds = 5): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

export function manualClock(start = Date.UTC(2025, 6, 1, 9)): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const requested: number[] = [];
  const next = () => {
    let best: [number, { at: number; fn: () => void }] | null = null;
    for (const entry of timers) if (best === null || entry[1].at < best[1].at) best = entry;
    return best;
  };
  const advance = async (ms: number) => {
    const target = now + ms;
    await settle();
    for (let t = next(); t !== null && t[1].at <= target; t = next()) {
      timers.delete(t[0]);
      now = Math.max(now, t[1].at);
      t[1].fn();
      await settle();
    }
    now = target;
  };
  return {
    requested,
    now: () => now,
    clock: {
      now: () => now,
      setTimer: (fn, ms) => {
        const id = (seq += 1);
        requested.push(ms);
        timers.set(id, { at: now + ms, fn });
        return () => {
          timers.delete(id);
        };
      },
    },
    advance,
    runUntil: async <T>(done: Promise<T>, maxMs = 3_600_000): Promise<T> => {
      const state = { finished: false };
      const watched = done.finally(() => {
        state.finished = true;
      });
      const deadline = now + maxMs;
      await settle();
      while (!state.finished && now < deadline) {
        const t = next();
        if (t === null) {
          // Nothing due: let I/O (storage, sockets) move on.
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        await advance(Math.max(0, t[1].at - now));
      }
      return watched;
    },
    pendingTimers: () => timers.size,
  };
}

export function memoryVault(
  initial: string | null = null,
): TokenVault & { token(): string | null } {
  let token = initial;
  return {
    token: () => token,
    getToken: () => Promise.resolve(succeed(token)),
    setToken: (args) => {
      if (args.token === '') return Promise.resolve(fail('bad_request', 'empty token'));
      token = args.token;
      return Promise.resolve(succeed(null));
    },
    clearToken: () => {
      token = null;
      return Promise.resolve(succeed(null));
    },
  };
}
