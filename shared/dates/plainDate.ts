/**
 * Plain calendar dates (`YYYY-MM-DD`), never timestamps (DESIGN.md, "Dates").
 *
 * Inside, a date is a day number: days since 1970-01-01 in the proleptic Gregorian calendar.
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`, exact for every
 * date this app can meet, and cheap enough for the engine's hot loop.
 */

declare const plainDateBrand: unique symbol;
/** A valid calendar date in `YYYY-MM-DD` form. Only `parsePlainDate` and this module make one. */
export type PlainDate = string & { readonly [plainDateBrand]: true };

/** Days since 1970-01-01. */
export type DayNumber = number;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const DIGIT_0 = 48;

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - DIGIT_0;
  return d >= 0 && d <= 9 ? d : -1;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return MONTH_DAYS[m - 1] ?? 0;
}

export function dayNumberFromCivil(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilFromDayNumber(n: DayNumber): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatCivil(y: number, m: number, d: number): PlainDate {
  return `${y}-${pad2(m)}-${pad2(d)}` as PlainDate;
}

export function plainDateFromDayNumber(n: DayNumber): PlainDate {
  const c = civilFromDayNumber(n);
  return formatCivil(c.year, c.month, c.day);
}

/**
 * Reads `YYYY-MM-DD` strictly: four-digit year in [MIN_YEAR, MAX_YEAR], a real month and a day
 * that exists in it. Returns the day number, or NaN when the text is not such a date (no
 * allocation, so the engine's hot path can call it per case).
 */
export function dayNumberOf(s: string): DayNumber {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const m0 = digit(s, 5);
  const m1 = digit(s, 6);
  const d0 = digit(s, 8);
  const d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return dayNumberFromCivil(y, m, d);
}

export function isPlainDate(s: unknown): s is PlainDate {
  return typeof s === 'string' && !Number.isNaN(dayNumberOf(s));
}

/** The date, or null when `s` is not a valid `YYYY-MM-DD` calendar date. */
export function parsePlainDate(s: string): PlainDate | null {
  return isPlainDate(s) ? s : null;
}

export function toDayNumber(d: PlainDate): DayNumber {
  return dayNumberOf(d);
}

export function addDays(d: PlainDate, days: number): PlainDate {
  return plainDateFromDayNumber(dayNumberOf(d) + days);
}

/**
 * The same date `months` later, or the last day of that month when it has no such date
 * (EU Regulation 1182/71 art. 3(2)(c); Temporal's `add` with `overflow: 'constrain'`).
 * 2024-02-29 + 12 months = 2025-02-28; 2025-03-31 + 6 months = 2025-09-30.
 */
export function addMonthsCivil(y: number, m: number, d: number, months: number): CivilDate {
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = daysInMonth(year, month);
  return { year, month, day: d > last ? last : d };
}

export function addMonths(date: PlainDate, months: number): PlainDate {
  const c = civilFromDayNumber(dayNumberOf(date));
  const r = addMonthsCivil(c.year, c.month, c.day, months);
  return formatCivil(r.year, r.month, r.day);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: PlainDate, b: PlainDate): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  // Zero-padded ISO dates sort as strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A period of N months or N days, as policies state them. */
export type Period = { readonly months: number } | { readonly days: number };

/**
 * The last covered day of a period that runs from `start` (DESIGN.md): N months from D ends at
 * the end of the day with the same date N months later (or that month's last day); N days from D
 * ends on D + N.
 */
export function lastDayOfPeriod(start: PlainDate, period: Period): PlainDate {
  return 'months' in period ? addMonths(start, period.months) : addDays(start, period.days);
}
