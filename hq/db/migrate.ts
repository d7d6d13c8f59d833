import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { int, text, type Db } from './types';

/**
 * Numbered migrations (`hq/migrations/NNN_name.sql`), applied at start in one transaction and
 * recorded in `schema_migrations` with a checksum. An advisory lock keeps two HQ processes on
 * one PostgreSQL server from migrating at once; a database newer than this code, or a migration
 * edited after it was applied, stops the start with a message instead of guessing.
 */

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const MIGRATION_LOCK = 72_450_001;
const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file, i) => {
      const m = FILE.exec(file);
      if (m === null) throw new Error(`${dir}${file}: name it NNN_words.sql (001_initial.sql)`);
      const version = Number(m[1]);
      if (version !== i + 1) {
        throw new Error(`${dir}${file}: expected migration ${String(i + 1).padStart(3, '0')}`);
      }
      const sql = readFileSync(`${dir}${file}`, 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { version, name: m[2] ?? '', sql, checksum };
    });
  return migrations;
}

export async function migrate(
  db: Db,
  now: number,
  migrations = readMigrations(),
): Promise<readonly Migration[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at bigint NOT NULL
    )`);
    const applied = await tx.query(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    for (const row of applied) {
      const version = int(row, 'version');
      const known = migrations[version - 1];
      if (known === undefined) {
        throw new Error(
          `the database has migration ${version} (${text(row, 'name')}), which this HQ does not know: run a newer HQ`,
        );
      }
      if (known.checksum !== text(row, 'checksum')) {
        throw new Error(
          `migration ${version} (${known.name}) changed after it was applied: add a new migration instead`,
        );
      }
    }
    const pending = migrations.slice(applied.length);
    for (const m of pending) {
      await tx.exec(m.sql);
      await tx.query(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
        [m.version, m.name, m.checksum, now],
      );
    }
    return pending;
  });
}
