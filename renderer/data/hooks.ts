import { useCallback, useSyncExternalStore } from 'react';
import { readAppSettings, type AppSettings, type CounterDb } from './db';
import type { StorageGuard, StorageProblem } from './storage';
import { useLiveQuery, type Live } from './live';

/** The center's settings, kept current as they change. */
export function useAppSettings(db: CounterDb): Live<AppSettings> {
  return useLiveQuery(() => readAppSettings(db), [db]);
}

/** The storage problem blocking writes, or null; re-renders when it changes. */
export function useStorageProblem(storage: StorageGuard): StorageProblem | null {
  const subscribe = useCallback((onChange: () => void) => storage.subscribe(onChange), [storage]);
  const read = useCallback(() => storage.problem(), [storage]);
  return useSyncExternalStore(subscribe, read);
}
