import { resolve } from 'node:path';

/** HQ's settings, from the environment (documented in hq/README.md). */
export interface HqConfig {
  readonly port: number;
  readonly host: string;
  /** Folder for embedded PGlite (its database in `pg/`, the lock file beside it). */
  readonly dataDir: string;
  /** A PostgreSQL server instead of PGlite. */
  readonly databaseUrl: string | null;
  readonly adminToken: string | null;
  readonly bodyLimit: number;
  readonly logLevel: string;
  readonly secureCookie: boolean;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const nonEmpty = (name: string): string | null => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? null : v;
  };
  return {
    port: int(env, 'PORT', 8787),
    host: nonEmpty('HOST') ?? '127.0.0.1',
    dataDir: resolve(nonEmpty('HQ_DATA') ?? './.hq-data'),
    databaseUrl: nonEmpty('DATABASE_URL'),
    adminToken: nonEmpty('HQ_ADMIN_TOKEN'),
    bodyLimit: int(env, 'HQ_BODY_LIMIT', 4 * 1024 * 1024),
    logLevel: nonEmpty('LOG_LEVEL') ?? 'info',
    secureCookie: nonEmpty('HQ_SECURE_COOKIE') === '1',
  };
}
