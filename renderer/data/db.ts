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
  | { readonly kind: 'quote'; readonly quote: Money | null };

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

export type TicketCounterKey = `ticketCounter:${string}:${string}`;

export type SettingsRow =
  | { readonly key: 'app'; readonly value: AppSettings }
  | { readonly key: 'sync'; readonly value: SyncState }
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

export type Mutation =
  | {
      readonly name: 'createTicket';
      readonly args: {
        readonly customer: CustomerRef;
        readonly device: DeviceRow;
        readonly ticket: TicketRow;
        readonly events: readonly TicketEventRow[];
        readonly photos: readonly PhotoMeta[];
      };
    }
  | { readonly name: 'changeStatus'; readonly args: { readonly event: TicketEventRow } }
  | { readonly name: 'addNote'; readonly args: { readonly event: TicketEventRow } }
  | {
      readonly name: 'recordDiagnosis';
      readonly args: { readonly events: readonly TicketEventRow[] };
    }
  | { readonly name: 'setQuote'; readonly args: { readonly event: TicketEventRow } }
  | { readonly name: 'updateSettings'; readonly args: { readonly settings: AppSettings } }
  | { readonly name: 'addTechnician'; readonly args: { readonly technician: Technician } };

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

export const CURRENT_VERSION = 2;

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
