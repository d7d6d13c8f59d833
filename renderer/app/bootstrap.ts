import { bundledPolicyFiles } from '../../policies';
import { loadPolicy, type CompiledPolicy } from '../../shared/warranty';
import { createCommandDeps } from '../data/commands';
import { createCounterDb } from '../data/db';
import { createStorageGuard, startStorage } from '../data/storage';
import { createUuidV7Source } from '../../shared/domain/ids';
import { getHost } from '../host';
import { localPlainDate } from './clock';
import { createCounterSync, type SyncStatus } from '../sync';
import type { Services, SyncStatusStore } from './services';

/** Holds the engine's latest status for React (useSyncExternalStore) to read. */
function createSyncStatusStore(): SyncStatusStore & { set: (s: SyncStatus) => void } {
  let current: SyncStatus = {
    state: 'not_enrolled',
    online: navigator.onLine,
    waiting: 0,
    rejected: 0,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    nextRetryAt: null,
  };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (s) => {
      current = s;
      for (const l of listeners) l();
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export const DATABASE_NAME = 'counter';

const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/** Opens the local database and gathers what the screens need. Never throws for storage trouble. */
export async function bootstrap(): Promise<Services> {
  const policies = new Map<string, CompiledPolicy>();
  for (const { file, json } of bundledPolicyFiles) {
    // Bundled files are tested to load; a failure here is a build defect, shown by the error screen.
    const p = loadPolicy(json, file);
    policies.set(p.id, p);
  }
  const now = () => Date.now();
  const db = createCounterDb(DATABASE_NAME, { ids: createUuidV7Source(now, randomBytes) });
  const storage = createStorageGuard();
  const started = await startStorage(db, storage, navigator.storage);
  const host = getHost();
  const syncStatus = createSyncStatusStore();
  const sync = createCounterSync({
    db,
    host,
    view: window,
    appVersion: String(import.meta.env['VITE_APP_VERSION'] ?? 'dev'),
    onStatus: syncStatus.set,
  });
  // Sync never blocks the counter: without a database there is nothing to send.
  if (started.ok) sync.start();
  return {
    db,
    commands: createCommandDeps({ db, clock: now, random: randomBytes, storage }),
    storage,
    started,
    host,
    sync,
    syncStatus,
    policies,
    today: () => localPlainDate(new Date()),
    now,
  };
}
