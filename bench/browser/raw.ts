/**
 * Raw IndexedDB, without Dexie: the baselines the browser benchmarks measure the data layer
 * against, and their timing statistics.
 */

export function rawRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(req.error ?? new Error('request failed'));
    };
  });
}

export function rawOpen(name: string): Promise<IDBDatabase> {
  return rawRequest(indexedDB.open(name));
}

export function rawGetAll(
  idb: IDBDatabase,
  store: string,
  index: string,
  range: IDBKeyRange,
  limit: number,
): Promise<unknown[]> {
  return rawRequest(
    idb.transaction(store, 'readonly').objectStore(store).index(index).getAll(range, limit),
  );
}

export function rawGet(idb: IDBDatabase, store: string, key: string): Promise<unknown> {
  return rawRequest(idb.transaction(store, 'readonly').objectStore(store).get(key));
}

/** Nearest-rank median, p95 and minimum of timings in ms. */
export function stats(xs: readonly number[]): { median: number; p95: number; min: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
  return { median: at(50), p95: at(95), min: s[0] ?? NaN };
}
