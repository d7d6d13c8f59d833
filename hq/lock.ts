import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Embedded PGlite must never be opened by two processes at once: it has no locking of its own.
 * The process that opens HQ_DATA holds `HQ_DATA/hq.lock`; a running server writes its address
 * and a per-run secret there, so `npm run hq -- enroll-code …` can hand its command to the
 * server instead of opening the database beside it.
 */

export interface LockInfo {
  readonly pid: number;
  /** The running server's base URL; null for a CLI command holding the folder. */
  readonly url: string | null;
  /** The secret the server accepts forwarded CLI commands with. */
  readonly secret: string | null;
}

export interface HeldLock {
  update(info: Omit<LockInfo, 'pid'>): void;
  release(): void;
}

export type LockResult =
  | { readonly ok: true; readonly lock: HeldLock }
  | { readonly ok: false; readonly heldBy: LockInfo };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    return typeof v.pid === 'number'
      ? { pid: v.pid, url: v.url ?? null, secret: v.secret ?? null }
      : null;
  } catch {
    return null;
  }
}

export function acquireDataLock(dataDir: string): LockResult {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'hq.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      const write = (info: LockInfo) => {
        writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
      };
      closeSync(fd);
      write({ pid: process.pid, url: null, secret: null });
      return {
        ok: true,
        lock: {
          update: (info) => {
            write({ pid: process.pid, ...info });
          },
          release: () => {
            rmSync(path, { force: true });
          },
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = readLock(path);
      if (held !== null && held.pid !== process.pid && alive(held.pid)) {
        return { ok: false, heldBy: held };
      }
      // Left behind by a process that died: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take ${path}`);
}
