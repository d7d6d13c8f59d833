import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../dates/plainDate';
import type { Cents, CurrencyCode } from '../domain/money';
import type { PartNumber } from './catalog';
import { buildUsageReport, checkDateRange, isHeldTooLong, usageReportCsv } from './report';
import { testLine } from './testLines';

const INR = 'INR' as CurrencyCode;
const d = (s: string) => s as PlainDate;
const range = { from: d('2025-07-01'), to: d('2025-07-31') };
const strap = {
  partNumber: 'XJ-STR-22' as PartNumber,
  partName: 'Strap 22 mm',
  unitPrice: { amount: 49900 as Cents, currency: INR },
};

describe('buildUsageReport', () => {
  const lines = [
    testLine(1, { fittedOn: d('2025-07-01') }),
    testLine(2, { fittedOn: d('2025-07-31'), coverage: 'charged' }),
    testLine(3, { ...strap, quantity: 2, fittedOn: d('2025-07-15') }),
    testLine(4, { ...strap, model: 'XINJI Cobee C7 Pro', coverage: 'charged' }),
    // Outside the range, on both sides.
    testLine(5, { fittedOn: d('2025-06-30') }),
    testLine(6, { fittedOn: d('2025-08-01') }),
  ];

  it('adds up per model and part and per part, both ends of the range included', () => {
    const r = buildUsageReport(lines, range, INR);
    expect(r.byModel).toEqual([
      {
        brand: 'xinji',
        model: 'XINJI Cobee C5',
        partNumber: 'XJ-C5-LCD',
        partName: 'Display assembly',
        quantity: 2,
        coveredQuantity: 1,
        chargedQuantity: 1,
        coveredValue: 245000,
        chargedValue: 245000,
      },
      {
        brand: 'xinji',
        model: 'XINJI Cobee C5',
        partNumber: 'XJ-STR-22',
        partName: 'Strap 22 mm',
        quantity: 2,
        coveredQuantity: 2,
        chargedQuantity: 0,
        coveredValue: 99800,
        chargedValue: 0,
      },
      {
        brand: 'xinji',
        model: 'XINJI Cobee C7 Pro',
        partNumber: 'XJ-STR-22',
        partName: 'Strap 22 mm',
        quantity: 1,
        coveredQuantity: 0,
        chargedQuantity: 1,
        coveredValue: 0,
        chargedValue: 49900,
      },
    ]);
    expect(
      r.byPart.map((x) => [x.partNumber, x.model, x.quantity, x.coveredValue, x.chargedValue]),
    ).toEqual([
      ['XJ-C5-LCD', null, 2, 245000, 245000],
      ['XJ-STR-22', null, 3, 99800, 49900],
    ]);
    expect(r.totals).toEqual({ quantity: 5, coveredValue: 344800, chargedValue: 294900 });
  });

  it('leaves out removed lines', () => {
    const removed = testLine(7, {
      status: 'removed',
      removal: { on: d('2025-07-02'), at: 0, by: testLine(0).fittedBy, reason: '' },
    });
    expect(buildUsageReport([removed], range, INR).totals.quantity).toBe(0);
  });

  it('exports CSV with quoting and formula cells guarded', () => {
    const r = buildUsageReport(
      [
        testLine(1, { model: '=HYPERLINK("http://evil","click")' }),
        testLine(2, { ...strap, partName: 'Strap, 22 mm "sport"', model: '-Cobee' }),
      ],
      range,
      INR,
    );
    expect(usageReportCsv(r, 'by_model')).toBe(
      'Brand,Model,Part number,Part,Quantity,Covered quantity,Charged quantity,Covered value,Charged value,Currency\r\n' +
        `xinji,'-Cobee,XJ-STR-22,"Strap, 22 mm ""sport""",1,1,0,499.00,0.00,INR\r\n` +
        `xinji,"'=HYPERLINK(""http://evil"",""click"")",XJ-C5-LCD,Display assembly,1,1,0,2450.00,0.00,INR\r\n`,
    );
    expect(usageReportCsv(r, 'by_part')).toBe(
      'Brand,Part number,Part,Quantity,Covered quantity,Charged quantity,Covered value,Charged value,Currency\r\n' +
        'xinji,XJ-C5-LCD,Display assembly,1,1,0,2450.00,0.00,INR\r\n' +
        'xinji,XJ-STR-22,"Strap, 22 mm ""sport""",1,1,0,499.00,0.00,INR\r\n',
    );
  });

  it('checks the range', () => {
    expect(checkDateRange({ from: d('2025-07-02'), to: d('2025-07-01') }).ok).toBe(false);
    expect(checkDateRange({ from: d('2025-07-01'), to: d('2025-07-01') }).ok).toBe(true);
  });
});

describe('isHeldTooLong', () => {
  it('flags a part held more than 30 days', () => {
    const held = { heldSince: d('2025-06-01'), status: 'held' as const };
    expect(isHeldTooLong(held, d('2025-07-01'))).toBe(false); // 30 days
    expect(isHeldTooLong(held, d('2025-07-02'))).toBe(true); // 31 days
    expect(isHeldTooLong({ ...held, status: 'shipped' }, d('2025-08-01'))).toBe(false);
  });
});
