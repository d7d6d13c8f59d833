import type { CounterDb } from './db';

/*
 * The local store's health. A full disk or a database that will not open is shown to the
 * technician and blocks new writes: a command then answers with the problem instead of
 * writing, so a record is never dropped silently (DESIGN.md, "Local data").
 */

export type StorageProblemKind = 'quota_exceeded' | 'open_failed' | 'closed';

export interface StorageProblem {
  readonly kind: StorageProblemKind;
  /** For the counter: what happened and what to do. */
  readonly message: string;
  /** For support: the error's name and message. */
  readonly detail: string;
}

const MESSAGES: Readonly<Record<StorageProblemKind, string>> = {
  quota_exceeded:
    'This computer has no room left for Counter’s records, so new work is not being saved. Everything saved before is safe. Free some disk space (or ask HQ support), then restart Counter.',
  open_failed:
    'Counter could not open its records on this computer, so nothing new can be saved. Close every Counter window and start it again; if this keeps happening, call HQ support and read them the details.',
  closed:
    'Counter’s records were closed, most likely because Counter was updated in another window. Restart Counter to keep working; nothing saved before is lost.',
};

export function storageProblem(kind: StorageProblemKind, detail: string): StorageProblem {
  return { kind, message: MESSAGES[kind], detail };
}

/** Dexie wraps the browser's errors: the cause is in `inner`, sometimes two levels down. */
function errorChain(e: unknown): { name: string; message: string }[] {
  const chain: { name: string; message: string }[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur !== null && typeof cur === 'object'; depth++) {
    const o = cur as { name?: unknown; message?: unknown; inner?: unknown };
    chain.push({
      name: typeof o.name === 'string' ? o.name : '',
      message: typeof o.message === 'string' ? o.message : '',
    });
    cur = o.inner;
  }
  return chain;
}

export function describeError(e: unknown): string {
  const chain = errorChain(e);
  if (chain.length === 0) return String(e);
  return chain.map((c) => `${c.name}: ${c.message}`).join(' <- ');
}

const OPEN_FAILURES = new Set([
  'OpenFailedError',
  'VersionError',
  'UpgradeError',
  'InvalidStateError',
  'MissingAPIError',
  'UnknownError',
]);

/**
 * The storage problem an error means, or null when it is not one (a bug or a broken constraint,
 * which fails the one action but does not stop the counter).
 */
export function classifyStorageError(e: unknown): StorageProblem | null {
  const chain = errorChain(e);
  const names = chain.map((c) => c.name);
  const detail = describeError(e);
  if (names.includes('QuotaExceededError')) return storageProblem('quota_exceeded', detail);
  if (names.includes('DatabaseClosedError')) {
    return storageProblem(
      names.some((n) => OPEN_FAILURES.has(n)) ? 'open_failed' : 'closed',
      detail,
    );
  }
  if (names.some((n) => OPEN_FAILURES.has(n))) return storageProblem('open_failed', detail);
  return null;
}

/** Holds the current problem; commands check it before writing, the UI shows it. */
export interface StorageGuard {
  /** The problem blocking writes, or null when writes may go ahead. */
  problem(): StorageProblem | null;
  block(problem: StorageProblem): void;
  /** After the technician fixed the cause (freed space) and the app checked it. */
  clear(): void;
  /** Called on every change; returns the unsubscribe function. */
  subscribe(listener: (problem: StorageProblem | null) => void): () => void;
}

export function createStorageGuard(): StorageGuard {
  let current: StorageProblem | null = null;
  const listeners = new Set<(problem: StorageProblem | null) => void>();
  const notify = () => {
    for (const l of listeners) l(current);
  };
  return {
    problem: () => current,
    block(problem) {
      // The first problem is the cause; later ones are usually its consequences.
      if (current !== null) return;
      current = problem;
      notify();
    },
    clear() {
      if (current === null) return;
      current = null;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Persistence = 'persisted' | 'granted' | 'denied' | 'unsupported';

/** The part of `navigator.storage` used here, so tests can pass their own. */
export interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

/**
 * Asks the browser not to evict Counter's data under storage pressure. Without it a full disk
 * can make the browser clear the records of a site it considers unimportant.
 */
export async function requestPersistentStorage(
  manager: StorageManagerLike | undefined,
): Promise<Persistence> {
  if (manager?.persist === undefined) return 'unsupported';
  try {
    if (manager.persisted !== undefined && (await manager.persisted())) return 'persisted';
    return (await manager.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}

export type StartResult =
  | { readonly ok: true; readonly persistence: Persistence }
  | { readonly ok: false; readonly problem: StorageProblem; readonly persistence: Persistence };

/**
 * At start: ask for persistent storage, open the database, and when it will not open, block
 * writes with the reason. Also blocks writes when another window's upgrade closes this one.
 */
export async function startStorage(
  db: CounterDb,
  guard: StorageGuard,
  manager: StorageManagerLike | undefined,
): Promise<StartResult> {
  const persistence = await requestPersistentStorage(manager);
  db.on('versionchange', () => {
    guard.block(storageProblem('closed', 'the database was upgraded by another window'));
    // Dexie then closes this connection, so the other window's upgrade can proceed.
  });
  try {
    await db.open();
  } catch (e) {
    const problem = classifyStorageError(e) ?? storageProblem('open_failed', describeError(e));
    guard.block(problem);
    return { ok: false, problem, persistence };
  }
  return { ok: true, persistence };
}
