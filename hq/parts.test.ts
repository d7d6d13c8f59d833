import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlainDate } from '../shared/dates/plainDate';
import type { IdSource, TechnicianId, TicketId } from '../shared/domain/ids';
import type { CenterCode } from '../shared/domain/ticket';
import type { Cents, CurrencyCode } from '../shared/domain/money';
import type { SerialNumber } from '../shared/domain/serial';
import type { PartNumber } from '../shared/parts/catalog';
import type { PartsMutation, PartsMutationOf } from '../shared/parts/mutations';
import type {
  DefectivePart,
  DefectivePartId,
  PartLine,
  PartLineId,
  ReturnShipment,
  ReturnShipmentId,
  StockCountId,
  StockMovement,
  StockMovementId,
} from '../shared/parts/records';
import type { PushResponse } from '../shared/sync/protocol';
import { listReturns } from './admin/data';
import { publishCatalog } from './publish';
import { applyPush } from './push';
import { testDrivers } from './testing/drivers';
import { createTicketMutation, fixtureIds, partsCatalog } from './testing/fixtures';
import { startTestHq, type TestHq } from './testing/harness';

/*
 * The parts ledger's mutations at HQ (hq/parts.ts through applyPush): each applied, idempotent
 * when sent again, rejected for another center's ticket or records, and rejected when malformed,
 * with the device's last id advancing past every rejection.
 */

const drivers = await testDrivers('hq/parts.test.ts');
afterAll(() => {
  drivers.stop();
});

const TECH = '01970000-0000-7000-8000-000000000001' as TechnicianId;
const AT = Date.UTC(2025, 6, 1, 9);
const DAY = '2025-07-01' as PlainDate;
const LCD = 'XJ-C5-LCD' as PartNumber;
const BTN = 'XJ-C5-BTN' as PartNumber;

interface Counter {
  readonly center: string;
  readonly deviceId: string;
  /** Pushes `mutations` numbered on from the last one; returns HQ's answer. */
  push(
    ...mutations: readonly { readonly name: string; readonly args: unknown }[]
  ): Promise<PushResponse>;
  /** A new ticket of this center, pushed. */
  ticket(): Promise<TicketId>;
}

const received = (ids: IdSource, quantity: number, partNumber = LCD): StockMovement => ({
  id: ids() as StockMovementId,
  kind: 'received',
  partNumber,
  delta: quantity,
  at: AT,
  day: DAY,
  by: TECH,
  deliveryRef: 'DLV-1',
});

const returned = (ids: IdSource, quantity: number): StockMovement => ({
  id: ids() as StockMovementId,
  kind: 'returned',
  partNumber: BTN,
  delta: -quantity,
  at: AT,
  day: DAY,
  by: TECH,
  reference: 'RMA-7',
  reason: 'surplus',
});

function partLine(ids: IdSource, ticketId: TicketId): PartLine {
  return {
    id: ids() as PartLineId,
    ticketId,
    partNumber: LCD,
    partName: 'Display assembly',
    brand: 'xinji',
    model: 'XINJI Cobee C5',
    quantity: 1,
    serial: 'LCD-1' as SerialNumber,
    unitPrice: { amount: 245000 as Cents, currency: 'INR' as CurrencyCode },
    coverage: 'covered',
    policyId: 'xinji',
    policyVersion: 1,
    status: 'fitted',
    fittedOn: DAY,
    fittedAt: AT,
    fittedBy: TECH,
    removal: null,
  };
}

function addLine(ids: IdSource, line: PartLine): PartsMutationOf<'addPartLine'> {
  return {
    name: 'addPartLine',
    args: {
      line,
      movement: {
        id: ids() as StockMovementId,
        kind: 'fitted',
        partNumber: line.partNumber,
        delta: -line.quantity,
        at: line.fittedAt,
        day: DAY,
        by: TECH,
        ticketId: line.ticketId,
        lineId: line.id,
      },
    },
  };
}

function removeLine(ids: IdSource, line: PartLine): PartsMutationOf<'removePartLine'> {
  const removed: PartLine = {
    ...line,
    status: 'removed',
    removal: { on: DAY, at: AT + 60_000, by: TECH, reason: 'wrong part' },
  };
  return {
    name: 'removePartLine',
    args: {
      line: removed,
      movement: {
        id: ids() as StockMovementId,
        kind: 'put_back',
        partNumber: line.partNumber,
        delta: line.quantity,
        at: AT + 60_000,
        day: DAY,
        by: TECH,
        ticketId: line.ticketId,
        lineId: line.id,
      },
    },
  };
}

const defectivePart = (ids: IdSource, ticketId: TicketId): DefectivePart => ({
  id: ids() as DefectivePartId,
  ticketId,
  partNumber: LCD,
  partName: 'Display assembly',
  serial: 'LCD-OLD' as SerialNumber,
  reason: 'no image',
  mustReturn: true,
  heldSince: DAY,
  recordedAt: AT,
  by: TECH,
  status: 'held',
  shipmentId: null,
  receivedAt: null,
  hqNote: null,
});

const shipmentOf = (ids: IdSource, partIds: readonly DefectivePartId[]): ReturnShipment => ({
  id: ids() as ReturnShipmentId,
  carrier: 'Blue Dart',
  trackingNumber: `TRK-${partIds.length}-${partIds[0] ?? ''}`,
  partIds,
  packedOn: DAY,
  packedAt: AT + 1000,
  by: TECH,
  status: 'in_transit',
  receivedAt: null,
});

type Outcome = readonly [status: string, code?: string];
const outcomes = (res: PushResponse): Outcome[] =>
  res.results.map((r) => (r.error === undefined ? [r.status] : [r.status, r.error.code]));

describe.each(drivers.drivers)('parts mutations at HQ on $name', ({ openDb }) => {
  let hq: TestHq;
  let seq = 0;
  const ids = fixtureIds(77);

  async function counter(center = `Q${String((seq += 1)).padStart(3, '0')}`): Promise<Counter> {
    const e = await hq.enroll(center);
    let last = 0;
    let tickets = 0;
    const device = { id: e.deviceId, centerCode: center as CenterCode };
    const push: Counter['push'] = async (...mutations) => {
      const res = await applyPush(hq.ctx, device, {
        mutations: mutations.map((m) => ({ mutationId: (last += 1), ...m, at: AT })),
      });
      expect(res.lastMutationId).toBe(last);
      return res;
    };
    return {
      center,
      deviceId: e.deviceId,
      push,
      ticket: async () => {
        const t = createTicketMutation({
          ids,
          center,
          sequence: (tickets += 1),
          technicianId: TECH,
          at: AT,
        });
        expect(outcomes(await push(t.mutation))).toEqual([['applied']]);
        return t.ticketId;
      },
    };
  }

  const rows = (sql: string, params: unknown[]) => hq.db.query(sql, params);

  beforeAll(async () => {
    hq = await startTestHq(openDb);
  });
  afterAll(async () => {
    await hq.close();
  });

  it('receiveStock: applied once, idempotent when sent again, malformed rejected', async () => {
    const k = await counter();
    const mutation: PartsMutation = {
      name: 'receiveStock',
      args: { movements: [received(ids, 3), received(ids, 2, BTN)] },
    };
    expect(outcomes(await k.push(mutation))).toEqual([['applied']]);
    expect(outcomes(await k.push(mutation))).toEqual([['applied']]);
    expect(
      await rows(
        `SELECT part_number, quantity, kind, body ->> 'deliveryRef' AS ref FROM part_movements
         WHERE center_code = $1 ORDER BY part_number`,
        [k.center],
      ),
    ).toEqual([
      { part_number: BTN, quantity: 2, kind: 'received', ref: 'DLV-1' },
      { part_number: LCD, quantity: 3, kind: 'received', ref: 'DLV-1' },
    ]);
    const bad = [
      { name: 'receiveStock', args: { movements: [{ ...received(ids, 1), delta: -1 }] } },
      { name: 'receiveStock', args: { movements: [] } },
      { name: 'receiveStock', args: { movements: [returned(ids, 1)] } },
    ];
    expect(outcomes(await k.push(...bad))).toEqual([
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
    ]);
    // Another center's movement id is not this center's to write.
    const other = await counter();
    expect(outcomes(await other.push(mutation))).toEqual([['rejected', 'duplicate_record']]);
  });

  it('returnStockToHq and recordStockCount: applied, idempotent, malformed rejected', async () => {
    const k = await counter();
    const back: PartsMutation = {
      name: 'returnStockToHq',
      args: { movements: [returned(ids, 1)] },
    };
    const countId = ids() as StockCountId;
    const count: PartsMutationOf<'recordStockCount'> = {
      name: 'recordStockCount',
      args: {
        count: {
          id: countId,
          countedOn: DAY,
          at: AT,
          by: TECH,
          reason: 'monthly count',
          lines: [{ partNumber: LCD, expected: 3, counted: 2 }],
        },
        movements: [
          {
            id: ids() as StockMovementId,
            kind: 'adjusted',
            partNumber: LCD,
            delta: -1,
            at: AT,
            day: DAY,
            by: TECH,
            countId,
            reason: 'monthly count',
          },
        ],
      },
    };
    expect(outcomes(await k.push(back, count, back, count))).toEqual([
      ['applied'],
      ['applied'],
      ['applied'],
      ['applied'],
    ]);
    expect(
      await rows('SELECT kind, quantity FROM part_movements WHERE center_code = $1 ORDER BY kind', [
        k.center,
      ]),
    ).toEqual([
      { kind: 'adjusted', quantity: -1 },
      { kind: 'returned', quantity: -1 },
    ]);
    expect(await rows('SELECT id FROM stock_counts WHERE center_code = $1', [k.center])).toEqual([
      { id: countId },
    ]);
    const strayCount = ids() as StockCountId;
    expect(
      outcomes(
        await k.push(
          { name: 'returnStockToHq', args: { movements: [received(ids, 1)] } },
          {
            name: 'recordStockCount',
            args: {
              ...count.args,
              count: { ...count.args.count, id: strayCount },
              movements: [{ ...count.args.movements[0], id: ids(), countId: ids() }],
            },
          },
          { name: 'recordStockCount', args: { count: count.args.count } },
        ),
      ),
    ).toEqual([
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
    ]);
    expect(await rows('SELECT id FROM stock_counts WHERE id = $1', [strayCount])).toEqual([]);
  });

  it('setLowStockThreshold: the center’s own, the latest wins; malformed rejected', async () => {
    const k = await counter();
    const set = (threshold: number): PartsMutation => ({
      name: 'setLowStockThreshold',
      args: { partNumber: LCD, threshold },
    });
    expect(outcomes(await k.push(set(4), set(6), set(6)))).toEqual([
      ['applied'],
      ['applied'],
      ['applied'],
    ]);
    expect(
      await rows(
        'SELECT part_number, threshold FROM center_part_thresholds WHERE center_code = $1',
        [k.center],
      ),
    ).toEqual([{ part_number: LCD, threshold: 6 }]);
    expect(
      outcomes(
        await k.push(
          { name: 'setLowStockThreshold', args: { partNumber: LCD, threshold: -1 } },
          { name: 'setLowStockThreshold', args: { partNumber: 'not a part', threshold: 1 } },
        ),
      ),
    ).toEqual([
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
    ]);
  });

  it('addPartLine and removePartLine: applied, idempotent, only on the center’s own tickets', async () => {
    const k = await counter();
    const ticketId = await k.ticket();
    const line = partLine(ids, ticketId);
    const add = addLine(ids, line);
    const remove = removeLine(ids, line);
    expect(outcomes(await k.push(add, add))).toEqual([['applied'], ['applied']]);
    expect(await rows('SELECT status, ticket_id FROM part_lines WHERE id = $1', [line.id])).toEqual(
      [{ status: 'fitted', ticket_id: ticketId }],
    );
    expect(outcomes(await k.push(remove, remove))).toEqual([['applied'], ['applied']]);
    expect(
      await rows(
        `SELECT status, removed_at, body -> 'removal' ->> 'reason' AS reason FROM part_lines
         WHERE id = $1`,
        [line.id],
      ),
    ).toEqual([{ status: 'removed', removed_at: AT + 60_000, reason: 'wrong part' }]);
    expect(
      await rows('SELECT kind, quantity FROM part_movements WHERE ticket_id = $1 ORDER BY kind', [
        ticketId,
      ]),
    ).toEqual([
      { kind: 'fitted', quantity: -1 },
      { kind: 'put_back', quantity: 1 },
    ]);

    // Removed twice under another movement; removed though never fitted at HQ.
    const never = partLine(ids, ticketId);
    expect(outcomes(await k.push(removeLine(ids, line), removeLine(ids, never)))).toEqual([
      ['rejected', 'invalid_transition'],
      ['rejected', 'invalid_transition'],
    ]);

    // Another center's counter names this center's ticket.
    const other = await counter();
    const foreign = partLine(ids, ticketId);
    expect(
      outcomes(
        await other.push(
          addLine(ids, foreign),
          removeLine(ids, line),
          addLine(ids, partLine(ids, ids() as TicketId)),
        ),
      ),
    ).toEqual([
      ['rejected', 'wrong_center'],
      ['rejected', 'wrong_center'],
      ['rejected', 'unknown_ticket'],
    ]);
    expect(await rows('SELECT id FROM part_lines WHERE id = $1', [foreign.id])).toEqual([]);

    // Malformed: a movement that is not the line's, a line sent as removed, no movement.
    const a = addLine(ids, partLine(ids, ticketId));
    const b = addLine(ids, partLine(ids, ticketId));
    const c = addLine(ids, partLine(ids, ticketId));
    expect(
      outcomes(
        await k.push(
          { ...a, args: { ...a.args, movement: { ...a.args.movement, delta: -2 } } },
          { ...b, args: { ...b.args, line: { ...b.args.line, ticketId: ids() } } },
          { name: 'addPartLine', args: { line: c.args.line } },
        ),
      ),
    ).toEqual([
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
    ]);
  });

  it('recordDefectivePart and packReturnShipment: applied, shipped, idempotent, own parts only', async () => {
    const k = await counter();
    const ticketId = await k.ticket();
    const a = defectivePart(ids, ticketId);
    const b = { ...defectivePart(ids, ticketId), serial: 'LCD-OLD-2' as SerialNumber };
    const record = (part: DefectivePart): PartsMutation => ({
      name: 'recordDefectivePart',
      args: { part },
    });
    const shipment = shipmentOf(ids, [a.id, b.id]);
    const pack: PartsMutation = { name: 'packReturnShipment', args: { shipment } };
    // In one batch: recorded, sent again, packed, packed again.
    expect(outcomes(await k.push(record(a), record(b), record(a), pack, pack))).toEqual([
      ['applied'],
      ['applied'],
      ['applied'],
      ['applied'],
      ['applied'],
    ]);
    expect(
      await rows(
        `SELECT id, shipment_id, body ->> 'reason' AS reason FROM defective_parts
         WHERE center_code = $1 ORDER BY id`,
        [k.center],
      ),
    ).toEqual(
      [a, b]
        .map((p) => ({ id: p.id, shipment_id: shipment.id, reason: 'no image' }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    );
    const listed = (await listReturns(hq.db)).find((s) => s.id === shipment.id);
    expect(listed).toMatchObject({ centerCode: k.center, tracking: shipment.trackingNumber });
    expect(listed?.parts.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());

    // A part already in a shipment; a part HQ does not have.
    const c = defectivePart(ids, ticketId);
    expect(
      outcomes(
        await k.push(
          record(c),
          { name: 'packReturnShipment', args: { shipment: shipmentOf(ids, [c.id, a.id]) } },
          {
            name: 'packReturnShipment',
            args: { shipment: shipmentOf(ids, [ids() as DefectivePartId]) },
          },
        ),
      ),
    ).toEqual([
      ['applied'],
      ['rejected', 'invalid_transition'],
      ['rejected', 'invalid_transition'],
    ]);
    expect(await rows('SELECT shipment_id FROM defective_parts WHERE id = $1', [c.id])).toEqual([
      { shipment_id: null },
    ]);

    // Another center: its counter names this center's ticket, parts and shipment.
    const other = await counter();
    expect(
      outcomes(
        await other.push(
          record(defectivePart(ids, ticketId)),
          record(a),
          { name: 'packReturnShipment', args: { shipment: shipmentOf(ids, [c.id]) } },
          pack,
        ),
      ),
    ).toEqual([
      ['rejected', 'wrong_center'],
      ['rejected', 'wrong_center'],
      ['rejected', 'wrong_center'],
      ['rejected', 'duplicate_record'],
    ]);

    // Malformed: a part recorded as already shipped; a shipment listing a part twice.
    expect(
      outcomes(
        await k.push(record({ ...defectivePart(ids, ticketId), status: 'shipped' }), {
          name: 'packReturnShipment',
          args: { shipment: { ...shipmentOf(ids, [c.id]), partIds: [c.id, c.id] } },
        }),
      ),
    ).toEqual([
      ['rejected', 'invalid_args'],
      ['rejected', 'invalid_args'],
    ]);
    const rejected = await rows(
      `SELECT name, ticket_id, code FROM rejected_mutations WHERE device_id = $1
       ORDER BY mutation_id`,
      [other.deviceId],
    );
    expect(rejected[0]).toEqual({
      name: 'recordDefectivePart',
      ticket_id: ticketId,
      code: 'wrong_center',
    });
  });

  it('saveCatalogPart: kept as the center’s own until HQ’s catalog forbids it', async () => {
    const k = await counter();
    const part = {
      partNumber: 'XJ-C5-GLS' as PartNumber,
      brand: 'xinji' as const,
      name: 'Cover glass',
      models: ['XINJI Cobee C5'],
      unitPrice: { amount: 45000 as Cents, currency: 'INR' as CurrencyCode },
      returnToHq: false,
      serialized: false,
      lowStockThreshold: 2,
    };
    const save: PartsMutation = { name: 'saveCatalogPart', args: { part } };
    expect(outcomes(await k.push(save, save))).toEqual([['applied'], ['applied']]);
    expect(
      await rows(
        `SELECT part_number, body ->> 'name' AS name FROM center_catalog_parts
         WHERE center_code = $1`,
        [k.center],
      ),
    ).toEqual([{ part_number: 'XJ-C5-GLS', name: 'Cover glass' }]);
    expect(
      outcomes(
        await k.push({ name: 'saveCatalogPart', args: { part: { ...part, unitPrice: 5 } } }),
      ),
    ).toEqual([['rejected', 'invalid_args']]);
    // partsCatalog() publishes `editableAtCenter: false`.
    expect((await publishCatalog(hq.ctx, JSON.stringify(partsCatalog(1)))).ok).toBe(true);
    expect(outcomes(await k.push(save))).toEqual([['rejected', 'invalid_transition']]);
  });

  it('a rejected parts mutation is acknowledged again with its error, and never blocks the queue', async () => {
    const k = await counter();
    const bad = { name: 'addPartLine', args: { line: null } };
    const good: PartsMutation = { name: 'receiveStock', args: { movements: [received(ids, 1)] } };
    const first = await k.push(bad, good);
    expect(outcomes(first)).toEqual([['rejected', 'invalid_args'], ['applied']]);
    const again = await applyPush(
      hq.ctx,
      { id: k.deviceId, centerCode: k.center as CenterCode },
      {
        mutations: [
          { mutationId: 1, ...bad, at: AT },
          { mutationId: 2, ...good, at: AT },
        ],
      },
    );
    expect(outcomes(again)).toEqual([['rejected', 'invalid_args'], ['already_applied']]);
  });
});
