import { err, ok, type Result } from '../../shared/lib/result';
import { catalogRows } from '../../shared/parts/catalog';
import {
  customerSearchKeys,
  starterPartsCatalog,
  type CounterDb,
  type CustomerRow,
  type OutboxEntry,
} from './db';

/*
 * Backup and restore of the whole local database, photos included, as one JSON file. A backup
 * is validated completely before anything is touched; a restore replaces every table in one
 * transaction, so it happens entirely or not at all; and a restore that would drop entries
 * still waiting for sync says so and needs a confirmation.
 */

export const BACKUP_FORMAT = 'counter-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** A Blob inside a row, as it travels in the file. */
interface EncodedBlob {
  readonly $blob: { readonly type: string; readonly base64: string };
}

export interface BackupFile {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  /** The database version the rows were written in. */
  readonly schemaVersion: number;
  readonly exportedAt: string;
  readonly installationId: string;
  readonly centerCode: string | null;
  readonly counts: Readonly<Record<string, number>>;
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
}

export interface BackupSummary {
  readonly exportedAt: string;
  readonly schemaVersion: number;
  readonly installationId: string;
  readonly centerCode: string | null;
  readonly counts: Readonly<Record<string, number>>;
}

export type Progress = (done: number, total: number, what: string) => void;

function blobToBase64(blob: Blob): Promise<string> {
  return blob.arrayBuffer().then((buf) => {
    const bytes = new Uint8Array(buf);
    let bin = '';
    const CHUNK = 0x8000;
    for (let i = 0; i < bytes.length; i += CHUNK) {
      bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
    }
    return btoa(bin);
  });
}

function base64ToBlob(base64: string, type: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const isEncodedBlob = (x: unknown): x is EncodedBlob =>
  isRecord(x) &&
  isRecord(x.$blob) &&
  typeof x.$blob.type === 'string' &&
  typeof x.$blob.base64 === 'string';

async function encodeRow(row: unknown): Promise<unknown> {
  if (!isRecord(row)) return row;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Blob) {
      out ??= { ...row };
      out[k] = { $blob: { type: v.type, base64: await blobToBase64(v) } } satisfies EncodedBlob;
    }
  }
  return out ?? row;
}

function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(row)) {
    if (isEncodedBlob(v)) {
      out ??= { ...row };
      out[k] = base64ToBlob(v.$blob.base64, v.$blob.type);
    }
  }
  return out ?? row;
}

async function syncIdentity(
  db: CounterDb,
): Promise<{ installationId: string; center: string | null }> {
  const [sync, app] = await Promise.all([db.settings.get('sync'), db.settings.get('app')]);
  return {
    installationId: sync?.key === 'sync' ? sync.value.installationId : '',
    center: app?.key === 'app' ? (app.value.center?.code ?? null) : null,
  };
}

/**
 * The whole database as a backup file, read in one transaction so it is a consistent snapshot.
 * Returns the file's content as Blob parts (one per row), so a large database never becomes a
 * single giant string.
 */
export async function exportBackup(db: CounterDb, now: Date, progress?: Progress): Promise<Blob> {
  const tables = db.tables;
  const snapshot = await db.transaction('r', tables, async () => {
    const rows: Record<string, unknown[]> = {};
    for (const t of tables) rows[t.name] = await t.toArray();
    return { rows, identity: await syncIdentity(db) };
  });
  const total = Object.values(snapshot.rows).reduce((n, r) => n + r.length, 0);
  const counts = Object.fromEntries(Object.entries(snapshot.rows).map(([k, v]) => [k, v.length]));
  const header = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: db.verno,
    exportedAt: now.toISOString(),
    installationId: snapshot.identity.installationId,
    centerCode: snapshot.identity.center,
    counts,
  };
  const parts: string[] = [JSON.stringify(header).slice(0, -1), ',"tables":{'];
  let done = 0;
  let firstTable = true;
  for (const [name, rows] of Object.entries(snapshot.rows)) {
    parts.push(`${firstTable ? '' : ','}${JSON.stringify(name)}:[`);
    firstTable = false;
    for (let i = 0; i < rows.length; i++) {
      parts.push((i === 0 ? '' : ',') + JSON.stringify(await encodeRow(rows[i])));
      done++;
      if (progress && done % 500 === 0) progress(done, total, name);
    }
    parts.push(']');
  }
  parts.push('}}');
  progress?.(total, total, 'done');
  return new Blob(parts, { type: 'application/json' });
}

export const backupFileName = (centerCode: string | null, now: Date): string =>
  `counter-backup-${centerCode ?? 'unset'}-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;

/**
 * Reads and checks a backup file against this database's schema, without touching the
 * database. Every problem names what is wrong and what to do.
 */
export async function readBackup(db: CounterDb, file: Blob): Promise<Result<BackupFile, string>> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return err(
      'This file is not a Counter backup (it is not readable JSON). Choose the .json file Counter saved.',
    );
  }
  if (!isRecord(json) || json.format !== BACKUP_FORMAT) {
    return err('This file is not a Counter backup. Choose the .json file Counter saved.');
  }
  if (json.formatVersion !== BACKUP_FORMAT_VERSION) {
    return err(
      `This backup has format version ${String(json.formatVersion)}; this Counter reads version ${String(BACKUP_FORMAT_VERSION)}. Update Counter, then restore again.`,
    );
  }
  const schemaVersion = json.schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    return err('The backup does not say which database version it holds: it is damaged.');
  }
  if (schemaVersion > db.verno) {
    return err(
      `The backup was made by a newer Counter (database version ${String(schemaVersion)}, this one has ${String(db.verno)}). Update Counter on this computer first.`,
    );
  }
  if (!isRecord(json.tables) || !isRecord(json.counts)) {
    return err('The backup has no tables: it is damaged or incomplete.');
  }
  const known = new Map(db.tables.map((t) => [t.name, t]));
  for (const [name, rows] of Object.entries(json.tables)) {
    const table = known.get(name);
    if (table === undefined) {
      return err(
        `The backup holds a table "${name}" this Counter does not know: it was not made by Counter.`,
      );
    }
    if (!Array.isArray(rows))
      return err(`The backup's "${name}" table is not a list: the file is damaged.`);
    if (json.counts[name] !== rows.length) {
      return err(
        `The backup's "${name}" table should hold ${String(json.counts[name])} rows but holds ${String(rows.length)}: the file is incomplete. Make the backup again.`,
      );
    }
    const keyPath = table.schema.primKey.keyPath;
    for (const [i, row] of rows.entries()) {
      if (!isRecord(row) || (typeof keyPath === 'string' && row[keyPath] === undefined)) {
        return err(
          `Row ${String(i + 1)} of the backup's "${name}" table has no ${String(keyPath)}: the file is damaged.`,
        );
      }
    }
  }
  const settings = json.tables.settings;
  const keys = new Set(
    Array.isArray(settings) ? settings.map((r) => (isRecord(r) ? r.key : null)) : [],
  );
  if (!keys.has('app') || !keys.has('sync')) {
    return err('The backup has no settings for the center and its sync: it is damaged.');
  }
  if (typeof json.installationId !== 'string' || typeof json.exportedAt !== 'string') {
    return err('The backup does not say where and when it was made: it is damaged.');
  }
  return ok(json as unknown as BackupFile);
}

export const summarizeBackup = (b: BackupFile): BackupSummary => ({
  exportedAt: b.exportedAt,
  schemaVersion: b.schemaVersion,
  installationId: b.installationId,
  centerCode: b.centerCode,
  counts: b.counts,
});

/** Outbox entries here that the backup does not hold: a restore would lose them before HQ has them. */
export async function pendingLostByRestore(db: CounterDb, backup: BackupFile): Promise<number> {
  const local = await db.outbox.toArray();
  if (local.length === 0) return 0;
  const { installationId } = await syncIdentity(db);
  if (installationId !== backup.installationId) return local.length;
  const kept = new Set(
    (backup.tables.outbox ?? []).map((e) => (isRecord(e) ? e.mutationId : null)),
  );
  return local.filter((e: OutboxEntry) => !kept.has(e.mutationId)).length;
}

export type RestoreResult =
  | { readonly kind: 'restored'; readonly rows: number }
  | { readonly kind: 'needs_confirmation'; readonly pending: number };

/**
 * Replaces the whole database with the backup, in one transaction. When entries waiting for
 * sync would be dropped, does nothing and asks for confirmation unless `dropPending` is set.
 */
export async function restoreBackup(
  db: CounterDb,
  backup: BackupFile,
  options: { readonly dropPending: boolean },
): Promise<RestoreResult> {
  const pending = await pendingLostByRestore(db, backup);
  if (pending > 0 && !options.dropPending) return { kind: 'needs_confirmation', pending };
  const tables = db.tables;
  let rows = 0;
  await db.transaction('rw', tables, async () => {
    for (const t of tables) await t.clear();
    for (const t of tables) {
      const source = backup.tables[t.name] ?? [];
      const decoded = source.map((r) => decodeRow(r as Record<string, unknown>));
      // Search keys are derived data: made afresh, so a backup from an older version works too.
      const fresh =
        t.name === 'customers'
          ? decoded.map((c) => ({ ...c, ...customerSearchKeys(c as unknown as CustomerRow) }))
          : decoded;
      await t.bulkAdd(fresh);
      rows += fresh.length;
    }
    // A backup from before the parts ledger (database version 3) has no catalog: start from
    // the bundled one, as an upgrade would, rather than leave the counter without parts.
    if ((await db.partsCatalog.count()) === 0) {
      await db.partsCatalog.bulkPut(catalogRows(starterPartsCatalog()));
    }
  });
  return { kind: 'restored', rows };
}
