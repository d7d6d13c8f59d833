// Dexie's liveQuery runs only where a global indexedDB exists (it does in the app).
import 'fake-indexeddb/auto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { TechnicianId, TicketId } from '../../shared/domain/ids';
import { cents } from '../../shared/domain/money';
import { MutationSchema } from '../../shared/sync/mutations';
import type { PullChange, RegistryAnswer } from '../../shared/sync/protocol';
import type {
  AppSettingsData,
  CustomerRecordData,
  CustomerRefData,
  PhotoMetaData,
  TechnicianData,
  TicketEventData,
  TicketRecordData,
  WatchRecordData,
} from '../../shared/sync/records';
import {
  addNote,
  changeStatus,
  createTicket,
  recordDiagnosis,
  setQuote,
  type CommandResult,
} from './commands';
import type {
  AppSettings,
  CustomerRecord,
  CustomerRef,
  DeviceRow,
  PhotoMeta,
  RejectedMutation,
  Technician,
  TicketEventRow,
  TicketRow,
} from './db';
import { starterPartsCatalog } from './db';
import { packReturnShipment, readCatalogMeta, recordDefectivePart } from './parts';
import {
  createSyncStore,
  dismissRejected,
  readHqPolicies,
  readPartReturnReceipts,
  readRegistryAnswer,
  readRejected,
  readSyncMeta,
  rejectedForTicket,
} from './syncStore';
import { decision, image, intakeForm, plainDate, setupCounter } from './testkit';

const TODAY = plainDate('2025-07-01');

function value<T>(r: CommandResult<T>): T {
  if (!r.ok) throw new Error(`command failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('the outbox and the sync protocol', () => {
  it('the counter’s row types and the protocol’s schemas describe the same records', () => {
    // Both ways: a row is a valid record, and a parsed record is a row.
    expectTypeOf<TicketRow>().toExtend<TicketRecordData>();
    expectTypeOf<TicketRecordData>().toExtend<TicketRow>();
    expectTypeOf<DeviceRow>().toExtend<WatchRecordData>();
    expectTypeOf<WatchRecordData>().toExtend<DeviceRow>();
    expectTypeOf<CustomerRecord>().toExtend<CustomerRecordData>();
    expectTypeOf<CustomerRecordData>().toExtend<CustomerRecord>();
    expectTypeOf<CustomerRef>().toExtend<CustomerRefData>();
    expectTypeOf<CustomerRefData>().toExtend<CustomerRef>();
    expectTypeOf<TicketEventRow>().toExtend<TicketEventData>();
    expectTypeOf<TicketEventData>().toExtend<TicketEventRow>();
    expectTypeOf<PhotoMeta>().toExtend<PhotoMetaData>();
    expectTypeOf<PhotoMetaData>().toExtend<PhotoMeta>();
    expectTypeOf<AppSettings>().toExtend<AppSettingsData>();
    expectTypeOf<AppSettingsData>().toExtend<AppSettings>();
    expectTypeOf<Technician>().toExtend<TechnicianData>();
    expectTypeOf<TechnicianData>().toExtend<Technician>();
  });

  it('every entry the commands write passes HQ’s schema, as it is stored', async () => {
    const c = await setupCounter();
    const tech = c.techs[0] as Parameters<typeof addNote>[1]['technicianId'];
    const t = value(
      await createTicket(c.deps, {
        form: intakeForm(tech, { findings: ['physical_damage'], activationDate: '2025-03-10' }),
        visitDate: TODAY,
        decision: decision(TODAY, { provisional: true, missingEvidence: ['warranty_card'] }),
        photos: [image()],
        signature: image(8),
        unverified: ['activation_date'],
      }),
    );
    value(await addNote(c.deps, { ticketId: t.ticketId, technicianId: tech, text: 'नमस्ते 👍🏽' }));
    value(
      await changeStatus(c.deps, { ticketId: t.ticketId, to: 'diagnosing', technicianId: tech }),
    );
    value(
      await recordDiagnosis(c.deps, {
        ticketId: t.ticketId,
        technicianId: tech,
        newFindings: ['liquid_damage'],
        summary: 'Corrosion.',
        facts: { ...t.facts, findings: [...t.facts.findings, 'liquid_damage'] },
        decision: decision(TODAY, { covered: false, charge: 'paid', reasons: [] }),
      }),
    );
    const amount = cents(45_000);
    if (amount === null) throw new Error('cents');
    value(await setQuote(c.deps, { ticketId: t.ticketId, technicianId: tech, amount }));
    value(await setQuote(c.deps, { ticketId: t.ticketId, technicianId: tech, amount: null }));

    const entries = await c.db.outbox.orderBy(':id').toArray();
    expect(entries.map((e) => e.name)).toEqual([
      'updateSettings',
      'addTechnician',
      'addTechnician',
      'createTicket',
      'addNote',
      'changeStatus',
      'recordDiagnosis',
      'setQuote',
      'setQuote',
    ]);
    for (const e of entries) {
      // As it travels: JSON, exactly what the transport sends.
      const wire = JSON.parse(JSON.stringify({ name: e.name, args: e.args })) as unknown;
      const parsed = MutationSchema.safeParse(wire);
      expect(parsed.success ? null : parsed.error.issues).toBeNull();
      expect(parsed.data).toEqual(wire);
    }
  });
});

describe('the sync store', () => {
  it('acknowledges up to an id and keeps the rejected ones, in one transaction', async () => {
    const c = await setupCounter();
    const store = createSyncStore(c.db);
    expect((await store.readOutbox(10)).map((e) => e.mutationId)).toEqual([1, 2, 3]);
    expect(await store.highestWritten()).toBe(3);
    const ticketId = '01970000-0000-7000-8000-0000000000ff' as TicketId;
    const rejected: RejectedMutation = {
      mutationId: 2,
      name: 'addTechnician',
      at: 1,
      ticketId,
      code: 'duplicate_record',
      message: 'no',
      rejectedAt: 2,
    };
    c.instrument.failNextWrite('settings', new Error('disk says no'));
    await expect(store.acknowledge(2, [rejected])).rejects.toThrow('disk says no');
    expect(await store.countOutbox()).toBe(3);

    await store.acknowledge(2, [rejected]);
    await store.acknowledge(2, [rejected]);
    expect((await store.readOutbox(10)).map((e) => e.mutationId)).toEqual([3]);
    expect(await readRejected(c.db)).toEqual([rejected]);
    expect(await rejectedForTicket(c.db, ticketId)).toEqual([rejected]);
    await dismissRejected(c.db, 2);
    expect(await store.countRejected()).toBe(0);
  });

  it('stores a pulled page with its cursor; older data never replaces newer', async () => {
    const c = await setupCounter();
    const store = createSyncStore(c.db);
    const policy = (seq: number, version: number): PullChange => ({
      seq,
      kind: 'policy',
      policyId: 'xinji',
      version,
      document: { version },
      publishedAt: 1,
    });
    const answer = (answeredAt: number): RegistryAnswer => ({
      serial: 'XJ20240001ABCD' as RegistryAnswer['serial'],
      registered: true,
      brand: 'xinji',
      model: 'C5',
      activationDate: plainDate('2025-03-10'),
      sold: null,
      repairs: [],
      freeReplacementsGiven: 0,
      answeredAt,
    });
    await store.savePulled(
      [policy(4, 3), { seq: 5, kind: 'registry', serial: answer(9).serial, answer: answer(9) }],
      5,
    );
    expect((await readSyncMeta(c.db)).cursor).toBe(5);
    // A repeated, older page (a crash between pull and store) changes nothing.
    await store.savePulled([policy(2, 2)], 2);
    expect((await readSyncMeta(c.db)).cursor).toBe(5);
    expect((await readHqPolicies(c.db)).map((p) => p.version)).toEqual([3]);
    await store.saveRegistryAnswer(answer(3));
    expect((await readRegistryAnswer(c.db, ' xj20240001abcd '))?.answeredAt).toBe(9);

    c.instrument.failNextWrite('settings', new Error('full'));
    await expect(store.savePulled([policy(6, 4)], 6)).rejects.toThrow('full');
    expect((await readSyncMeta(c.db)).cursor).toBe(5);
    expect((await readHqPolicies(c.db)).map((p) => p.version)).toEqual([3]);
  });

  it('a pulled page closes the parts HQ received and takes HQ’s newer catalog, in its transaction', async () => {
    const c = await setupCounter();
    const store = createSyncStore(c.db);
    const tech = c.techs[0] as TechnicianId;
    const t = value(
      await createTicket(c.deps, {
        form: intakeForm(tech),
        visitDate: TODAY,
        decision: decision(TODAY),
      }),
    );
    const takeOut = async (serial: string) =>
      value(
        await recordDefectivePart(c.deps, {
          ticketId: t.ticketId,
          technicianId: tech,
          today: TODAY,
          partNumber: 'XJ-C5-LCD',
          serial,
          reason: 'No image.',
        }),
      ).part;
    const a = await takeOut('OLD-A');
    const b = await takeOut('OLD-B');
    const held = await takeOut('OLD-C');
    const { shipment } = value(
      await packReturnShipment(c.deps, {
        technicianId: tech,
        today: TODAY,
        carrier: 'Blue Dart',
        trackingNumber: '81234567890',
        partIds: [a.id, b.id],
      }),
    );
    const receipt = (
      seq: number,
      partId: string,
      shipmentId: string | null,
      note = 'ok',
    ): PullChange => ({
      seq,
      kind: 'partReturnReceipt',
      partId,
      shipmentId,
      partNumber: 'XJ-C5-LCD',
      ticketId: t.ticketId,
      receivedAt: 1_760_000_000_000 + seq,
      note,
    });
    const catalog = (seq: number, version: number): PullChange => ({
      seq,
      kind: 'catalog',
      version,
      document: { ...starterPartsCatalog(), version, editableAtCenter: false },
      publishedAt: 1,
    });
    const page = [
      catalog(1, 70),
      catalog(2, 71),
      receipt(3, a.id, shipment.id, 'panel failure'),
      // Received without a shipment at HQ: filed under the one this counter packed it in.
      receipt(4, b.id, null),
      // Never shipped from here: kept as HQ's change only.
      receipt(5, held.id, null),
      // Not a part id this counter could have: skipped, not fatal.
      receipt(6, 'not-an-id', shipment.id),
    ];

    // A failed write stores nothing: neither the changes, nor the cursor, nor the parts.
    c.instrument.failNextWrite('defectiveParts', new Error('full'));
    await expect(store.savePulled(page, 6)).rejects.toThrow('full');
    expect((await readSyncMeta(c.db)).cursor).toBe(0);
    expect(await readPartReturnReceipts(c.db)).toEqual([]);
    expect((await c.db.defectiveParts.get(a.id))?.status).toBe('shipped');

    await store.savePulled(page, 6);
    expect((await readSyncMeta(c.db)).cursor).toBe(6);
    expect(await c.db.defectiveParts.get(a.id)).toMatchObject({
      status: 'received_by_hq',
      receivedAt: 1_760_000_000_003,
      hqNote: 'panel failure',
    });
    expect(await c.db.defectiveParts.get(b.id)).toMatchObject({
      status: 'received_by_hq',
      shipmentId: shipment.id,
      receivedAt: 1_760_000_000_004,
    });
    expect((await c.db.defectiveParts.get(held.id))?.status).toBe('held');
    expect((await c.db.returnShipments.get(shipment.id))?.status).toBe('received');
    expect(await readCatalogMeta(c.db)).toEqual({
      version: 71,
      editableAtCenter: false,
      source: 'hq',
    });
    // HQ-owned data flowing down writes no outbox entry.
    expect((await c.db.outbox.toArray()).at(-1)?.name).toBe('packReturnShipment');

    // The page again, and an older catalog: nothing changes.
    const before = [await c.db.defectiveParts.toArray(), await c.db.returnShipments.toArray()];
    await store.savePulled([...page, catalog(7, 69)], 7);
    expect([await c.db.defectiveParts.toArray(), await c.db.returnShipments.toArray()]).toEqual(
      before,
    );
    expect((await readCatalogMeta(c.db)).version).toBe(71);
  });

  it('tells a watcher the outbox size as it changes', async () => {
    const c = await setupCounter();
    const store = createSyncStore(c.db);
    const seen: number[] = [];
    const stop = store.watchOutbox((n) => seen.push(n));
    await expect.poll(() => seen.at(-1)).toBe(3);
    await store.acknowledge(2, []);
    await expect.poll(() => seen.at(-1)).toBe(1);
    stop();
  });
});
