import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  addDays,
  addMonths,
  civilFromDayNumber,
  dayNumberFromCivil,
  daysBetween,
  lastDayOfPeriod,
  parsePlainDate,
  plainDateFromDayNumber,
  type PlainDate,
} from './plainDate';

const d = (s: string): PlainDate => {
  const p = parsePlainDate(s);
  if (p === null) throw new Error(`bad test date ${s}`);
  return p;
};

describe('parsePlainDate', () => {
  it.each(['2024-02-29', '2025-12-31', '1900-01-01', '2999-12-31', '2000-02-29'])(
    'accepts %s',
    (s) => {
      expect(parsePlainDate(s)).toBe(s);
    },
  );
  it.each([
    '2025-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-1-01',
    '25-01-01',
    '2025/01/01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '',
    '１２３４-01-01',
    '1899-12-31',
    '3000-01-01',
  ])('rejects %j', (s) => {
    expect(parsePlainDate(s)).toBeNull();
  });
});

describe('the period rule of EU Regulation 1182/71 (DESIGN.md)', () => {
  it.each([
    // N months from D ends on the same date N months later...
    ['2025-07-01', { months: 12 }, '2026-07-01'],
    ['2025-01-15', { months: 6 }, '2025-07-15'],
    ['2024-09-09', { months: 24 }, '2026-09-09'],
    // ...or on the last day of that month when it has no such date.
    ['2024-02-29', { months: 12 }, '2025-02-28'],
    ['2024-02-29', { months: 48 }, '2028-02-29'],
    ['2025-03-31', { months: 6 }, '2025-09-30'],
    ['2025-01-31', { months: 1 }, '2025-02-28'],
    ['2024-01-31', { months: 1 }, '2024-02-29'],
    ['2025-08-31', { months: 6 }, '2026-02-28'],
    ['2025-12-31', { months: 2 }, '2026-02-28'],
    ['2025-05-31', { months: 12 }, '2026-05-31'],
    // N days from D ends on D + N.
    ['2024-12-01', { days: 90 }, '2025-03-01'],
    ['2024-01-01', { days: 90 }, '2024-03-31'],
    ['2025-12-31', { days: 1 }, '2026-01-01'],
  ] as const)('%s + %o ends on %s', (start, period, last) => {
    expect(lastDayOfPeriod(d(start), period)).toBe(last);
  });
});

describe('day numbers', () => {
  it('count from 1970-01-01', () => {
    expect(dayNumberFromCivil(1970, 1, 1)).toBe(0);
    expect(dayNumberFromCivil(2000, 3, 1)).toBe(11017);
    expect(plainDateFromDayNumber(-1)).toBe('1969-12-31');
  });

  it('round-trip through civil dates for every day from 1900 to 2999', () => {
    const first = dayNumberFromCivil(1900, 1, 1);
    const last = dayNumberFromCivil(2999, 12, 31);
    for (let n = first; n <= last; n++) {
      const c = civilFromDayNumber(n);
      if (dayNumberFromCivil(c.year, c.month, c.day) !== n) throw new Error(`mismatch at ${n}`);
    }
    expect(last - first + 1).toBe(401_767);
  });
});

// Temporal's PlainDate.add with overflow 'constrain' implements exactly the month rule above
// (DESIGN.md); our integer arithmetic must agree with it everywhere. The range leaves room for
// ±5000 days inside the years the parser accepts.
const dateArb = fc
  .date({
    min: new Date(Date.UTC(1920, 0, 1)),
    max: new Date(Date.UTC(2880, 11, 31)),
    noInvalidDate: true,
  })
  .map((x) => x.toISOString().slice(0, 10) as PlainDate);

describe('agreement with Temporal', () => {
  it('addMonths equals PlainDate.add({ months }, constrain)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 120 }), (date, months) => {
        const expected = Temporal.PlainDate.from(date)
          .add({ months }, { overflow: 'constrain' })
          .toString();
        expect(addMonths(date, months)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('addDays and daysBetween equal Temporal', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        const expected = Temporal.PlainDate.from(date).add({ days }).toString();
        expect(addDays(date, days)).toBe(expected);
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });
});
