import { join } from 'node:path';
import type { HqConfig } from '../config';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

/** PostgreSQL at DATABASE_URL when set, else embedded PGlite in HQ_DATA/pg. */
export function openHqDb(config: Pick<HqConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  return config.databaseUrl !== null
    ? openPostgres(config.databaseUrl)
    : openPglite(join(config.dataDir, 'pg'));
}
