/**
 * HQ's one view of its database, over embedded PGlite and a PostgreSQL server alike: the same SQL
 * runs on both (DESIGN.md, "Sync with HQ"). Rows come back as plain records; the column helpers
 * below read them with a check instead of a cast, so a changed query fails loudly.
 */

export type Row = Readonly<Record<string, unknown>>;

export interface Queryable {
  /** One statement with `$1…` parameters. JSON goes in as text with a `::jsonb` cast. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DbDriver = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly driver: DbDriver;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATE of an error, when it is a database error. */
export function sqlState(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

function bad(row: Row, key: string, expected: string): Error {
  return new Error(`column "${key}" is ${JSON.stringify(row[key])}, expected ${expected}`);
}

export function text(row: Row, key: string): string {
  const v = row[key];
  if (typeof v !== 'string') throw bad(row, key, 'text');
  return v;
}

export function textOrNull(row: Row, key: string): string | null {
  const v = row[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw bad(row, key, 'text or null');
  return v;
}

/** Integers, bigint included: both drivers are set to give int8 as a number (safe below 2^53). */
export function int(row: Row, key: string): number {
  const v = row[key];
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw bad(row, key, 'an integer');
  return n;
}

export function intOrNull(row: Row, key: string): number | null {
  const v = row[key];
  return v === null || v === undefined ? null : int(row, key);
}

export function bool(row: Row, key: string): boolean {
  const v = row[key];
  if (typeof v !== 'boolean') throw bad(row, key, 'a boolean');
  return v;
}

/** A json/jsonb column, already parsed by the driver. */
export function json(row: Row, key: string): unknown {
  return row[key];
}

export const toJson = (v: unknown): string => JSON.stringify(v);
