import { describe, expect, it } from 'vitest';
import { readPrinting, savePrinting } from './printing';
import { setupCounter } from './testkit';

describe('printing preferences', () => {
  it('default to the print dialog on the receipt roll, and are kept without an outbox entry', async () => {
    const c = await setupCounter();
    expect(await readPrinting(c.db)).toEqual({ printerName: null, receiptSize: '80mm' });
    const before = await c.db.outbox.count();
    await savePrinting(c.db, { printerName: 'EPSON TM-T20III', receiptSize: '80mm' });
    expect(await readPrinting(c.db)).toEqual({
      printerName: 'EPSON TM-T20III',
      receiptSize: '80mm',
    });
    expect(await c.db.outbox.count()).toBe(before);
  });
});
