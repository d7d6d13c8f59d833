import Dexie from 'dexie';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../../shared/dates/plainDate';
import type { BrandId } from '../../shared/domain/brand';
import {
  createUuidV7Source,
  type CustomerId,
  type DeviceId,
  type EventId,
  type InstallationId,
  type TechnicianId,
  type TicketId,
} from '../../shared/domain/ids';
import type { CurrencyCode } from '../../shared/domain/money';
import type { PhoneNumber } from '../../shared/domain/phone';
import type { SerialNumber } from '../../shared/domain/serial';
import type { CenterCode, TicketNumber } from '../../shared/domain/ticket';
import { catalogRows, type PartNumber } from '../../shared/parts/catalog';
import { PartsMutationSchema, type PartsMutation } from '../../shared/parts/mutations';
import type {
  DefectivePart,
  DefectivePartId,
  PartLine,
  ReturnShipmentId,
} from '../../shared/parts/records';
import type { CountryCode } from '../../shared/warranty/countries';
import { changeStatus, createCommandDeps, createTicket, type CommandResult } from './commands';
import {
  CURRENT_VERSION,
  DEFAULT_APP_SETTINGS,
  SCHEMA_V1,
  SCHEMA_V2,
  customerSearchKeys,
  openCounterDb,
  readSyncState,
  starterPartsCatalog,
  type AppSettings,
  type CounterDb,
  type CustomerRow,
  type DeviceRow,
  type OutboxEntry,
  type SettingsRow,
  type TicketEventRow,
  type TicketRow,
} from './db';
import {
  addPartLine,
  applyHqCatalog,
  applyReturnReceipt,
  heldDefectiveParts,
  heldTooLong,
  listCatalog,
  lowStock,
  onHand,
  onHandForAll,
  packReturnShipment,
  partsUsageCsv,
  partsUsageReport,
  readCatalogMeta,
  recordDefectivePart,
  recordStockCount,
  receiveStock,
  removePartLine,
  returnReceiptTables,
  returnStockToHq,
  saveCatalogPart,
  setLowStockThreshold,
  stockHistory,
  ticketPartLines,
  ticketPartsSummary,
} from './parts';
import { createStorageGuard } from './storage';
import {
  decision,
  intakeForm,
  plainDate,
  seededRandom,
  setupCounter,
  snapshot,
  testClock,
  type TestCounter,
} from './testkit';

const TODAY = plainDate('2025-07-01');
const pn = (s: string) => s as PartNumber;
const LCD = 'XJ-C5-LCD'; // serialized, fits the XINJI Cobee C5
const BTN = 'XJ-C5-BTN'; // not serialized, fits the C5 and the C7 Pro
const STRAP = 'XJ-STR-22';

function value<T>(r: CommandResult<T>): T {
  if (!r.ok) throw new Error(`command failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The command was refused with exactly these fields in error. */
function refusedOn<T>(r: CommandResult<T>): string[] {
  if (r.ok) throw new Error('expected the command to be refused');
  if (r.error.kind !== 'invalid') throw new Error(`refused as ${r.error.kind}`);
  return r.error.errors.map((e) => e.field);
}

function messages<T>(r: CommandResult<T>): string {
  if (r.ok || r.error.kind !== 'invalid') return '';
  return r.error.errors.map((e) => e.message).join(' | ');
}

interface Shop {
  readonly c: TestCounter;
  readonly tech: TechnicianId;
  /** A XINJI Cobee C5 on a covered (free) visit. */
  readonly free: TicketId;
  /** Another C5, on a paid visit. */
  readonly paid: TicketId;
}

async function openShop(seed = 42): Promise<Shop> {
  const c = await setupCounter({ seed });
  const tech = c.techs[0] as TechnicianId;
  const free = value(
    await createTicket(c.deps, {
      form: intakeForm(tech),
      visitDate: TODAY,
      decision: decision(TODAY),
    }),
  ).ticketId;
  const paid = value(
    await createTicket(c.deps, {
      form: intakeForm(tech, { serial: 'XJ20240002ABCD' }),
      visitDate: TODAY,
      decision: decision(TODAY, { covered: false, charge: 'paid' }),
    }),
  ).ticketId;
  return { c, tech, free, paid };
}

async function receive(s: Shop, lines: [string, number][], ref = `DLV-${Math.random()}`) {
  return value(
    await receiveStock(s.c.deps, {
      technicianId: s.tech,
      today: TODAY,
      deliveryRef: ref,
      lines: lines.map(([partNumber, quantity]) => ({ partNumber, quantity })),
    }),
  );
}

/** The outbox entries of parts commands, checked against their schemas. */
async function partsOutbox(db: CounterDb): Promise<PartsMutation[]> {
  const entries = await db.outbox.orderBy('mutationId').toArray();
  return entries
    .filter(
      (e) => !['updateSettings', 'addTechnician', 'createTicket', 'changeStatus'].includes(e.name),
    )
    .map((e) => PartsMutationSchema.parse({ name: e.name, args: e.args }));
}

/** Runs `f`, expects it to be refused, and that it wrote nothing at all. */
async function expectNothingWritten<T>(
  db: CounterDb,
  f: () => Promise<CommandResult<T>>,
): Promise<string[]> {
  const before = await snapshot(db);
  const r = await f();
  const fields = refusedOn(r);
  expect(await snapshot(db)).toEqual(before);
  return fields;
}

// ---------------------------------------------------------------------------------------------

describe('the starter catalog', () => {
  it('loads, covers the four brands, and is seeded into a new database', async () => {
    const catalog = starterPartsCatalog();
    expect(new Set(catalog.parts.map((p) => p.brand))).toEqual(
      new Set(['xinji', 'kospet', 'coros', 'bluetens']),
    );
    for (const p of catalog.parts) expect(p.unitPrice.currency).toBe('INR');
    // XINJI: all replaced parts are owned by XINJI.
    for (const p of catalog.parts.filter((x) => x.brand === 'xinji'))
      expect(p.returnToHq).toBe(true);
    const { c } = await openShop();
    expect(await c.db.partsCatalog.toArray()).toEqual(
      catalogRows(catalog).sort((a, b) => (a.partNumber < b.partNumber ? -1 : 1)),
    );
    expect(await readCatalogMeta(c.db)).toEqual({
      version: 1,
      editableAtCenter: true,
      source: 'starter',
    });
  });

  it('lists the parts for a model', async () => {
    const { c } = await openShop();
    const parts = await listCatalog(c.db, { model: ' xinji  cobee c5 ' });
    expect(parts.map((p) => p.partNumber)).toContain(LCD);
    expect(parts.every((p) => p.brand === 'xinji')).toBe(true);
    expect(parts.map((p) => p.partNumber)).not.toContain('XJ-C7-LCD');
  });
});

describe('receiving stock', () => {
  it('writes one received movement per part and its outbox entry', async () => {
    const s = await openShop();
    const r = await receive(
      s,
      [
        [BTN, 5],
        [' xj-str-22 ', 3],
      ],
      'DN-2025-0042',
    );
    expect(r.movements.map((m) => [m.kind, m.partNumber, m.delta, m.day])).toEqual([
      ['received', BTN, 5, TODAY],
      ['received', STRAP, 3, TODAY],
    ]);
    expect(await onHand(s.c.db, pn(BTN))).toBe(5);
    expect(await onHand(s.c.db, pn(STRAP))).toBe(3);
    expect(await partsOutbox(s.c.db)).toEqual([
      { name: 'receiveStock', args: { movements: r.movements } },
    ]);
    expect((await s.c.db.outbox.get(r.mutationId))?.name).toBe('receiveStock');
  });

  it.each<[string, Partial<Parameters<typeof receiveStock>[1]>, string[]]>([
    [
      'an unknown part number',
      { lines: [{ partNumber: 'XJ-NOPE', quantity: 1 }] },
      ['lines[0].partNumber'],
    ],
    ['a zero quantity', { lines: [{ partNumber: BTN, quantity: 0 }] }, ['lines[0].quantity']],
    ['a negative quantity', { lines: [{ partNumber: BTN, quantity: -2 }] }, ['lines[0].quantity']],
    [
      'a fractional quantity',
      { lines: [{ partNumber: BTN, quantity: 1.5 }] },
      ['lines[0].quantity'],
    ],
    [
      'a part listed twice',
      {
        lines: [
          { partNumber: BTN, quantity: 1 },
          { partNumber: 'xj-c5-btn', quantity: 1 },
        ],
      },
      ['lines[1].partNumber'],
    ],
    ['no lines', { lines: [] }, ['lines']],
    ['no delivery reference', { deliveryRef: '  ' }, ['deliveryRef']],
    ['a delivery already received', { deliveryRef: 'DN-1' }, ['deliveryRef']],
    [
      'a technician not on the counter',
      { technicianId: '0197c2a0-0000-7000-8000-000000000999' as TechnicianId },
      ['technicianId'],
    ],
  ])('refuses %s and writes nothing', async (_, over, fields) => {
    const s = await openShop();
    await receive(s, [[STRAP, 1]], 'DN-1');
    const got = await expectNothingWritten(s.c.db, () =>
      receiveStock(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        deliveryRef: 'DN-2',
        lines: [{ partNumber: BTN, quantity: 1 }],
        ...over,
      }),
    );
    expect(got).toEqual(fields);
  });

  it('says what is wrong and what to do', async () => {
    const s = await openShop();
    await receive(s, [[STRAP, 1]], 'DN-1');
    const r = await receiveStock(s.c.deps, {
      technicianId: s.tech,
      today: TODAY,
      deliveryRef: 'DN-1',
      lines: [{ partNumber: 'XJ-NOPE', quantity: 0 }],
    });
    expect(messages(r)).toBe(
      'Delivery DN-1 was already received on 2025-07-01: check the delivery note. If this really is a second box of it, add "-2" to the number. | ' +
        'There is no part "XJ-NOPE" in the parts catalog: check the number on the part’s label or bag, or ask HQ to add it. | ' +
        'Enter how many parts: a whole number, 1 or more.',
    );
  });
});

describe('fitting parts on a ticket', () => {
  it('adds the line, covered as the decision says, and takes it out of stock in one go', async () => {
    const s = await openShop();
    await receive(s, [
      [BTN, 3],
      [LCD, 1],
    ]);
    const btn = value(
      await addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: BTN,
        quantity: 2,
      }),
    );
    expect(btn.line).toMatchObject({
      ticketId: s.free,
      partNumber: BTN,
      model: 'XINJI Cobee C5',
      quantity: 2,
      serial: null,
      unitPrice: { amount: 18500, currency: 'INR' },
      coverage: 'covered',
      status: 'fitted',
      fittedOn: TODAY,
    });
    const lcd = value(
      await addPartLine(s.c.deps, {
        ticketId: s.paid,
        technicianId: s.tech,
        today: TODAY,
        partNumber: LCD,
        quantity: 1,
        serial: ' lcd-0001 ',
      }),
    );
    expect(lcd.line).toMatchObject({ serial: 'LCD-0001', coverage: 'charged' });
    expect(await onHand(s.c.db, pn(BTN))).toBe(1);
    expect(await onHand(s.c.db, pn(LCD))).toBe(0);
    const fitted = await s.c.db.stockMovements.where('ticketId').equals(s.free).toArray();
    expect(fitted).toEqual([
      expect.objectContaining({ kind: 'fitted', delta: -2, lineId: btn.line.id, partNumber: BTN }),
    ]);
    const outbox = await partsOutbox(s.c.db);
    expect(outbox.at(-2)).toEqual({
      name: 'addPartLine',
      args: { line: btn.line, movement: fitted[0] },
    });
  });

  it('totals covered and charged value for the quote and the receipt', async () => {
    const s = await openShop();
    await receive(s, [
      [BTN, 3],
      [STRAP, 2],
    ]);
    const fit = async (ticketId: TicketId, partNumber: string, quantity: number) =>
      value(
        await addPartLine(s.c.deps, {
          ticketId,
          technicianId: s.tech,
          today: TODAY,
          partNumber,
          quantity,
        }),
      );
    await fit(s.paid, BTN, 1);
    const strap = await fit(s.paid, STRAP, 2);
    await fit(s.free, BTN, 1);
    value(
      await removePartLine(s.c.deps, {
        lineId: strap.line.id,
        technicianId: s.tech,
        today: TODAY,
        reason: 'customer kept the old strap',
      }),
    );
    await fit(s.paid, STRAP, 1);
    const paid = await ticketPartsSummary(s.c.db, s.paid);
    expect(paid.ok && paid.value.lines.map((l) => [l.line.partNumber, l.total.amount])).toEqual([
      [BTN, 18500],
      [STRAP, 49900],
    ]);
    expect(paid.ok && [paid.value.covered.amount, paid.value.charged.amount]).toEqual([0, 68400]);
    const free = await ticketPartsSummary(s.c.db, s.free);
    expect(free.ok && [free.value.covered.amount, free.value.charged.amount]).toEqual([18500, 0]);
    expect((await ticketPartLines(s.c.db, s.paid)).map((l) => l.status)).toEqual([
      'fitted',
      'removed',
      'fitted',
    ]);
  });

  it('refuses to fit more than is in stock, and writes nothing', async () => {
    const s = await openShop();
    await receive(s, [[BTN, 2]]);
    const fit = (quantity: number) =>
      addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: BTN,
        quantity,
      });
    const r = await fit(3);
    expect(messages(r)).toBe(
      'Only 2 of Side button flex cable (XJ-C5-BTN) are in stock: fit 2 or fewer, or receive the delivery first.',
    );
    expect(await expectNothingWritten(s.c.db, () => fit(3))).toEqual(['quantity']);
    value(await fit(2));
    expect(messages(await fit(1))).toBe(
      'Side button flex cable (XJ-C5-BTN) is out of stock: receive the delivery first, then fit it.',
    );
  });

  it('refuses a serial already fitted on any ticket, and writes nothing', async () => {
    const s = await openShop();
    await receive(s, [[LCD, 3]]);
    const fit = (ticketId: TicketId, serial: string) =>
      addPartLine(s.c.deps, {
        ticketId,
        technicianId: s.tech,
        today: TODAY,
        partNumber: LCD,
        quantity: 1,
        serial,
      });
    const first = value(await fit(s.free, 'LCD-7'));
    const number = (await s.c.db.tickets.get(s.free))?.number ?? '';
    expect(await expectNothingWritten(s.c.db, () => fit(s.paid, 'lcd-7'))).toEqual(['serial']);
    expect(messages(await fit(s.paid, 'LCD-7'))).toBe(
      `Display assembly (AMOLED 1.43", with touch panel and frame) LCD-7 is already fitted on ticket ${number}: check the serial on the new part’s label.`,
    );
    // Once its line is removed, the part is back on the shelf and can go into another watch.
    value(
      await removePartLine(s.c.deps, {
        lineId: first.line.id,
        technicianId: s.tech,
        today: TODAY,
        reason: 'wrong watch',
      }),
    );
    value(await fit(s.paid, 'LCD-7'));
  });

  it.each<[string, Partial<Parameters<typeof addPartLine>[1]>, string[]]>([
    ['an unknown part number', { partNumber: 'XJ-C9-LCD' }, ['partNumber']],
    ['a zero quantity', { quantity: 0 }, ['quantity']],
    ['a negative quantity', { quantity: -1 }, ['quantity']],
    ['a serialized part without its serial', { partNumber: LCD, serial: ' ' }, ['serial']],
    [
      'two serialized parts on one line',
      { partNumber: LCD, serial: 'S-1', quantity: 2 },
      ['quantity'],
    ],
    ['a serial on a part that has none', { serial: 'S-1' }, ['serial']],
    ['another brand’s part', { partNumber: 'KP-BTN-FLX' }, ['partNumber']],
    ['a part for another model', { partNumber: 'XJ-K2-BTN' }, ['partNumber']],
    [
      'a ticket not on the counter',
      { ticketId: '0197c2a0-0000-7000-8000-000000000abc' as TicketId },
      ['ticketId'],
    ],
  ])('refuses %s and writes nothing', async (_, over, fields) => {
    const s = await openShop();
    await receive(s, [
      [BTN, 5],
      [LCD, 5],
      ['KP-BTN-FLX', 5],
      ['XJ-K2-BTN', 5],
    ]);
    const got = await expectNothingWritten(s.c.db, () =>
      addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: BTN,
        quantity: 1,
        ...over,
      }),
    );
    expect(got).toEqual(fields);
  });

  it('refuses parts on a closed ticket', async () => {
    const s = await openShop();
    await receive(s, [[BTN, 5]]);
    value(
      await changeStatus(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        to: 'cancelled',
        reason: 'customer left',
      }),
    );
    const fields = await expectNothingWritten(s.c.db, () =>
      addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: BTN,
        quantity: 1,
      }),
    );
    expect(fields).toEqual(['ticketId']);
  });

  it('refuses to fit a serial that was taken out of a watch as defective', async () => {
    const s = await openShop();
    await receive(s, [[LCD, 1]]);
    value(
      await recordDefectivePart(s.c.deps, {
        ticketId: s.paid,
        technicianId: s.tech,
        today: TODAY,
        partNumber: LCD,
        serial: 'OLD-1',
        reason: 'dead pixels',
      }),
    );
    const fields = await expectNothingWritten(s.c.db, () =>
      addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: LCD,
        quantity: 1,
        serial: 'OLD-1',
      }),
    );
    expect(fields).toEqual(['serial']);
  });

  it('writes neither the line nor the movement when a write fails half-way', async () => {
    const s = await openShop();
    await receive(s, [[BTN, 5]]);
    const before = await snapshot(s.c.db);
    s.c.instrument.failNextWrite('stockMovements', new Error('disk hiccup'));
    const r = await addPartLine(s.c.deps, {
      ticketId: s.free,
      technicianId: s.tech,
      today: TODAY,
      partNumber: BTN,
      quantity: 1,
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'failed' } });
    expect(await snapshot(s.c.db)).toEqual(before);
  });
});

describe('removing a part line', () => {
  it('puts the part back and marks the line removed', async () => {
    const s = await openShop();
    await receive(s, [[BTN, 1]]);
    const { line } = value(
      await addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: BTN,
        quantity: 1,
      }),
    );
    const later = plainDate('2025-07-02');
    const removed = value(
      await removePartLine(s.c.deps, {
        lineId: line.id,
        technicianId: s.tech,
        today: later,
        reason: 'fault was the mainboard',
      }),
    );
    expect(removed.line).toMatchObject({
      status: 'removed',
      removal: { on: later, by: s.tech, reason: 'fault was the mainboard' },
    });
    expect(await onHand(s.c.db, pn(BTN))).toBe(1);
    expect((await stockHistory(s.c.db, pn(BTN))).map((m) => [m.kind, m.delta])).toEqual([
      ['put_back', 1],
      ['fitted', -1],
      ['received', 1],
    ]);
    // Twice is refused, and writes nothing.
    expect(
      await expectNothingWritten(s.c.db, () =>
        removePartLine(s.c.deps, {
          lineId: line.id,
          technicianId: s.tech,
          today: later,
          reason: '',
        }),
      ),
    ).toEqual(['lineId']);
  });

  it('refuses a line on a collected watch', async () => {
    const s = await openShop();
    await receive(s, [[BTN, 1]]);
    const { line } = value(
      await addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: BTN,
        quantity: 1,
      }),
    );
    for (const to of ['diagnosing', 'repairing', 'ready_for_pickup', 'collected'] as const) {
      value(await changeStatus(s.c.deps, { ticketId: s.free, technicianId: s.tech, to }));
    }
    expect(
      await expectNothingWritten(s.c.db, () =>
        removePartLine(s.c.deps, {
          lineId: line.id,
          technicianId: s.tech,
          today: TODAY,
          reason: '',
        }),
      ),
    ).toEqual(['lineId']);
  });
});

describe('stock counts, returns and low stock', () => {
  it('adjusts each part counted differently, with the reason', async () => {
    const s = await openShop();
    await receive(s, [
      [BTN, 5],
      [STRAP, 2],
    ]);
    const r = value(
      await recordStockCount(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        reason: 'monthly count: one strap damaged',
        counts: [
          { partNumber: BTN, counted: 5 },
          { partNumber: STRAP, counted: 1 },
          { partNumber: LCD, counted: 2 },
        ],
      }),
    );
    expect(r.count.lines).toEqual([
      { partNumber: BTN, expected: 5, counted: 5 },
      { partNumber: STRAP, expected: 2, counted: 1 },
      { partNumber: LCD, expected: 0, counted: 2 },
    ]);
    expect(r.adjustments.map((m) => [m.kind, m.partNumber, m.delta])).toEqual([
      ['adjusted', STRAP, -1],
      ['adjusted', LCD, 2],
    ]);
    expect(r.adjustments.every((m) => m.kind === 'adjusted' && m.countId === r.count.id)).toBe(
      true,
    );
    expect(Object.fromEntries(await onHandForAll(s.c.db))).toEqual({
      [BTN]: 5,
      [STRAP]: 1,
      [LCD]: 2,
    });
  });

  it.each<[string, Partial<Parameters<typeof recordStockCount>[1]>, string[]]>([
    ['a negative count', { counts: [{ partNumber: BTN, counted: -1 }] }, ['counts[0].counted']],
    ['no reason', { reason: '' }, ['reason']],
    ['an unknown part', { counts: [{ partNumber: 'NOPE', counted: 1 }] }, ['counts[0].partNumber']],
    [
      'a part counted twice',
      {
        counts: [
          { partNumber: BTN, counted: 1 },
          { partNumber: BTN, counted: 2 },
        ],
      },
      ['counts[1].partNumber'],
    ],
  ])('refuses %s and writes nothing', async (_, over, fields) => {
    const s = await openShop();
    await receive(s, [[BTN, 5]]);
    const got = await expectNothingWritten(s.c.db, () =>
      recordStockCount(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        reason: 'count',
        counts: [{ partNumber: BTN, counted: 4 }],
        ...over,
      }),
    );
    expect(got).toEqual(fields);
  });

  it('returns new parts to HQ, never more than is on the shelf', async () => {
    const s = await openShop();
    await receive(s, [
      [BTN, 3],
      [STRAP, 1],
    ]);
    const input = (quantity: number) => ({
      technicianId: s.tech,
      today: TODAY,
      reference: 'RMA-88',
      reason: 'wrong revision delivered',
      lines: [
        { partNumber: STRAP, quantity: 1 },
        { partNumber: BTN, quantity },
      ],
    });
    expect(await expectNothingWritten(s.c.db, () => returnStockToHq(s.c.deps, input(4)))).toEqual([
      'lines[1].quantity',
    ]);
    const r = value(await returnStockToHq(s.c.deps, input(3)));
    expect(r.movements.map((m) => [m.kind, m.partNumber, m.delta])).toEqual([
      ['returned', STRAP, -1],
      ['returned', BTN, -3],
    ]);
    expect(await onHand(s.c.db, pn(BTN))).toBe(0);
  });

  it('lists the parts at or below their threshold, fewest first', async () => {
    const s = await openShop();
    const all = (await s.c.db.partsCatalog.toArray()).map((p) => p.partNumber);
    // Everything well stocked except two parts.
    await receive(
      s,
      all.map((p): [string, number] => [p, p === BTN ? 4 : p === STRAP ? 5 : 50]),
    );
    const threshold = (partNumber: string, t: number) =>
      setLowStockThreshold(s.c.deps, { technicianId: s.tech, partNumber, threshold: t });
    expect((await lowStock(s.c.db)).map((l) => [l.part.partNumber, l.onHand])).toEqual([
      [BTN, 4],
      [STRAP, 5],
    ]);
    value(await threshold(BTN, 3));
    value(await threshold(STRAP, 0)); // 0: no alert for this part
    expect(await lowStock(s.c.db)).toEqual([]);
    value(
      await addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: BTN,
        quantity: 1,
      }),
    );
    expect((await lowStock(s.c.db)).map((l) => [l.part.partNumber, l.onHand])).toEqual([[BTN, 3]]);
    expect(await expectNothingWritten(s.c.db, () => threshold(BTN, -1))).toEqual(['threshold']);
  });
});

describe('the catalog at the center', () => {
  const form = {
    partNumber: 'XJ-C5-GLS',
    brand: 'xinji',
    name: 'Cover glass',
    models: ['XINJI Cobee C5'],
    unitPrice: 35000,
    currency: 'INR',
    returnToHq: true,
    serialized: false,
    lowStockThreshold: 2,
  };

  it('takes a new part where HQ allows it', async () => {
    const s = await openShop();
    const r = value(await saveCatalogPart(s.c.deps, { technicianId: s.tech, form }));
    expect(r.part).toMatchObject({ partNumber: 'XJ-C5-GLS', discontinued: false });
    expect((await partsOutbox(s.c.db)).at(-1)?.name).toBe('saveCatalogPart');
  });

  it('refuses an edit where HQ does not allow it, and writes nothing', async () => {
    const s = await openShop();
    await applyHqCatalog(s.c.db, { ...starterPartsCatalog(), version: 2, editableAtCenter: false });
    const r = await saveCatalogPart(s.c.deps, { technicianId: s.tech, form });
    expect(messages(r)).toMatch(/^HQ manages the parts catalog for this center/);
    expect(
      await expectNothingWritten(s.c.db, () =>
        saveCatalogPart(s.c.deps, { technicianId: s.tech, form }),
      ),
    ).toEqual(['catalog']);
    // The center's own stock levels are still its own.
    value(
      await setLowStockThreshold(s.c.deps, { technicianId: s.tech, partNumber: BTN, threshold: 9 }),
    );
  });

  it('takes HQ’s catalog, keeping the center’s thresholds and dropped parts', async () => {
    const s = await openShop();
    value(
      await setLowStockThreshold(s.c.deps, { technicianId: s.tech, partNumber: BTN, threshold: 9 }),
    );
    const starter = starterPartsCatalog();
    const outboxBefore = await s.c.db.outbox.count();
    await applyHqCatalog(s.c.db, {
      version: 7,
      editableAtCenter: false,
      parts: starter.parts
        .filter((p) => p.partNumber !== STRAP)
        .map((p) => ({ ...p, lowStockThreshold: 1 })),
    });
    expect(await readCatalogMeta(s.c.db)).toEqual({
      version: 7,
      editableAtCenter: false,
      source: 'hq',
    });
    expect((await s.c.db.partsCatalog.get(pn(BTN)))?.lowStockThreshold).toBe(9);
    expect((await s.c.db.partsCatalog.get(pn(LCD)))?.lowStockThreshold).toBe(1);
    expect((await s.c.db.partsCatalog.get(pn(STRAP)))?.discontinued).toBe(true);
    expect(await s.c.db.outbox.count()).toBe(outboxBefore);
    await receive(s, [[STRAP, 1]]);
    const fields = await expectNothingWritten(s.c.db, () =>
      addPartLine(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: STRAP,
        quantity: 1,
      }),
    );
    expect(fields).toEqual(['partNumber']);
  });
});

describe('defective parts and their return to HQ', () => {
  async function takeOut(s: Shop, serial: string, partNumber = LCD, today = TODAY) {
    return value(
      await recordDefectivePart(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today,
        partNumber,
        serial,
        reason: 'no image',
      }),
    ).part;
  }

  it('holds a removed part for return, not in shop stock', async () => {
    const s = await openShop();
    const part = await takeOut(s, 'old-lcd-1');
    expect(part).toMatchObject({
      ticketId: s.free,
      partNumber: LCD,
      serial: 'OLD-LCD-1',
      status: 'held',
      mustReturn: true,
      heldSince: TODAY,
      shipmentId: null,
    });
    expect(await onHand(s.c.db, pn(LCD))).toBe(0);
    expect((await partsOutbox(s.c.db)).at(-1)).toEqual({
      name: 'recordDefectivePart',
      args: { part },
    });
  });

  it.each<[string, Partial<Parameters<typeof recordDefectivePart>[1]>, string[]]>([
    ['a serialized part without its serial', { serial: '' }, ['serial']],
    ['an unknown part', { partNumber: 'XX-1' }, ['partNumber']],
    ['no reason', { reason: ' ' }, ['reason']],
    ['a serial already held', { serial: 'OLD-1' }, ['serial']],
  ])('refuses %s and writes nothing', async (_, over, fields) => {
    const s = await openShop();
    await takeOut(s, 'OLD-1');
    const got = await expectNothingWritten(s.c.db, () =>
      recordDefectivePart(s.c.deps, {
        ticketId: s.free,
        technicianId: s.tech,
        today: TODAY,
        partNumber: LCD,
        serial: 'OLD-2',
        reason: 'cracked',
        ...over,
      }),
    );
    expect(got).toEqual(fields);
  });

  it('packs held parts into a shipment, and HQ’s receipt closes each', async () => {
    const s = await openShop();
    const a = await takeOut(s, 'A');
    const b = await takeOut(s, 'B');
    const strap = await takeOut(s, '', STRAP);
    const { shipment } = value(
      await packReturnShipment(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        carrier: 'Blue Dart',
        trackingNumber: ' 81234567890 ',
        partIds: [a.id, b.id],
      }),
    );
    expect(shipment).toMatchObject({ trackingNumber: '81234567890', status: 'in_transit' });
    expect((await s.c.db.defectiveParts.get(a.id))?.status).toBe('shipped');
    expect((await heldDefectiveParts(s.c.db)).map((p) => p.id)).toEqual([strap.id]);
    expect((await partsOutbox(s.c.db)).at(-1)).toEqual({
      name: 'packReturnShipment',
      args: { shipment },
    });

    const outboxBefore = await s.c.db.outbox.count();
    const first = await applyReturnReceipt(s.c.db, {
      shipmentId: shipment.id,
      receivedAt: 1_760_000_000_000,
      parts: [{ partId: a.id, note: 'confirmed: panel failure' }],
    });
    expect(first).toEqual({
      received: [a.id],
      alreadyReceived: [],
      unknown: [],
      outsideShipment: [],
    });
    expect(await s.c.db.defectiveParts.get(a.id)).toMatchObject({
      status: 'received_by_hq',
      receivedAt: 1_760_000_000_000,
      hqNote: 'confirmed: panel failure',
    });
    expect((await s.c.db.returnShipments.get(shipment.id))?.status).toBe('partly_received');

    const unknownId = '0197c2a0-0000-7000-8000-00000000dead' as DefectivePartId;
    const second = await applyReturnReceipt(s.c.db, {
      shipmentId: shipment.id,
      receivedAt: 1_760_000_100_000,
      parts: [
        { partId: a.id, note: '' },
        { partId: b.id, note: '' },
        { partId: unknownId, note: '' },
      ],
    });
    expect(second).toEqual({
      received: [b.id],
      alreadyReceived: [a.id],
      unknown: [unknownId],
      outsideShipment: [],
    });
    expect((await s.c.db.returnShipments.get(shipment.id))?.status).toBe('received');
    // HQ's data flowing down: nothing for the outbox.
    expect(await s.c.db.outbox.count()).toBe(outboxBefore);
  });

  it('applies a receipt inside the sync’s own transaction', async () => {
    const s = await openShop();
    const a = await takeOut(s, 'A');
    const { shipment } = value(
      await packReturnShipment(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        carrier: 'DTDC',
        trackingNumber: 'D1',
        partIds: [a.id],
      }),
    );
    const db = s.c.db;
    await db.transaction('rw', [db.settings, ...returnReceiptTables(db)], async () => {
      await applyReturnReceipt(db, {
        shipmentId: shipment.id,
        receivedAt: 1,
        parts: [{ partId: a.id, note: '' }],
      });
      await db.settings.put({ key: 'ticketCounter:X:Y', value: { last: 1 } });
    });
    expect((await db.defectiveParts.get(a.id))?.status).toBe('received_by_hq');
  });

  it.each<
    [
      string,
      (ids: {
        a: string;
        b: string;
        shipped: string;
      }) => Partial<Parameters<typeof packReturnShipment>[1]>,
      string[],
    ]
  >([
    ['a part listed twice', ({ a }) => ({ partIds: [a, a] }), ['partIds[1]']],
    ['a part already shipped', ({ a, shipped }) => ({ partIds: [a, shipped] }), ['partIds[1]']],
    [
      'an unknown part',
      ({ a }) => ({ partIds: [a, '0197c2a0-0000-7000-8000-00000000dead'] }),
      ['partIds[1]'],
    ],
    ['no parts', () => ({ partIds: [] }), ['partIds']],
    ['no carrier', () => ({ carrier: '' }), ['carrier']],
    ['no tracking number', () => ({ trackingNumber: ' ' }), ['trackingNumber']],
    ['a tracking number already used', () => ({ trackingNumber: 'T-1' }), ['trackingNumber']],
  ])('refuses a shipment with %s, and writes nothing', async (_, over, fields) => {
    const s = await openShop();
    const a = await takeOut(s, 'A');
    const b = await takeOut(s, 'B');
    const shipped = await takeOut(s, 'C');
    value(
      await packReturnShipment(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        carrier: 'Blue Dart',
        trackingNumber: 'T-1',
        partIds: [shipped.id],
      }),
    );
    const got = await expectNothingWritten(s.c.db, () =>
      packReturnShipment(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        carrier: 'Blue Dart',
        trackingNumber: 'T-2',
        partIds: [a.id, b.id],
        ...over({ a: a.id, b: b.id, shipped: shipped.id }),
      }),
    );
    expect(got).toEqual(fields);
  });

  it('flags parts held longer than 30 days, oldest first', async () => {
    const s = await openShop();
    const old = await takeOut(s, 'OLD', LCD, plainDate('2025-05-01'));
    const border = await takeOut(s, 'BORDER', LCD, plainDate('2025-06-01'));
    await takeOut(s, 'NEW', LCD, plainDate('2025-06-20'));
    expect((await heldTooLong(s.c.db, plainDate('2025-07-01'))).map((p) => p.id)).toEqual([old.id]);
    expect((await heldTooLong(s.c.db, plainDate('2025-07-02'))).map((p) => p.id)).toEqual([
      old.id,
      border.id,
    ]);
    value(
      await packReturnShipment(s.c.deps, {
        technicianId: s.tech,
        today: TODAY,
        carrier: 'India Post',
        trackingNumber: 'EE123456789IN',
        partIds: [old.id],
      }),
    );
    expect((await heldTooLong(s.c.db, plainDate('2025-07-02'))).map((p) => p.id)).toEqual([
      border.id,
    ]);
  });
});

describe('the usage report', () => {
  it('adds up parts fitted in the range per model and part, and exports CSV', async () => {
    const s = await openShop();
    await receive(s, [
      [BTN, 5],
      [STRAP, 5],
    ]);
    const fit = async (ticketId: TicketId, partNumber: string, today: PlainDate) =>
      value(
        await addPartLine(s.c.deps, {
          ticketId,
          technicianId: s.tech,
          today,
          partNumber,
          quantity: 1,
        }),
      );
    await fit(s.free, BTN, plainDate('2025-06-30'));
    await fit(s.free, BTN, plainDate('2025-07-01'));
    await fit(s.paid, BTN, plainDate('2025-07-31'));
    await fit(s.paid, STRAP, plainDate('2025-08-01'));
    const removed = await fit(s.paid, STRAP, plainDate('2025-07-10'));
    value(
      await removePartLine(s.c.deps, {
        lineId: removed.line.id,
        technicianId: s.tech,
        today: TODAY,
        reason: '',
      }),
    );
    const range = { from: plainDate('2025-07-01'), to: plainDate('2025-07-31') };
    const report = await partsUsageReport(s.c.db, range);
    expect(report.ok && report.value.byModel).toEqual([
      {
        brand: 'xinji',
        model: 'XINJI Cobee C5',
        partNumber: BTN,
        partName: 'Side button flex cable',
        quantity: 2,
        coveredQuantity: 1,
        chargedQuantity: 1,
        coveredValue: 18500,
        chargedValue: 18500,
      },
    ]);
    expect(await partsUsageCsv(s.c.db, range, 'by_part')).toEqual({
      ok: true,
      value:
        'Brand,Part number,Part,Quantity,Covered quantity,Charged quantity,Covered value,Charged value,Currency\r\n' +
        'xinji,XJ-C5-BTN,Side button flex cable,2,1,1,185.00,185.00,INR\r\n',
    });
    const backwards = await partsUsageReport(s.c.db, { from: range.to, to: range.from });
    expect(backwards.ok).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties of the ledger

type StockCommand =
  | {
      readonly kind: 'receive';
      readonly part: string;
      readonly quantity: number;
      /** null: a new delivery; otherwise one that may have been received already. */
      readonly ref: string | null;
    }
  | {
      readonly kind: 'fit';
      readonly ticket: 0 | 1;
      readonly part: string;
      readonly quantity: number;
      /** The serial the part calls for (S1–S3 for the serialized one), or a wrong one. */
      readonly serial: { readonly right: boolean; readonly n: number };
    }
  | { readonly kind: 'remove'; readonly line: number }
  | { readonly kind: 'count'; readonly part: string; readonly counted: number }
  | { readonly kind: 'return'; readonly part: string; readonly quantity: number };

/** Mostly valid input, and now and then each kind of bad input. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: bad, weight: 1 });
const part = mostly(fc.constantFrom(BTN, STRAP, LCD), fc.constant('XJ-NOPE'));
const quantity = (max: number) => mostly(fc.integer({ min: 1, max }), fc.constantFrom(-1, 0, 1.5));

const stockCommand: fc.Arbitrary<StockCommand> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      part,
      quantity: quantity(6),
      ref: mostly(fc.constant(null), fc.constantFrom('D1', 'D2')),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('fit' as const),
      ticket: fc.constantFrom(0 as const, 1 as const),
      part,
      quantity: quantity(4),
      serial: fc.record({
        right: mostly(fc.constant(true), fc.constant(false)),
        n: fc.integer({ min: 1, max: 3 }),
      }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), line: fc.nat(20) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('count' as const),
      part,
      counted: mostly(fc.integer({ min: 0, max: 8 }), fc.constant(-1)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('return' as const), part, quantity: quantity(5) }),
  },
);

/** Every movement in the table, summed by part, read independently of `onHandForAll`. */
async function sumOfMovements(db: CounterDb): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const m of await db.stockMovements.toArray())
    sums.set(m.partNumber, (sums.get(m.partNumber) ?? 0) + m.delta);
  return sums;
}

describe('ledger properties', () => {
  it('on-hand is the sum of the movements and never negative, whatever the commands', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stockCommand, { minLength: 5, maxLength: 30, size: 'max' }),
        async (commands) => {
          const s = await openShop();
          const db = s.c.db;
          const tickets = [s.free, s.paid];
          const expected = new Map<string, number>();
          const lines: PartLine[] = [];
          for (const [step, cmd] of commands.entries()) {
            const before = await snapshot(db);
            const common = { technicianId: s.tech, today: TODAY };
            let r: CommandResult<unknown>;
            switch (cmd.kind) {
              case 'receive':
                r = await receiveStock(s.c.deps, {
                  ...common,
                  deliveryRef: cmd.ref ?? `U${step}`,
                  lines: [{ partNumber: cmd.part, quantity: cmd.quantity }],
                });
                if (r.ok) expected.set(cmd.part, (expected.get(cmd.part) ?? 0) + cmd.quantity);
                break;
              case 'fit': {
                const serialized = cmd.part === LCD;
                // A serialized part is fitted one per line, unless the input is to be wrong.
                const quantity =
                  serialized && cmd.serial.right ? Math.min(cmd.quantity, 1) : cmd.quantity;
                const fit = await addPartLine(s.c.deps, {
                  ...common,
                  ticketId: tickets[cmd.ticket] ?? s.free,
                  partNumber: cmd.part,
                  quantity,
                  serial: cmd.serial.right === serialized ? `S${cmd.serial.n}` : '',
                });
                r = fit;
                // Never more than the shelf holds.
                if (quantity > (expected.get(cmd.part) ?? 0)) expect(fit.ok).toBe(false);
                if (fit.ok) {
                  lines.push(fit.value.line);
                  expected.set(cmd.part, (expected.get(cmd.part) ?? 0) - quantity);
                }
                break;
              }
              case 'remove': {
                const line = lines.length === 0 ? undefined : lines[cmd.line % lines.length];
                if (line === undefined) continue;
                r = await removePartLine(s.c.deps, {
                  ...common,
                  lineId: line.id,
                  reason: 'property',
                });
                const current = await db.partLines.get(line.id);
                if (r.ok)
                  expected.set(
                    line.partNumber,
                    (expected.get(line.partNumber) ?? 0) + line.quantity,
                  );
                expect(current?.status).toBe('removed');
                break;
              }
              case 'count':
                r = await recordStockCount(s.c.deps, {
                  ...common,
                  reason: 'property',
                  counts: [{ partNumber: cmd.part, counted: cmd.counted }],
                });
                if (r.ok) expected.set(cmd.part, cmd.counted);
                break;
              case 'return':
                r = await returnStockToHq(s.c.deps, {
                  ...common,
                  reference: 'R',
                  reason: '',
                  lines: [{ partNumber: cmd.part, quantity: cmd.quantity }],
                });
                if (cmd.quantity > (expected.get(cmd.part) ?? 0)) expect(r.ok).toBe(false);
                if (r.ok) expected.set(cmd.part, (expected.get(cmd.part) ?? 0) - cmd.quantity);
                break;
            }
            if (!r.ok) {
              expect(r.error.kind).toBe('invalid');
              expect(await snapshot(db)).toEqual(before);
            }
            const all = await onHandForAll(db);
            const sums = await sumOfMovements(db);
            expect(all).toEqual(sums);
            for (const [part, n] of all) {
              expect(n).toBeGreaterThanOrEqual(0);
              expect(await onHand(db, pn(part))).toBe(n);
            }
            for (const [part, n] of expected) expect(all.get(pn(part)) ?? 0).toBe(n);
          }
          // HQ can replay the ledger from the outbox: every movement is in exactly one entry.
          const sent = (await partsOutbox(db)).flatMap((m) =>
            'movements' in m.args
              ? m.args.movements
              : 'movement' in m.args
                ? [m.args.movement]
                : [],
          );
          expect(sent.map((m) => m.id).sort()).toEqual(
            (await db.stockMovements.toArray()).map((m) => m.id).sort(),
          );
          db.close();
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  type ReturnCommand =
    | { readonly kind: 'takeOut'; readonly part: string; readonly serial: string }
    | {
        readonly kind: 'pack';
        readonly fromHeld: boolean;
        readonly picks: readonly number[];
        readonly duplicate: boolean;
        readonly bogus: boolean;
        /** null: a new tracking number. */
        readonly tracking: string | null;
      }
    | {
        readonly kind: 'receipt';
        readonly shipment: number;
        readonly fromShipment: boolean;
        readonly picks: readonly number[];
        readonly bogus: boolean;
      };

  const returnCommand: fc.Arbitrary<ReturnCommand> = fc.oneof(
    fc.record({
      kind: fc.constant('takeOut' as const),
      part: fc.constantFrom(LCD, STRAP, 'XJ-NOPE'),
      serial: fc.constantFrom('', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'),
    }),
    fc.record({
      kind: fc.constant('pack' as const),
      // Mostly valid shipments of held parts; now and then a part already shipped, listed
      // twice or unknown, or a tracking number used before.
      fromHeld: fc.constantFrom(true, true, true, false),
      picks: fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
      duplicate: fc.constantFrom(false, false, false, false, true),
      bogus: fc.constantFrom(false, false, false, false, true),
      tracking: mostly(fc.constant(null), fc.constantFrom('T1', 'T2')),
    }),
    fc.record({
      kind: fc.constant('receipt' as const),
      shipment: fc.nat(5),
      // Mostly the shipment's own parts; now and then any part (HQ is the authority) or one
      // this counter does not know.
      fromShipment: mostly(fc.constant(true), fc.constant(false)),
      picks: fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
      bogus: fc.constantFrom(false, false, false, true),
    }),
  );

  it('every removed part is in exactly one place: held, in one shipment, or received by HQ', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(returnCommand, { minLength: 5, maxLength: 30, size: 'max' }),
        async (commands) => {
          const s = await openShop();
          const db = s.c.db;
          const recorded: DefectivePart[] = [];
          const shipments: ReturnShipmentId[] = [];
          const bogus = '0197c2a0-0000-7000-8000-00000000dead';
          const pick = (i: number) => recorded[i % Math.max(1, recorded.length)]?.id ?? bogus;
          for (const [step, cmd] of commands.entries()) {
            const common = { technicianId: s.tech, today: TODAY };
            if (cmd.kind === 'takeOut') {
              const r = await recordDefectivePart(s.c.deps, {
                ...common,
                ticketId: s.free,
                partNumber: cmd.part,
                serial: cmd.serial,
                reason: 'fault',
              });
              if (r.ok) recorded.push(r.value.part);
            } else if (cmd.kind === 'pack') {
              const before = await snapshot(db);
              const pool = cmd.fromHeld ? await heldDefectiveParts(db) : recorded;
              const picked = [
                ...new Set(cmd.picks.map((i) => pool[i % Math.max(1, pool.length)]?.id ?? bogus)),
              ];
              const partIds = [
                ...picked,
                ...(cmd.duplicate && picked[0] !== undefined ? [picked[0]] : []),
                ...(cmd.bogus ? [bogus] : []),
              ];
              const r = await packReturnShipment(s.c.deps, {
                ...common,
                carrier: 'Blue Dart',
                trackingNumber: cmd.tracking ?? `T-${step}`,
                partIds,
              });
              if (r.ok) shipments.push(r.value.shipment.id);
              else expect(await snapshot(db)).toEqual(before);
            } else {
              const shipmentId = shipments[cmd.shipment % Math.max(1, shipments.length)];
              if (shipmentId === undefined) continue;
              const own = (await db.returnShipments.get(shipmentId))?.partIds ?? [];
              const from = (i: number): string =>
                cmd.fromShipment ? (own[i % Math.max(1, own.length)] ?? bogus) : pick(i);
              const parts = [...cmd.picks.map(from), ...(cmd.bogus ? [bogus] : [])];
              await applyReturnReceipt(db, {
                shipmentId,
                receivedAt: 1,
                parts: parts.map((partId) => ({ partId: partId as DefectivePartId, note: '' })),
              });
            }

            // Never none: every part taken out is still accounted for.
            const stored = await db.defectiveParts.toArray();
            expect(stored.map((p) => p.id).sort()).toEqual(recorded.map((p) => p.id).sort());
            const packed = new Map<string, ReturnShipmentId[]>();
            for (const sh of await db.returnShipments.toArray()) {
              for (const id of sh.partIds) packed.set(id, [...(packed.get(id) ?? []), sh.id]);
            }
            // Never two: no part is in two shipments, and its status is its one place.
            for (const p of stored) {
              const inShipments = packed.get(p.id) ?? [];
              expect(inShipments.length).toBeLessThanOrEqual(1);
              switch (p.status) {
                case 'held':
                  expect(p.shipmentId).toBeNull();
                  expect(inShipments).toEqual([]);
                  break;
                case 'shipped':
                  expect(inShipments).toEqual([p.shipmentId]);
                  break;
                case 'received_by_hq':
                  expect(p.shipmentId).not.toBeNull();
                  expect(p.receivedAt).not.toBeNull();
                  if (inShipments.length === 1) expect(inShipments).toEqual([p.shipmentId]);
                  break;
              }
            }
            for (const id of packed.keys()) expect(stored.some((p) => p.id === id)).toBe(true);
          }
          db.close();
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Version 2 → 3

describe('upgrade from version 2', () => {
  const T0 = Date.UTC(2025, 5, 2, 10, 0, 0);
  const installationId = '0197c2a0-0000-7000-8000-0000000000aa' as InstallationId;
  const uuid = (n: number): string => `0197c2a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const tech = uuid(900) as TechnicianId;

  const customers: CustomerRow[] = [
    { id: uuid(1) as CustomerId, name: 'José Ñúñez', phone: '+919876543210' as PhoneNumber },
    { id: uuid(2) as CustomerId, name: 'राहुल शर्मा', phone: '08023456789' as PhoneNumber },
  ].map((c, i) => ({ ...c, createdAt: T0 + i, updatedAt: T0 + i, ...customerSearchKeys(c) }));
  const device = (n: number, serial: string, brand: BrandId, model: string): DeviceRow => ({
    id: uuid(100 + n) as DeviceId,
    brand,
    serial: serial as SerialNumber,
    model,
    invoiceNumber: `INV-${n}`,
    invoiceDate: plainDate('2025-01-10'),
    activationDate: null,
    purchaseChannel: 'official_store',
    purchaseCountry: 'IN' as CountryCode,
    createdAt: T0 + n,
    updatedAt: T0 + n,
  });
  const devices = [
    device(1, 'XJ20240001ABCD', 'xinji', 'XINJI Cobee C5'),
    device(2, 'KW99887766', 'kospet', 'KOSPET TANK T2'),
  ];
  const ticket = (n: number, d: number): TicketRow => ({
    id: uuid(200 + n) as TicketId,
    number: `BLR01-250602-${String(n).padStart(3, '0')}` as TicketNumber,
    center: 'BLR01' as CenterCode,
    customerId: uuid(d) as CustomerId,
    deviceId: uuid(100 + d) as DeviceId,
    serial: devices[d - 1]?.serial ?? ('' as SerialNumber),
    brand: devices[d - 1]?.brand ?? 'xinji',
    status: 'repairing',
    visitDate: plainDate('2025-06-02'),
    createdAt: T0 + n * 60_000,
    updatedAt: T0 + n * 60_000,
    receivedBy: tech,
    complaint: 'Does not charge',
    accessories: [],
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
  const tickets = [ticket(1, 1), ticket(2, 2)];
  const events: TicketEventRow[] = tickets.map((t, i) => ({
    id: uuid(300 + i) as EventId,
    ticketId: t.id,
    at: t.createdAt,
    technicianId: tech,
    kind: 'created',
    number: t.number,
    status: 'received',
  }));
  const app: AppSettings = {
    ...DEFAULT_APP_SETTINGS,
    center: {
      name: 'Smart Care',
      code: 'BLR01' as CenterCode,
      address: 'Bengaluru',
      phone: null,
      country: 'IN' as CountryCode,
      currency: 'INR' as CurrencyCode,
    },
    technicians: [{ id: tech, name: 'Arjun', active: true, addedAt: T0 }],
  };
  const settings: SettingsRow[] = [
    { key: 'app', value: app },
    { key: 'sync', value: { installationId, nextMutationId: 6 } },
    { key: 'ticketCounter:BLR01:2025-06-02', value: { last: 2 } },
  ];
  const outbox: OutboxEntry[] = [
    { mutationId: 5, name: 'addNote', args: { event: events[0] as TicketEventRow }, at: T0 + 1 },
  ];
  const photo = {
    id: uuid(400),
    ticketId: tickets[0]?.id,
    kind: 'signature',
    type: 'image/png',
    size: 3,
    createdAt: T0,
    blob: new Blob(['sig'], { type: 'image/png' }),
  };

  async function createV2(factory: IDBFactory): Promise<void> {
    const v2 = new Dexie('counter', { indexedDB: factory, IDBKeyRange });
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.transaction('rw', v2.tables, async () => {
      await v2.table('customers').bulkAdd(customers);
      await v2.table('devices').bulkAdd(devices);
      await v2.table('tickets').bulkAdd(tickets);
      await v2.table('ticketEvents').bulkAdd(events);
      await v2.table('photos').add(photo);
      await v2.table('settings').bulkAdd(settings);
      await v2.table('outbox').bulkAdd(outbox);
    });
    expect(v2.verno).toBe(2);
    v2.close();
  }

  const open = (factory: IDBFactory) =>
    openCounterDb('counter', {
      indexedDB: factory,
      IDBKeyRange,
      ids: createUuidV7Source(testClock().clock, seededRandom(3)),
    });

  it('keeps every record and seeds the starter catalog', async () => {
    const factory = new IDBFactory();
    await createV2(factory);
    const db = await open(factory);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBe(3);
    expect(await db.customers.toArray()).toEqual(customers);
    expect(await db.devices.toArray()).toEqual(devices);
    expect(await db.tickets.toArray()).toEqual(tickets);
    expect(await db.ticketEvents.toArray()).toEqual(events);
    expect(await db.settings.toArray()).toEqual(
      [...settings].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    expect(await db.outbox.toArray()).toEqual(outbox);
    expect(await (await db.photos.get(photo.id as never))?.blob.text()).toBe('sig');

    expect(await db.partsCatalog.count()).toBe(starterPartsCatalog().parts.length);
    expect(await readCatalogMeta(db)).toMatchObject({ source: 'starter' });
    for (const t of [db.stockMovements, db.partLines, db.defectiveParts, db.returnShipments]) {
      expect(await t.count()).toBe(0);
    }
  });

  it('runs the parts commands on the upgraded data, continuing the mutation ids', async () => {
    const factory = new IDBFactory();
    await createV2(factory);
    const db = await open(factory);
    const time = testClock(T0 + 3_600_000);
    const deps = createCommandDeps({
      db,
      clock: time.clock,
      random: seededRandom(),
      storage: createStorageGuard(),
    });
    const today = plainDate('2025-06-03');
    value(
      await receiveStock(deps, {
        technicianId: tech,
        today,
        deliveryRef: 'DN-1',
        lines: [{ partNumber: LCD, quantity: 2 }],
      }),
    );
    const fit = value(
      await addPartLine(deps, {
        ticketId: uuid(201) as TicketId,
        technicianId: tech,
        today,
        partNumber: LCD,
        quantity: 1,
        serial: 'N-1',
      }),
    );
    expect(fit.mutationId).toBe(7);
    expect(await readSyncState(db)).toEqual({ installationId, nextMutationId: 8 });
    expect(await onHandForAll(db)).toEqual(new Map([[LCD, 1]]));
    // The KOSPET watch takes KOSPET parts only.
    expect(
      refusedOn(
        await addPartLine(deps, {
          ticketId: uuid(202) as TicketId,
          technicianId: tech,
          today,
          partNumber: LCD,
          quantity: 1,
          serial: 'N-2',
        }),
      ),
    ).toEqual(['partNumber']);
  });

  it('has the indexes the parts queries walk', async () => {
    const db = await open(new IDBFactory());
    const indexes = (table: string) =>
      db
        .table(table)
        .schema.indexes.map((i) => i.name)
        .sort();
    expect(indexes('stockMovements')).toEqual(['[partNumber+at]', 'deliveryRef', 'ticketId']);
    expect(indexes('partLines')).toEqual(['[status+fittedOn]', 'serial', 'ticketId']);
    expect(indexes('defectiveParts')).toEqual([
      '[status+heldSince]',
      'serial',
      'shipmentId',
      'ticketId',
    ]);
    expect(indexes('returnShipments')).toEqual(['packedAt', 'trackingNumber']);
    for (const t of db.tables) expect(t.schema.primKey.auto, t.name).toBe(false);
  });
});
