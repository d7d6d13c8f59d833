import { liveQuery } from 'dexie';
import type { TicketId } from '../../shared/domain/ids';
import { normalizeSerial } from '../../shared/domain/serial';
import { missingCaseError } from '../../shared/lib/assert';
import { parsePartsCatalog } from '../../shared/parts/catalog';
import {
  PartReturnReceiptSchema,
  type DefectivePartId,
  type PartReturnReceipt,
} from '../../shared/parts/records';
import type {
  CatalogChange,
  PartReturnReceiptChange,
  PolicyChange,
  PullChange,
  RegistryAnswer,
} from '../../shared/sync/protocol';
import {
  readSyncState,
  type CounterDb,
  type HqDataRow,
  type OutboxEntry,
  type RejectedMutation,
  type SettingsRow,
  type SyncMeta,
} from './db';
import { applyHqCatalog, applyReturnReceipt, returnReceiptTables } from './parts';

/*
 * What the sync engine (renderer/sync) reads and writes, over the counter's database. Every write
 * that must stay consistent is one transaction: acknowledging a push deletes the outbox entries up
 * to the acknowledged id and keeps the rejected ones together; a pulled page and the new cursor
 * are stored together, so a crash between them can only repeat a page, never skip one.
 *
 * Sync's state lives in settings rows (`syncMeta`, `syncRejected`, `hq:…`), not new tables, so
 * the schema version is untouched.
 */

export const DEFAULT_SYNC_META: SyncMeta = {
  hqUrl: null,
  deviceId: null,
  centerCode: null,
  cursor: 0,
  lastSuccessAt: null,
  lastError: null,
  intervalMinutes: 5,
};

/** Rejections kept for the counter to see; older ones are dropped past this (HQ keeps them all). */
export const MAX_REJECTED_KEPT = 1000;

export interface SyncStore {
  readMeta(): Promise<SyncMeta>;
  updateMeta(patch: Partial<SyncMeta>): Promise<SyncMeta>;
  /** The outbox's first `limit` entries, in mutation id order. */
  readOutbox(limit: number): Promise<OutboxEntry[]>;
  countOutbox(): Promise<number>;
  /** The highest mutation id this counter has written (0 before the first). */
  highestWritten(): Promise<number>;
  installationId(): Promise<string>;
  /** Forgets outbox entries up to `upTo` and keeps `rejected`, in one transaction. */
  acknowledge(upTo: number, rejected: readonly RejectedMutation[]): Promise<void>;
  countRejected(): Promise<number>;
  /**
   * Gives the outbox entries from `from` on new ids from `start`, in their order, and moves the
   * next mutation id past them, in one transaction (HQ already had those numbers: a restored
   * backup set the counter back).
   */
  renumber(from: number, start: number): Promise<void>;
  /** Stores a pulled page and the cursor after it, in one transaction. */
  savePulled(changes: readonly PullChange[], cursor: number): Promise<void>;
  saveRegistryAnswer(answer: RegistryAnswer): Promise<void>;
  readRegistryAnswer(serial: string): Promise<RegistryAnswer | null>;
  /** Calls `onChange` with the outbox size now and whenever it changes; returns unsubscribe. */
  watchOutbox(onChange: (count: number) => void): () => void;
}

function metaOf(row: SettingsRow | undefined): SyncMeta {
  return row?.key === 'syncMeta' ? row.value : DEFAULT_SYNC_META;
}

export async function readSyncMeta(db: CounterDb): Promise<SyncMeta> {
  return metaOf(await db.settings.get('syncMeta'));
}

export async function updateSyncMeta(db: CounterDb, patch: Partial<SyncMeta>): Promise<SyncMeta> {
  return db.transaction('rw', db.settings, async () => {
    const value = { ...metaOf(await db.settings.get('syncMeta')), ...patch };
    await db.settings.put({ key: 'syncMeta', value });
    return value;
  });
}

async function rejectedRows(db: CounterDb): Promise<readonly RejectedMutation[]> {
  const row = await db.settings.get('syncRejected');
  return row?.key === 'syncRejected' ? row.value : [];
}

/** Outbox entries HQ refused, oldest first, for the counter to show. */
export function readRejected(db: CounterDb): Promise<readonly RejectedMutation[]> {
  return rejectedRows(db);
}

/** The refused changes of one ticket, to show on it. */
export async function rejectedForTicket(
  db: CounterDb,
  ticketId: TicketId,
): Promise<RejectedMutation[]> {
  return (await rejectedRows(db)).filter((r) => r.ticketId === ticketId);
}

/** The person at the counter has seen a rejection and dealt with it. */
export async function dismissRejected(db: CounterDb, mutationId: number): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const kept = (await rejectedRows(db)).filter((r) => r.mutationId !== mutationId);
    await db.settings.put({ key: 'syncRejected', value: kept });
  });
}

const registryKey = (serial: string): `hq:registry:${string}` =>
  `hq:registry:${normalizeSerial(serial)}`;

function hqRow(change: PullChange): HqDataRow {
  switch (change.kind) {
    case 'policy':
      return { key: `hq:policy:${change.policyId}`, value: change };
    case 'catalog':
      return { key: 'hq:catalog', value: change };
    case 'partReturnReceipt':
      return { key: `hq:receipt:${change.partId}`, value: change };
    case 'registry':
      return { key: registryKey(change.serial), value: change.answer };
    default:
      throw missingCaseError(change);
  }
}

/** Whether `incoming` should replace what is stored under its key (older data never wins). */
function newer(existing: SettingsRow | undefined, incoming: HqDataRow): boolean {
  if (existing === undefined || existing.key !== incoming.key) return true;
  const a = existing.value;
  const b = incoming.value;
  if ('answeredAt' in a && 'answeredAt' in b) return b.answeredAt >= a.answeredAt;
  if ('version' in a && 'version' in b) return b.version >= a.version;
  return true;
}

async function putNewer(db: CounterDb, rows: readonly HqDataRow[]): Promise<void> {
  for (const row of rows) {
    if (newer(await db.settings.get(row.key), row)) await db.settings.put(row);
  }
}

async function readHq<T>(db: CounterDb, prefix: string): Promise<T[]> {
  const rows = await db.settings.where(':id').startsWith(prefix).toArray();
  return rows.map((r) => r.value as T);
}

/** The newest published version of each policy HQ sent (to compile with parsePolicy). */
export function readHqPolicies(db: CounterDb): Promise<PolicyChange[]> {
  return readHq<PolicyChange>(db, 'hq:policy:');
}

export async function readHqCatalog(db: CounterDb): Promise<CatalogChange | null> {
  const row = await db.settings.get('hq:catalog');
  return row?.key === 'hq:catalog' ? row.value : null;
}

export function readPartReturnReceipts(db: CounterDb): Promise<PartReturnReceiptChange[]> {
  return readHq<PartReturnReceiptChange>(db, 'hq:receipt:');
}

export async function readRegistryAnswer(
  db: CounterDb,
  serial: string,
): Promise<RegistryAnswer | null> {
  const key = registryKey(serial);
  const row = await db.settings.get(key);
  return row !== undefined && row.key === key ? row.value : null;
}

/** HQ's notes are bounded on the counter (PartReturnReceiptSchema); a longer one is cut. */
const MAX_RECEIPT_NOTE = 2000;

/**
 * The part-return receipts of a pulled page as the parts ledger takes them: HQ sends one change
 * per part received, naming its shipment; they are grouped by shipment and time of receipt. A
 * part HQ received without a shipment is filed under the shipment this counter packed it in; one
 * this counter never shipped (nor knows) stays as its stored change only, since a part received
 * by HQ always names its shipment here.
 */
async function receiptsOf(
  db: CounterDb,
  changes: readonly PartReturnReceiptChange[],
): Promise<PartReturnReceipt[]> {
  const groups = new Map<string, { shipmentId: string; receivedAt: number; parts: unknown[] }>();
  for (const c of changes) {
    let shipmentId = c.shipmentId;
    if (shipmentId === null) {
      const local = await db.defectiveParts.get(c.partId as DefectivePartId);
      shipmentId = local?.shipmentId ?? null;
    }
    if (shipmentId === null) continue;
    const key = `${shipmentId}\n${c.receivedAt}`;
    const group = groups.get(key) ?? { shipmentId, receivedAt: c.receivedAt, parts: [] };
    group.parts.push({ partId: c.partId, note: c.note.slice(0, MAX_RECEIPT_NOTE) });
    groups.set(key, group);
  }
  // HQ's ids are checked here, so a malformed one is skipped instead of failing every pull.
  return [...groups.values()].flatMap((g) => {
    const r = PartReturnReceiptSchema.safeParse(g);
    return r.success ? [r.data] : [];
  });
}

/** The newest catalog of a pulled page, when it is newer than the one the counter has from HQ. */
async function newerCatalog(db: CounterDb, changes: readonly CatalogChange[]) {
  const latest = changes.reduce<CatalogChange | null>(
    (a, c) => (a === null || c.version > a.version ? c : a),
    null,
  );
  if (latest === null) return null;
  const parsed = parsePartsCatalog(latest.document, `HQ's parts catalog ${latest.version}`);
  if (!parsed.ok) return null;
  const meta = await db.settings.get('partsCatalog');
  const current = meta?.key === 'partsCatalog' ? meta.value : null;
  return current?.source === 'hq' && current.version >= parsed.value.version ? null : parsed.value;
}

/**
 * What a pulled page changes in the parts ledger, inside `savePulled`'s transaction: HQ's
 * catalog replaces the counter's, and each part HQ checked in is closed (`received_by_hq`).
 * Both are idempotent, so a page repeated after a crash changes nothing.
 */
async function applyPulledParts(db: CounterDb, changes: readonly PullChange[]): Promise<void> {
  const catalog = await newerCatalog(
    db,
    changes.flatMap((c) => (c.kind === 'catalog' ? [c] : [])),
  );
  if (catalog !== null) await applyHqCatalog(db, catalog);
  const receipts = await receiptsOf(
    db,
    changes.flatMap((c) => (c.kind === 'partReturnReceipt' ? [c] : [])),
  );
  for (const receipt of receipts) await applyReturnReceipt(db, receipt);
}

/** The tables `savePulled` writes in its one transaction. */
const pulledTables = (db: CounterDb) => [
  db.settings,
  db.partsCatalog,
  ...new Set([db.defectiveParts, ...returnReceiptTables(db)]),
];

export function createSyncStore(db: CounterDb): SyncStore {
  return {
    readMeta: () => readSyncMeta(db),
    updateMeta: (patch) => updateSyncMeta(db, patch),
    readOutbox: (limit) => db.outbox.orderBy(':id').limit(limit).toArray(),
    countOutbox: () => db.outbox.count(),
    highestWritten: async () => (await readSyncState(db)).nextMutationId - 1,
    installationId: async () => (await readSyncState(db)).installationId,
    acknowledge: (upTo, rejected) =>
      db.transaction('rw', db.outbox, db.settings, async () => {
        await db.outbox.where(':id').belowOrEqual(upTo).delete();
        if (rejected.length === 0) return;
        const known = await rejectedRows(db);
        const ids = new Set(known.map((r) => r.mutationId));
        const merged = [...known, ...rejected.filter((r) => !ids.has(r.mutationId))];
        await db.settings.put({ key: 'syncRejected', value: merged.slice(-MAX_REJECTED_KEPT) });
      }),
    countRejected: async () => (await rejectedRows(db)).length,
    renumber: (from, start) =>
      db.transaction('rw', db.outbox, db.settings, async () => {
        if (start <= from) throw new Error(`renumbering must move ids up: ${from} → ${start}`);
        const moved = await db.outbox.where(':id').aboveOrEqual(from).toArray();
        await db.outbox.bulkDelete(moved.map((e) => e.mutationId));
        await db.outbox.bulkAdd(moved.map((e, i) => ({ ...e, mutationId: start + i })));
        const sync = await readSyncState(db);
        await db.settings.put({
          key: 'sync',
          value: { ...sync, nextMutationId: Math.max(sync.nextMutationId, start + moved.length) },
        });
      }),
    savePulled: (changes, cursor) =>
      db.transaction('rw', pulledTables(db), async () => {
        await putNewer(db, changes.map(hqRow));
        await applyPulledParts(db, changes);
        const meta = metaOf(await db.settings.get('syncMeta'));
        // A cursor never goes back: a page repeated after a crash changes nothing.
        await db.settings.put({
          key: 'syncMeta',
          value: { ...meta, cursor: Math.max(meta.cursor, cursor) },
        });
      }),
    saveRegistryAnswer: (answer) =>
      db.transaction('rw', db.settings, () =>
        putNewer(db, [{ key: registryKey(answer.serial), value: answer }]),
      ),
    readRegistryAnswer: (serial) => readRegistryAnswer(db, serial),
    watchOutbox: (onChange) => {
      const subscription = liveQuery(() => db.outbox.count()).subscribe({
        next: onChange,
        error: () => undefined,
      });
      return () => {
        subscription.unsubscribe();
      };
    },
  };
}
