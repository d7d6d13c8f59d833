import { bundledPolicyFiles } from '../../policies';
import { loadPolicy, type CompiledPolicy } from '../../shared/warranty';
import { createCommandDeps } from '../data/commands';
import { createCounterDb } from '../data/db';
import { createStorageGuard, startStorage } from '../data/storage';
import { createUuidV7Source } from '../../shared/domain/ids';
import { getHost } from '../host';
import { localPlainDate } from './clock';
import type { Services } from './services';

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
  return {
    db,
    commands: createCommandDeps({ db, clock: now, random: randomBytes, storage }),
    storage,
    started,
    host: getHost(),
    policies,
    today: () => localPlainDate(new Date()),
    now,
  };
}
