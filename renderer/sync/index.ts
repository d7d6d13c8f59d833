// The counter's sync with HQ: one engine per app, wired to the database, the host's token store
// and the browser's network events. Screens read `status()` and call `syncNow()`, `enroll()`
// and `lookupSerial()`; nothing here blocks the counter.
import type { CounterDb } from '../data/db';
import { createSyncStore } from '../data/syncStore';
import type { Host } from '../host/types';
import { browserNetwork, createSyncEngine, type SyncEngine, type SyncStatus } from './engine';
import { createHttpTransport } from './transport';

export * from './engine';
export * from './transport';

export function createCounterSync(input: {
  readonly db: CounterDb;
  readonly host: Host;
  readonly view: Window;
  readonly appVersion?: string;
  readonly onStatus?: (status: SyncStatus) => void;
}): SyncEngine {
  const store = createSyncStore(input.db);
  const transport = createHttpTransport({
    fetch: (url, init) => input.view.fetch(url, init),
    tokens: input.host,
    baseUrl: async () => (await store.readMeta()).hqUrl,
  });
  return createSyncEngine({
    transport,
    store,
    tokens: input.host,
    network: browserNetwork(input.view),
    ...(input.appVersion === undefined ? {} : { appVersion: input.appVersion }),
    ...(input.onStatus === undefined ? {} : { onStatus: input.onStatus }),
  });
}
