import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { BrandId } from '../../shared/domain/brand';
import { nameSearchKeys } from '../../shared/domain/search';
import {
  createUuidV7Source,
  isUuidV7,
  type CustomerId,
  type DeviceId,
  type EventId,
  type InstallationId,
  type PhotoId,
  type TechnicianId,
  type TicketId,
} from '../../shared/domain/ids';
import type { PhoneNumber } from '../../shared/domain/phone';
import type { SerialNumber } from '../../shared/domain/serial';
import type { CenterCode, TicketNumber } from '../../shared/domain/ticket';
import type { CountryCode } from '../../shared/warranty/countries';
import { addNote, createCommandDeps } from './commands';
import {
  CURRENT_VERSION,
  DEFAULT_APP_SETTINGS,
  SCHEMA_V1,
  openCounterDb,
  readAppSettings,
  readSyncState,
  type AppSettings,
  type CustomerRowV1,
  type DeviceRow,
  type OutboxEntry,
  type PhotoRow,
  type SettingsRow,
  type TicketEventRow,
  type TicketRow,
} from './db';
import { findCustomers, getTicket, searchTickets } from './queries';
import { createStorageGuard } from './storage';
import { decision, plainDate, seededRandom, testClock } from './testkit';

const ids = () => createUuidV7Source(testClock().clock, seededRandom(3));

describe('a new database', () => {
  it('is created at the current version with its installation id and first mutation id', async () => {
    const db = await openCounterDb('fresh', {
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      ids: ids(),
    });
    expect(db.verno).toBe(CURRENT_VERSION);
    const sync = await readSyncState(db);
    expect(isUuidV7(sync.installationId)).toBe(true);
    expect(sync.nextMutationId).toBe(1);
    expect(await readAppSettings(db)).toEqual(DEFAULT_APP_SETTINGS);
    expect(await db.outbox.count()).toBe(0);
  });

  it('has the indexes the counter’s queries walk', async () => {
    const db = await openCounterDb('fresh', {
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      ids: ids(),
    });
    const indexes = (table: string) =>
      db
        .table(table)
        .schema.indexes.map((i) => i.name)
        .sort();
    expect(indexes('tickets')).toEqual(
      [
        'number',
        'createdAt',
        '[status+createdAt]',
        '[serial+createdAt]',
        '[customerId+createdAt]',
        'deviceId',
      ].sort(),
    );
    expect(indexes('customers')).toEqual(['nameWords', 'phoneDigits', 'phoneSuffix']);
    expect(db.table('customers').schema.idxByName.nameWords?.multi).toBe(true);
    expect(db.table('tickets').schema.idxByName.number?.unique).toBe(true);
    // Random ids, never auto-increment; the outbox is keyed by the mutation id.
    for (const t of db.tables) expect(t.schema.primKey.auto, t.name).toBe(false);
    expect(db.outbox.schema.primKey.keyPath).toBe('mutationId');
  });
});

describe('upgrade from version 1', () => {
  const T0 = Date.UTC(2025, 5, 2, 10, 0, 0);
  const installationId = '0197c2a0-0000-7000-8000-0000000000aa' as InstallationId;
  const uuid = (n: number): string => `0197c2a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const tech = uuid(900) as TechnicianId;

  const customers: CustomerRowV1[] = [
    {
      id: uuid(1) as CustomerId,
      name: 'José Ñúñez',
      phone: '+919876543210' as PhoneNumber,
      createdAt: T0,
      updatedAt: T0,
    },
    {
      id: uuid(2) as CustomerId,
      name: 'राहुल शर्मा',
      phone: '08023456789' as PhoneNumber,
      createdAt: T0 + 1,
      updatedAt: T0 + 1,
    },
    {
      id: uuid(3) as CustomerId,
      name: '王小明',
      phone: '+8613812345678' as PhoneNumber,
      createdAt: T0 + 2,
      updatedAt: T0 + 2,
    },
  ];
  const device = (n: number, serial: string, brand: BrandId): DeviceRow => ({
    id: uuid(100 + n) as DeviceId,
    brand,
    serial: serial as SerialNumber,
    model: `${brand} model`,
    invoiceNumber: `INV-${n}`,
    invoiceDate: plainDate('2025-01-10'),
    activationDate: null,
    purchaseChannel: 'official_store',
    purchaseCountry: 'IN' as CountryCode,
    createdAt: T0 + n,
    updatedAt: T0 + n,
  });
  const devices = [
    device(1, 'XJ20240001ABCD', 'xinji'),
    device(2, 'KW99887766', 'kospet'),
    device(3, 'CR55554444', 'coros'),
  ];
  const ticket = (n: number, c: number, d: number, status: TicketRow['status']): TicketRow => ({
    id: uuid(200 + n) as TicketId,
    number: `BLR01-250602-${String(n).padStart(3, '0')}` as TicketNumber,
    center: 'BLR01' as CenterCode,
    customerId: uuid(c) as CustomerId,
    deviceId: uuid(100 + d) as DeviceId,
    serial: devices[d - 1]?.serial ?? ('' as SerialNumber),
    brand: devices[d - 1]?.brand ?? 'xinji',
    status,
    visitDate: plainDate('2025-06-02'),
    createdAt: T0 + n * 60_000,
    updatedAt: T0 + n * 60_000,
    receivedBy: tech,
    complaint: 'Does not charge',
    accessories: ['charger'],
    component: 'body',
    findings: [],
    decision: {
      policyId: 'xinji',
      policyVersion: 1,
      covered: true,
      charge: 'free',
      provisional: false,
      lastCoveredDay: plainDate('2026-01-10'),
    },
    quote: null,
  });
  const tickets = [
    ticket(1, 1, 1, 'repairing'),
    ticket(2, 2, 2, 'received'),
    ticket(3, 3, 3, 'collected'),
    ticket(4, 1, 1, 'received'),
  ];
  const events: TicketEventRow[] = tickets.flatMap((t, i) => [
    {
      id: uuid(300 + 2 * i) as EventId,
      ticketId: t.id,
      at: t.createdAt,
      technicianId: tech,
      kind: 'created',
      number: t.number,
      status: 'received',
    },
    {
      id: uuid(301 + 2 * i) as EventId,
      ticketId: t.id,
      at: t.createdAt,
      technicianId: tech,
      kind: 'decision',
      cause: 'intake',
      decision: decision(plainDate('2025-06-02')),
      facts: {
        component: 'body',
        invoiceDate: plainDate('2025-01-10'),
        proofOfPurchase: true,
        warrantyCard: true,
        purchaseChannel: 'official_store',
        purchaseCountry: 'IN' as CountryCode,
        serviceCountry: 'IN' as CountryCode,
        warrantySticker: 'intact',
        findings: [],
      },
      visitDate: plainDate('2025-06-02'),
    },
  ]);
  const photo: PhotoRow = {
    id: uuid(400) as PhotoId,
    ticketId: uuid(201) as TicketId,
    kind: 'signature',
    type: 'image/png',
    size: 3,
    createdAt: T0,
    blob: new Blob(['sig'], { type: 'image/png' }),
  };
  const app: AppSettings = {
    ...DEFAULT_APP_SETTINGS,
    center: {
      name: 'Smart Care',
      code: 'BLR01' as CenterCode,
      address: 'Bengaluru',
      phone: null,
      country: 'IN' as CountryCode,
      currency: 'INR' as never,
    },
    technicians: [{ id: tech, name: 'Arjun', active: true, addedAt: T0 }],
  };
  const settings: SettingsRow[] = [
    { key: 'app', value: app },
    { key: 'sync', value: { installationId, nextMutationId: 8 } },
    { key: 'ticketCounter:BLR01:2025-06-02', value: { last: 4 } },
  ];
  // Entries 1–5 were acknowledged by HQ and deleted; 6 and 7 wait to be pushed.
  const outbox: OutboxEntry[] = [
    { mutationId: 6, name: 'addNote', args: { event: events[0] as TicketEventRow }, at: T0 + 1 },
    { mutationId: 7, name: 'addNote', args: { event: events[1] as TicketEventRow }, at: T0 + 2 },
  ];

  async function createV1(factory: IDBFactory): Promise<void> {
    const v1 = new Dexie('counter', { indexedDB: factory, IDBKeyRange });
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.transaction('rw', v1.tables, async () => {
      await v1.table('customers').bulkAdd(customers);
      await v1.table('devices').bulkAdd(devices);
      await v1.table('tickets').bulkAdd(tickets);
      await v1.table('ticketEvents').bulkAdd(events);
      await v1.table('photos').add(photo);
      await v1.table('settings').bulkAdd(settings);
      await v1.table('outbox').bulkAdd(outbox);
    });
    expect(v1.verno).toBe(1);
    v1.close();
  }

  it('keeps every record and fills the new search keys', async () => {
    const factory = new IDBFactory();
    await createV1(factory);
    const db = await openCounterDb('counter', { indexedDB: factory, IDBKeyRange, ids: ids() });
    expect(db.verno).toBe(CURRENT_VERSION);

    expect(await db.devices.toArray()).toEqual(devices);
    expect(await db.tickets.toArray()).toEqual(tickets);
    expect(await db.ticketEvents.toArray()).toEqual(events);
    expect(await db.settings.toArray()).toEqual(
      [...settings].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    expect(await db.outbox.toArray()).toEqual(outbox);
    const storedPhoto = await db.photos.get(photo.id);
    expect(await storedPhoto?.blob.text()).toBe('sig');

    expect(await db.customers.toArray()).toEqual([
      {
        ...customers[0],
        nameWords: ['josé', 'jose', 'ñúñez', 'nunez'],
        phoneDigits: '919876543210',
        phoneSuffix: '012345678919',
      },
      {
        ...customers[1],
        nameWords: nameSearchKeys('राहुल शर्मा'),
        phoneDigits: '08023456789',
        phoneSuffix: '98765432080',
      },
      {
        ...customers[2],
        nameWords: ['王小明'],
        phoneDigits: '8613812345678',
        phoneSuffix: '8765432183168',
      },
    ]);
  });

  it('answers the new searches on upgraded data', async () => {
    const factory = new IDBFactory();
    await createV1(factory);
    const db = await openCounterDb('counter', { indexedDB: factory, IDBKeyRange, ids: ids() });
    expect((await findCustomers(db, 'nunez')).map((c) => c.id)).toEqual([customers[0]?.id]);
    expect((await findCustomers(db, 'राहु')).map((c) => c.id)).toEqual([customers[1]?.id]);
    expect((await findCustomers(db, '43210')).map((c) => c.id)).toEqual([customers[0]?.id]);
    const page = await searchTickets(db, { text: 'josé' });
    expect(page.items.map((i) => i.ticket.number)).toEqual([
      'BLR01-250602-004',
      'BLR01-250602-001',
    ]);
    const detail = await getTicket(db, uuid(201) as TicketId);
    expect(detail?.events.map((e) => e.kind)).toEqual(['created', 'decision']);
    expect(detail?.photos).toEqual([
      {
        id: photo.id,
        ticketId: photo.ticketId,
        kind: 'signature',
        type: 'image/png',
        size: 3,
        createdAt: T0,
      },
    ]);
  });

  it('keeps the installation id and continues the mutation ids', async () => {
    const factory = new IDBFactory();
    await createV1(factory);
    const time = testClock(T0 + 3_600_000);
    const db = await openCounterDb('counter', { indexedDB: factory, IDBKeyRange, ids: ids() });
    const deps = createCommandDeps({
      db,
      clock: time.clock,
      random: seededRandom(),
      storage: createStorageGuard(),
    });
    const r = await addNote(deps, {
      ticketId: uuid(201) as TicketId,
      technicianId: tech,
      text: 'after the upgrade',
    });
    expect(r).toMatchObject({ ok: true, value: { mutationId: 8 } });
    expect(await readSyncState(db)).toEqual({ installationId, nextMutationId: 9 });
    expect((await db.outbox.toArray()).map((e) => e.mutationId)).toEqual([6, 7, 8]);
  });
});
