import Dexie, { type Table, type Transaction } from 'dexie';
import type { PlainDate } from '../../shared/dates/plainDate';
import type { BrandId } from '../../shared/domain/brand';
import type {
  CustomerId,
  DeviceId,
  EventId,
  IdSource,
  InstallationId,
  PhotoId,
  TechnicianId,
  TicketId,
} from '../../shared/domain/ids';
import { newInstallationId } from '../../shared/domain/ids';
import type { CurrencyCode, Money } from '../../shared/domain/money';
import type { PhoneNumber } from '../../shared/domain/phone';
import { nameSearchKeys, phoneSearchKeys } from '../../shared/domain/search';
import type { SerialNumber, SerialPatternOverrides } from '../../shared/domain/serial';
import type { CenterCode, TicketNumber, TicketStatus } from '../../shared/domain/ticket';
import partsCatalogJson from '../../policies/parts-catalog.json';
import {
  catalogRows,
  loadPartsCatalog,
  type CatalogPartRow,
  type PartNumber,
  type PartsCatalog,
  type PartsCatalogMeta,
} from '../../shared/parts/catalog';
import type {
  DefectivePart,
  DefectivePartId,
  PartLine,
  PartLineId,
  ReturnShipment,
  ReturnShipmentId,
  StockMovement,
  StockMovementId,
} from '../../shared/parts/records';
import type { Mutation as SyncMutation } from '../../shared/sync/mutations';
import type { TroubleshootingData } from '../../shared/sync/records';
import type {
  CatalogChange,
  PartReturnReceiptChange,
  PolicyChange,
  RegistryAnswer,
} from '../../shared/sync/protocol';
import type { CountryCode } from '../../shared/warranty/countries';
import type { WarrantyDecision, WarrantyFacts } from '../../shared/warranty/types';
import type { Component, FindingCode, PurchaseChannel } from '../../shared/warranty/vocabulary';

/*
 * The counter's local database: one typed schema, numbered versions, each with its upgrade and a
 * test that upgrades real data from the version before (DESIGN.md, "Local data"). This folder is
 * Dexie's only home (STYLE.md 10). Ids are random UUIDv7 strings, never auto-increment; the
 * outbox is keyed by the mutation id, which counts up by one per installation.
 */

// ---------------------------------------------------------------------------------------------
// Rows

/** The customer as HQ knows them: what the counter recorded, exactly as typed. */
export interface CustomerRecord {
  readonly id: CustomerId;
  /** As the customer gave it, in any script; never trimmed or escaped here. */
  readonly name: string;
  readonly phone: PhoneNumber;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Local search keys, derived from the record (added in version 2). */
export interface CustomerSearchKeys {
  /** Lower-cased name words and their accent-free forms (multi-entry index). */
  readonly nameWords: readonly string[];
  readonly phoneDigits: string;
  /** The digits reversed, so that a suffix search is an index prefix search. */
  readonly phoneSuffix: string;
}

export type CustomerRow = CustomerRecord & CustomerSearchKeys;

/** A watch, known by brand and serial. Invoice facts are the latest the counter was shown. */
export interface DeviceRow {
  readonly id: DeviceId;
  readonly brand: BrandId;
  readonly serial: SerialNumber;
  readonly model: string;
  readonly invoiceNumber: string;
  readonly invoiceDate: PlainDate | null;
  readonly activationDate: PlainDate | null;
  readonly purchaseChannel: PurchaseChannel;
  readonly purchaseCountry: CountryCode;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The latest decision on a ticket, kept on the row for lists; the full ones are events. */
export interface DecisionSummary {
  readonly policyId: string;
  readonly policyVersion: number;
  readonly covered: boolean;
  readonly charge: 'free' | 'paid';
  readonly provisional: boolean;
  readonly lastCoveredDay: PlainDate | null;
}

export interface TicketRow {
  readonly id: TicketId;
  readonly number: TicketNumber;
  readonly center: CenterCode;
  readonly customerId: CustomerId;
  readonly deviceId: DeviceId;
  /** The device's serial and brand, copied so a serial search needs no join. */
  readonly serial: SerialNumber;
  readonly brand: BrandId;
  readonly status: TicketStatus;
  /** The center's calendar date of the visit, as the UI took it. */
  readonly visitDate: PlainDate;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly receivedBy: TechnicianId;
  readonly complaint: string;
  readonly accessories: readonly string[];
  readonly component: Component;
  readonly findings: readonly FindingCode[];
  readonly decision: DecisionSummary;
  readonly quote: Money | null;
}

export type DecisionCause = 'intake' | 'diagnosis';

export type TicketEventBody =
  | { readonly kind: 'created'; readonly number: TicketNumber; readonly status: TicketStatus }
  | {
      readonly kind: 'status';
      readonly from: TicketStatus;
      readonly to: TicketStatus;
      readonly reason: string;
    }
  | { readonly kind: 'note'; readonly text: string }
  | {
      readonly kind: 'decision';
      readonly cause: DecisionCause;
      /** The decision exactly as made, with the facts and visit date it was made from. */
      readonly decision: WarrantyDecision;
      readonly facts: WarrantyFacts;
      readonly visitDate: PlainDate;
    }
  | {
      readonly kind: 'diagnosis';
      readonly newFindings: readonly FindingCode[];
      readonly summary: string;
    }
  | { readonly kind: 'quote'; readonly quote: Money | null }
  /** The brand's support steps tried at the counter (renderer/data/troubleshooting.ts). */
  | ({ readonly kind: 'troubleshooting' } & TroubleshootingData);

/** Something that happened to a ticket. Appended, never edited. */
export type TicketEventRow = {
  readonly id: EventId;
  readonly ticketId: TicketId;
  readonly at: number;
  readonly technicianId: TechnicianId;
} & TicketEventBody;

export type PhotoKind = 'intake' | 'signature';

export interface PhotoMeta {
  readonly id: PhotoId;
  readonly ticketId: TicketId;
  readonly kind: PhotoKind;
  readonly type: string;
  readonly size: number;
  readonly createdAt: number;
}

export interface PhotoRow extends PhotoMeta {
  readonly blob: Blob;
}

export interface CenterProfile {
  readonly name: string;
  readonly code: CenterCode;
  readonly address: string;
  readonly phone: PhoneNumber | null;
  readonly country: CountryCode;
  readonly currency: CurrencyCode;
}

export interface Technician {
  readonly id: TechnicianId;
  readonly name: string;
  readonly active: boolean;
  readonly addedAt: number;
}

/** What a center sets up. Null center: not set up yet, so no ticket can be taken. */
export interface AppSettings {
  readonly center: CenterProfile | null;
  readonly technicians: readonly Technician[];
  /** The warranty policy id that applies to each brand's watches. */
  readonly policyPerBrand: Readonly<Record<BrandId, string>>;
  readonly defaultBrand: BrandId;
  readonly serialPatterns: SerialPatternOverrides;
}

export interface SyncState {
  /** The sync protocol's `deviceId` for this installation's outbox. */
  readonly installationId: InstallationId;
  /** The id the next outbox entry gets: 1 for the first, then one more each time. */
  readonly nextMutationId: number;
}

export interface PrintingPrefs {
  /** The receipt printer; null: show the print dialog every time. */
  readonly printerName: string | null;
  readonly receiptSize: '80mm' | 'A4';
}

export const DEFAULT_PRINTING: PrintingPrefs = { printerName: null, receiptSize: '80mm' };

export type TicketCounterKey = `ticketCounter:${string}:${string}`;

/** Sync's own bookkeeping, beside `sync` (which commands write): where HQ is, the pull cursor. */
export interface SyncMeta {
  /** HQ's base URL, set at enrollment; null: this counter is not enrolled. */
  readonly hqUrl: string | null;
  /** HQ's id for this counter, from enrollment. */
  readonly deviceId: string | null;
  readonly centerCode: CenterCode | null;
  /** Pull changes after this: HQ's sequence number, never a clock. */
  readonly cursor: number;
  readonly lastSuccessAt: number | null;
  /** The last failure in plain words; null after a success. */
  readonly lastError: string | null;
  /** How often to sync when nothing else asks (minutes). */
  readonly intervalMinutes: number;
}

/** An outbox entry HQ refused, kept so the counter can show it on its ticket. */
export interface RejectedMutation {
  readonly mutationId: number;
  readonly name: string;
  /** When the action was taken at the counter. */
  readonly at: number;
  readonly ticketId: TicketId | null;
  readonly code: string;
  readonly message: string;
  readonly rejectedAt: number;
}

/** What HQ sent down (pulled, or a registry lookup's answer), one settings row per item. */
export type HqDataRow =
  | { readonly key: `hq:policy:${string}`; readonly value: PolicyChange }
  | { readonly key: 'hq:catalog'; readonly value: CatalogChange }
  | { readonly key: `hq:receipt:${string}`; readonly value: PartReturnReceiptChange }
  | { readonly key: `hq:registry:${string}`; readonly value: RegistryAnswer };

export type SettingsRow =
  | { readonly key: 'app'; readonly value: AppSettings }
  | { readonly key: 'sync'; readonly value: SyncState }
  | { readonly key: 'syncMeta'; readonly value: SyncMeta }
  | { readonly key: 'syncRejected'; readonly value: readonly RejectedMutation[] }
  /** The parts catalog's version and HQ's edit permission; absent: the starter file's. */
  | { readonly key: 'partsCatalog'; readonly value: PartsCatalogMeta }
  /** This computer's printer: local only (printers belong to a machine), never sent to HQ. */
  | { readonly key: 'printing'; readonly value: PrintingPrefs }
  | HqDataRow
  /** The last ticket sequence used by a center on a day. */
  | { readonly key: TicketCounterKey; readonly value: { readonly last: number } };

export type SettingsKey = SettingsRow['key'];

export const ticketCounterKey = (center: CenterCode, day: PlainDate): TicketCounterKey =>
  `ticketCounter:${center}:${day}`;

export const DEFAULT_APP_SETTINGS: AppSettings = {
  center: null,
  technicians: [],
  policyPerBrand: { xinji: 'xinji', kospet: 'kospet', coros: 'coros', bluetens: 'bluetens' },
  defaultBrand: 'xinji',
  serialPatterns: {},
};

// ---------------------------------------------------------------------------------------------
// Outbox: what HQ is told, in order. Arguments are plain JSON (no Blobs: photos go up apart).

export type CustomerRef =
  | { readonly kind: 'new'; readonly customer: CustomerRecord }
  | { readonly kind: 'existing'; readonly id: CustomerId };

/**
 * What an outbox entry carries, derived from the sync protocol's schemas (shared/sync/mutations.ts)
 * so the counter and HQ agree on every mutation's name and arguments; a new mutation is added
 * there. The row types above are checked against those schemas in syncStore.test.ts.
 */
export type Mutation = SyncMutation;

export type MutationName = Mutation['name'];

export type OutboxEntry = Mutation & {
  readonly mutationId: number;
  /** When the action was taken (ms since the epoch, from the injected clock). */
  readonly at: number;
};

// ---------------------------------------------------------------------------------------------
// Schema

/**
 * Version 1. Kept as written: the upgrade test builds a version-1 database from it.
 * Indexes serve the counter's queries without a full scan: exact serial and ticket number,
 * status and all tickets newest first ([x+createdAt] walked in reverse), a customer's tickets.
 */
export const SCHEMA_V1 = {
  customers: 'id, phone, name',
  devices: 'id, serial, &[brand+serial]',
  tickets:
    'id, &number, createdAt, [status+createdAt], [serial+createdAt], [customerId+createdAt], deviceId',
  ticketEvents: 'id, [ticketId+at]',
  photos: 'id, ticketId',
  outbox: 'mutationId',
  settings: 'key',
} as const;

/**
 * Version 2: customers are found by any word of their name (case- and accent-insensitive, as a
 * prefix) and by the start or the end of their phone number. The version-1 `name` index was
 * case-sensitive and matched only the start of the whole name; `phone` is subsumed by
 * `phoneDigits`. The upgrade fills the new keys of every existing customer.
 */
export const SCHEMA_V2 = {
  customers: 'id, phoneDigits, phoneSuffix, *nameWords',
} as const;

/**
 * Version 3: the parts ledger (renderer/data/parts.ts). New tables only; the upgrade seeds the
 * starter catalog. A part's movements by [partNumber+at] (its on-hand and history), a ticket's
 * lines and movements, serials (fitted anywhere, removed as defective), lines fitted in a date
 * range, defective parts by status oldest first, shipments by tracking number.
 */
export const SCHEMA_V3 = {
  partsCatalog: 'partNumber',
  stockMovements: 'id, [partNumber+at], ticketId, deliveryRef',
  partLines: 'id, ticketId, serial, [status+fittedOn]',
  defectiveParts: 'id, ticketId, [status+heldSince], serial, shipmentId',
  returnShipments: 'id, trackingNumber, packedAt',
} as const;

export const CURRENT_VERSION = 3;

export const STARTER_PARTS_CATALOG_FILE = 'policies/parts-catalog.json';

/** The bundled catalog, until HQ's arrives by sync. Tested to load: a failure is a defect. */
export const starterPartsCatalog = (): PartsCatalog =>
  loadPartsCatalog(partsCatalogJson, STARTER_PARTS_CATALOG_FILE);

async function seedPartsCatalog(tx: Transaction): Promise<void> {
  await tx
    .table<CatalogPartRow, PartNumber>('partsCatalog')
    .bulkPut(catalogRows(starterPartsCatalog()));
}

export type CustomerRowV1 = CustomerRecord;

export function customerSearchKeys(c: Pick<CustomerRecord, 'name' | 'phone'>): CustomerSearchKeys {
  return { nameWords: nameSearchKeys(c.name), ...phoneSearchKeys(c.phone) };
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<CustomerRow, CustomerId>('customers')
    .toCollection()
    .modify((c) => {
      Object.assign(c, customerSearchKeys(c));
    });
}

export interface OpenDeps {
  /** Defaults to the browser's; tests pass a fresh `fake-indexeddb` factory per database. */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /** Makes the installation id when the database is first created. */
  readonly ids: IdSource;
}

export class CounterDb extends Dexie {
  declare customers: Table<CustomerRow, CustomerId>;
  declare devices: Table<DeviceRow, DeviceId>;
  declare tickets: Table<TicketRow, TicketId>;
  declare ticketEvents: Table<TicketEventRow, EventId>;
  declare photos: Table<PhotoRow, PhotoId>;
  declare outbox: Table<OutboxEntry, number>;
  declare settings: Table<SettingsRow, SettingsKey>;
  declare partsCatalog: Table<CatalogPartRow, PartNumber>;
  declare stockMovements: Table<StockMovement, StockMovementId>;
  declare partLines: Table<PartLine, PartLineId>;
  declare defectiveParts: Table<DefectivePart, DefectivePartId>;
  declare returnShipments: Table<ReturnShipment, ReturnShipmentId>;

  constructor(name: string, deps: OpenDeps) {
    super(name, {
      ...(deps.indexedDB ? { indexedDB: deps.indexedDB } : {}),
      ...(deps.IDBKeyRange ? { IDBKeyRange: deps.IDBKeyRange } : {}),
      // Each committed write is on disk before the counter is told it is saved.
      chromeTransactionDurability: 'strict',
      autoOpen: false,
    });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(seedPartsCatalog);
    // A new database is created at the latest version without running upgrades: seed it too.
    this.on('populate', seedPartsCatalog);
    this.on('populate', (tx) =>
      tx.table<SettingsRow, SettingsKey>('settings').bulkAdd([
        { key: 'app', value: DEFAULT_APP_SETTINGS },
        {
          key: 'sync',
          value: { installationId: newInstallationId(deps.ids), nextMutationId: 1 },
        },
      ]),
    );
  }
}

/** A database handle, not yet opened (`startStorage` opens it and reports a failure). */
export function createCounterDb(name: string, deps: OpenDeps): CounterDb {
  return new CounterDb(name, deps);
}

/** Opens (creating or upgrading) the database; rejects when it cannot be opened. */
export async function openCounterDb(name: string, deps: OpenDeps): Promise<CounterDb> {
  const db = createCounterDb(name, deps);
  await db.open();
  return db;
}

// ---------------------------------------------------------------------------------------------
// Typed access to settings rows

export async function readAppSettings(db: CounterDb): Promise<AppSettings> {
  const row = await db.settings.get('app');
  return row?.key === 'app' ? row.value : DEFAULT_APP_SETTINGS;
}

export async function readSyncState(db: CounterDb): Promise<SyncState> {
  const row = await db.settings.get('sync');
  if (row?.key !== 'sync') throw new Error('the database has no sync state: it was not populated');
  return row.value;
}
