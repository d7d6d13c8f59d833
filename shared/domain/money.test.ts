import fc from 'fast-check';
import type { Result } from '../lib/result';
import { describe, expect, it } from 'vitest';
import {
  addCents,
  addMoney,
  cents,
  formatMinorUnits,
  formatMoney,
  minorDigits,
  multiplyCents,
  parseCurrencyCode,
  parseMoney,
  sumCents,
  type Cents,
  type CurrencyCode,
} from './money';

const c = (n: number): Cents => {
  const v = cents(n);
  if (v === null) throw new Error(`not cents: ${n}`);
  return v;
};
const cur = (s: string): CurrencyCode => {
  const v = parseCurrencyCode(s);
  if (v === null) throw new Error(`not a currency: ${s}`);
  return v;
};
/** The error message of a failed result ('' when it succeeded). */
const problem = (r: Result<unknown, string>): string => (r.ok ? '' : r.error);

const INR = cur('INR');
const EUR = cur('EUR');
const JPY = cur('JPY');
const KWD = cur('KWD');

// A third of the safe range, so that sums of three stay safe.
const amount = fc.integer({ min: -(2 ** 51), max: 2 ** 51 }).map(c);

describe('Cents', () => {
  it('is a whole, safe number of minor units', () => {
    expect(cents(1050)).toBe(1050);
    expect(cents(10.5)).toBeNull();
    expect(cents(Number.NaN)).toBeNull();
    expect(cents(2 ** 53)).toBeNull();
  });

  it('adds as integers: commutative, associative, zero is neutral', () => {
    fc.assert(
      fc.property(amount, amount, amount, (a, b, x) => {
        expect(addCents(a, b)).toBe(addCents(b, a));
        expect(addCents(addCents(a, b), x)).toBe(addCents(a, addCents(b, x)));
        expect(addCents(a, c(0))).toBe(a);
        expect(Number.isSafeInteger(addCents(a, b))).toBe(true);
      }),
    );
  });

  it('never leaves the integers where floats would (0.1 + 0.2)', () => {
    expect(addCents(c(10), c(20))).toBe(30);
    expect(sumCents([c(10), c(20), c(70)])).toBe(100);
    expect(multiplyCents(c(1999), 3)).toBe(5997);
  });

  it('fails loudly instead of losing precision', () => {
    expect(() => addCents(c(Number.MAX_SAFE_INTEGER), c(1))).toThrow(RangeError);
    expect(() => multiplyCents(c(10), 1.5)).toThrow(RangeError);
  });

  it('does not add different currencies', () => {
    const r = addMoney({ amount: c(100), currency: INR }, { amount: c(100), currency: EUR });
    expect(problem(r)).toContain('cannot add EUR to INR');
    expect(addMoney({ amount: c(100), currency: INR }, { amount: c(5), currency: INR })).toEqual({
      ok: true,
      value: { amount: 105, currency: 'INR' },
    });
  });
});

describe('currency codes', () => {
  it('reads three letters as typed', () => {
    expect(parseCurrencyCode(' inr ')).toBe('INR');
    expect(parseCurrencyCode('RUPEES')).toBeNull();
    expect(parseCurrencyCode('₹')).toBeNull();
  });

  it('knows each currency’s minor digits', () => {
    expect(minorDigits(INR)).toBe(2);
    expect(minorDigits(JPY)).toBe(0);
    expect(minorDigits(KWD)).toBe(3);
  });
});

describe('formatMoney', () => {
  it('formats for the locale from integer minor units', () => {
    expect(formatMoney({ amount: c(123456750), currency: INR }, 'en-IN')).toBe('₹12,34,567.50');
    expect(formatMoney({ amount: c(123450), currency: EUR }, 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney({ amount: c(1234), currency: JPY }, 'ja-JP')).toBe('￥1,234');
    expect(formatMoney({ amount: c(1234), currency: KWD }, 'en-US')).toBe('KWD\u00a01.234');
  });

  it('keeps the sign of amounts under one unit', () => {
    expect(formatMoney({ amount: c(-50), currency: INR }, 'en-IN')).toBe('-₹0.50');
    expect(formatMoney({ amount: c(-12345), currency: INR }, 'en-IN')).toBe('-₹123.45');
  });

  it('writes exact digits for amounts far beyond float-safe decimals', () => {
    // 90,071,992,547,409.91: as a float divided by 100 this would print …409.92 or worse.
    expect(formatMoney({ amount: c(9007199254740991), currency: INR }, 'en-US')).toBe(
      '₹90,071,992,547,409.91',
    );
  });

  it('plain text for receipts and exports', () => {
    expect(formatMinorUnits(c(45050), INR)).toBe('450.50');
    expect(formatMinorUnits(c(-5), INR)).toBe('-0.05');
    expect(formatMinorUnits(c(450), JPY)).toBe('450');
    expect(formatMinorUnits(c(1005), KWD)).toBe('1.005');
  });
});

describe('parseMoney', () => {
  it('reads amounts as typed', () => {
    const cases: [string, CurrencyCode, number][] = [
      ['450', INR, 45000],
      ['450.5', INR, 45050],
      ['450.50', INR, 45050],
      ['1,250.00', INR, 125000],
      ['1,250', INR, 125000],
      ['1.250,75', EUR, 125075],
      ['1250,75', EUR, 125075],
      ['12 345,50', EUR, 1234550],
      ['0.05', INR, 5],
      ['.5', INR, 50],
      ['1,234', JPY, 1234],
      ['1.250', KWD, 1250],
    ];
    for (const [text, currency, expected] of cases) {
      expect(parseMoney(text, currency), text).toEqual({ ok: true, value: expected });
    }
  });

  it('says what is wrong', () => {
    expect(problem(parseMoney('', INR))).toContain('Enter an amount');
    expect(problem(parseMoney('-5', INR))).toContain('negative');
    expect(problem(parseMoney('12abc', INR))).toContain('not an amount');
    expect(problem(parseMoney('1.2345', INR))).toContain('at most 2 digits');
    expect(problem(parseMoney('12.5', JPY))).toContain('no minor units');
    expect(problem(parseMoney('1.2.50', INR))).toContain('more than one decimal mark');
    expect(problem(parseMoney('99999999999999999', INR))).toContain('too large');
  });

  it('reads back what formatMinorUnits writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 13 }),
        fc.constantFrom(INR, JPY, KWD, EUR),
        (n, currency) => {
          expect(parseMoney(formatMinorUnits(c(n), currency), currency)).toEqual({
            ok: true,
            value: n,
          });
        },
      ),
    );
  });
});
