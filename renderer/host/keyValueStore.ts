// A tiny key-value store on raw IndexedDB, for the web host's few values (the HQ token). The
// app's records live in renderer/data/ (Dexie); this is its own small database, and Dexie stays
// out of host/ (STYLE.md 10).

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  close(): void;
}

const asError = (error: DOMException | null, what: string): Error =>
  error ?? new Error(`IndexedDB: ${what}`);

export function openKeyValueStore(
  factory: IDBFactory,
  databaseName: string,
  storeName = 'kv',
): KeyValueStore {
  let opening: Promise<IDBDatabase> | undefined;

  const database = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(databaseName, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(storeName);
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the database: step aside, reopen on the next call.
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
        resolve(db);
      };
      request.onerror = () => {
        opening = undefined;
        reject(asError(request.error, `could not open ${databaseName}`));
      };
      request.onblocked = () => {
        opening = undefined;
        reject(new Error(`IndexedDB: ${databaseName} is held open by an older tab`));
      };
    });
    return opening;
  };

  // Resolves when the transaction commits, so a write reported done is on disk.
  const run = async <T>(
    mode: IDBTransactionMode,
    operation: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    const db = await database();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(storeName, mode);
      const request = operation(transaction.objectStore(storeName));
      transaction.oncomplete = () => {
        resolve(request.result);
      };
      transaction.onerror = () => {
        reject(asError(transaction.error, 'transaction failed'));
      };
      transaction.onabort = () => {
        reject(asError(transaction.error, 'transaction aborted'));
      };
    });
  };

  return {
    get: (key) => run<unknown>('readonly', (store) => store.get(key)),
    set: async (key, value) => {
      await run('readwrite', (store) => store.put(value, key));
    },
    delete: async (key) => {
      await run('readwrite', (store) => store.delete(key));
    },
    close: () => {
      const current = opening;
      opening = undefined;
      void current?.then(
        (db) => {
          db.close();
        },
        () => undefined,
      );
    },
  };
}
