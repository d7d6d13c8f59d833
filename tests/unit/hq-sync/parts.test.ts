import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReturns } from '../../../hq/admin/data';
import { markPartReceived, publishCatalog } from '../../../hq/publish';
import { testDrivers } from '../../../hq/testing/drivers';
import { partsCatalog } from '../../../hq/testing/fixtures';
import { startTestHq, type TestHq } from '../../../hq/testing/harness';
import {
  addPartLine,
  onHand,
  packReturnShipment,
  readCatalogMeta,
  receiveStock,
  recordDefectivePart,
} from '../../../renderer/data/parts';
import { readPartReturnReceipts, readRejected } from '../../../renderer/data/syncStore';
import type { PartNumber } from '../../../shared/parts/catalog';
import { mutationLog, newTicket, startCounter, TODAY, value } from './support';

/*
 * The parts ledger end to end: a counter's real parts commands, its real sync engine over HTTP,
 * the real HQ on a real database, and HQ's admin action (the same function the returns page
 * calls) flowing back down to close the part at the counter without any action there.
 */

const drivers = await testDrivers('tests/unit/hq-sync/parts.test.ts');
afterAll(() => {
  drivers.stop();
});

const LCD = 'XJ-C5-LCD' as PartNumber; // serialized, returned to HQ

describe.each(drivers.drivers)('parts sync on $name', ({ openDb }) => {
  let hq: TestHq;
  let n = 0;
  const center = () => `P${String((n += 1)).padStart(3, '0')}`;

  beforeAll(async () => {
    hq = await startTestHq(openDb);
  });
  afterAll(async () => {
    await hq.close();
  });

  it('stock in, a part fitted, the old one shipped back; HQ’s receipt closes it at the counter', async () => {
    const code = center();
    const k = await startCounter(hq, code);
    const tech = k.tech();
    const deps = k.c.deps;
    const ticketId = await newTicket(k.c);

    value(
      await receiveStock(deps, {
        technicianId: tech,
        today: TODAY,
        deliveryRef: 'DLV-1001',
        lines: [{ partNumber: LCD, quantity: 3 }],
      }),
    );
    const { line } = value(
      await addPartLine(deps, {
        ticketId,
        technicianId: tech,
        today: TODAY,
        partNumber: LCD,
        quantity: 1,
        serial: 'LCD-NEW-1',
      }),
    );
    const { part } = value(
      await recordDefectivePart(deps, {
        ticketId,
        technicianId: tech,
        today: TODAY,
        partNumber: LCD,
        serial: 'LCD-OLD-1',
        reason: 'No image after a drop test.',
      }),
    );
    const { shipment } = value(
      await packReturnShipment(deps, {
        technicianId: tech,
        today: TODAY,
        carrier: 'Blue Dart',
        trackingNumber: '81234567890',
        partIds: [part.id],
      }),
    );
    expect(await onHand(k.c.db, LCD)).toBe(2);

    const first = await k.engine.syncNow();
    expect(first).toMatchObject({ ok: true, rejected: 0 });
    expect(await k.store.countOutbox()).toBe(0);
    expect(await readRejected(k.c.db)).toEqual([]);
    const meta = await k.store.readMeta();
    const log = await mutationLog(hq, meta.deviceId ?? '');
    expect(log.every((r) => r['status'] === 'applied')).toBe(true);

    // HQ has the ledger as the counter wrote it.
    const movements = await hq.db.query(
      `SELECT kind, quantity, ticket_id FROM part_movements WHERE center_code = $1
       ORDER BY kind`,
      [code],
    );
    expect(movements).toEqual([
      { kind: 'fitted', quantity: -1, ticket_id: ticketId },
      { kind: 'received', quantity: 3, ticket_id: null },
    ]);
    expect(
      await hq.db.query('SELECT id, status, ticket_id FROM part_lines WHERE center_code = $1', [
        code,
      ]),
    ).toEqual([{ id: line.id, status: 'fitted', ticket_id: ticketId }]);
    // The admin returns page lists the part under its shipment.
    const listed = (await listReturns(hq.db)).find((s) => s.id === shipment.id);
    expect(listed).toMatchObject({
      centerCode: code,
      carrier: 'Blue Dart',
      tracking: '81234567890',
    });
    expect(listed?.parts.map((p) => [p.id, p.receivedAt])).toEqual([[part.id, null]]);

    // HQ checks the part in, as the returns page does.
    hq.clock.now += 3 * 24 * 3600 * 1000;
    const marked = await markPartReceived(hq.ctx, part.id, 'Confirmed: panel failure.');
    expect(marked).toEqual({ ok: true, value: { centerCode: code } });

    const second = await k.engine.syncNow();
    expect(second).toMatchObject({ ok: true, pulled: 1 });
    expect(await k.c.db.defectiveParts.get(part.id)).toMatchObject({
      status: 'received_by_hq',
      shipmentId: shipment.id,
      receivedAt: hq.clock.now,
      hqNote: 'Confirmed: panel failure.',
    });
    expect(await k.c.db.returnShipments.get(shipment.id)).toMatchObject({
      status: 'received',
      receivedAt: hq.clock.now,
    });
    expect((await readPartReturnReceipts(k.c.db)).map((r) => r.partId)).toEqual([part.id]);
    // Nothing went up for it: HQ-owned data flowing down writes no outbox entry.
    expect(await k.store.countOutbox()).toBe(0);

    // The same page again (a cursor lost) changes nothing.
    const before = await k.c.db.defectiveParts.toArray();
    await k.store.updateMeta({ cursor: 0 });
    expect(await k.engine.syncNow()).toMatchObject({ ok: true });
    expect(await k.c.db.defectiveParts.toArray()).toEqual(before);
  });

  it('a catalog HQ publishes replaces the counter’s at its next sync', async () => {
    const k = await startCounter(hq, center());
    const version = 100 + n;
    const published = await publishCatalog(
      hq.ctx,
      JSON.stringify(partsCatalog(version, 'Display assembly (rev. B)')),
    );
    expect(published.ok).toBe(true);
    expect(await k.engine.syncNow()).toMatchObject({ ok: true });
    expect(await readCatalogMeta(k.c.db)).toEqual({
      version,
      editableAtCenter: false,
      source: 'hq',
    });
    expect(await k.c.db.partsCatalog.get(LCD)).toMatchObject({
      name: 'Display assembly (rev. B)',
      discontinued: false,
    });
  });
});
