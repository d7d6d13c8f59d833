import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../dates/plainDate';
import type { TechnicianId } from '../domain/ids';
import type { Cents, CurrencyCode } from '../domain/money';
import type { PartNumber } from './catalog';
import { coverageFor, summarizePartLines } from './lines';
import { PartLineSchema } from './records';
import { testLine } from './testLines';

const INR = 'INR' as CurrencyCode;

describe('summarizePartLines', () => {
  it('adds covered and charged lines apart, and leaves removed lines off the bill', () => {
    const lines = [
      testLine(3, {
        coverage: 'charged',
        quantity: 2,
        unitPrice: { amount: 49900 as Cents, currency: INR },
        partNumber: 'XJ-STR-22' as PartNumber,
      }),
      testLine(1),
      testLine(2, {
        status: 'removed',
        removal: {
          on: '2025-07-02' as PlainDate,
          at: 1,
          by: '0197c2a0-0000-7000-8000-000000000900' as TechnicianId,
          reason: 'wrong part',
        },
      }),
    ];
    const r = summarizePartLines(lines, INR);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lines.map((l) => [l.line.id.slice(-1), l.total.amount])).toEqual([
      ['1', 245000],
      ['3', 99800],
    ]);
    expect(r.value.covered).toEqual({ amount: 245000, currency: 'INR' });
    expect(r.value.charged).toEqual({ amount: 99800, currency: 'INR' });
    expect(r.value.total).toEqual({ amount: 344800, currency: 'INR' });
  });

  it('is zero in the center’s currency with no lines', () => {
    expect(summarizePartLines([], INR)).toEqual({
      ok: true,
      value: {
        lines: [],
        covered: { amount: 0, currency: 'INR' },
        charged: { amount: 0, currency: 'INR' },
        total: { amount: 0, currency: 'INR' },
      },
    });
  });

  it('refuses a line priced in another currency rather than converting it', () => {
    const r = summarizePartLines(
      [testLine(1, { unitPrice: { amount: 100 as Cents, currency: 'USD' as CurrencyCode } })],
      INR,
    );
    expect(r).toEqual({
      ok: false,
      error:
        'Display assembly (XJ-C5-LCD) is priced in USD, not INR: ask HQ for the catalog in INR.',
    });
  });

  it('covers the line when the decision is free', () => {
    expect(coverageFor('free')).toBe('covered');
    expect(coverageFor('paid')).toBe('charged');
  });

  it('has a schema that accepts its lines and refuses an inconsistent one', () => {
    expect(PartLineSchema.safeParse(testLine(1)).success).toBe(true);
    expect(PartLineSchema.safeParse(testLine(1, { status: 'removed' })).success).toBe(false);
    expect(PartLineSchema.safeParse(testLine(1, { serial: null, quantity: 0 })).success).toBe(
      false,
    );
  });
});
