import { err, ok, type Result } from '../lib/result';

/**
 * Money is a whole number of the currency's minor units (paise, cents, fils) with the center's
 * currency; never floating point (DESIGN.md). Only this module makes `Cents`.
 */

declare const centsBrand: unique symbol;
/** A whole number of minor units (a safe integer), in some currency. */
export type Cents = number & { readonly [centsBrand]: true };

declare const currencyBrand: unique symbol;
/** An ISO 4217 alphabetic code, upper case (`INR`, `EUR`, `KWD`). */
export type CurrencyCode = string & { readonly [currencyBrand]: true };

export interface Money {
  readonly amount: Cents;
  readonly currency: CurrencyCode;
}

export const ZERO_CENTS = 0 as Cents;

export function isCents(x: unknown): x is Cents {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

/** `n` as Cents, or null when it is not a whole number of minor units within the safe range. */
export function cents(n: number): Cents | null {
  return isCents(n) ? n : null;
}

function checked(n: number, what: string): Cents {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is outside the safe integer range`);
  return n as Cents;
}

export function addCents(a: Cents, b: Cents): Cents {
  return checked(a + b, 'the sum');
}

export function subtractCents(a: Cents, b: Cents): Cents {
  return checked(a - b, 'the difference');
}

/** The price of `quantity` items at `unit` each. */
export function multiplyCents(unit: Cents, quantity: number): Cents {
  if (!Number.isSafeInteger(quantity)) throw new RangeError('a quantity is a whole number');
  return checked(unit * quantity, 'the product');
}

export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = ZERO_CENTS;
  for (const a of amounts) total = addCents(total, a);
  return total;
}

export function isCurrencyCode(x: unknown): x is CurrencyCode {
  if (typeof x !== 'string' || !/^[A-Z]{3}$/.test(x)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: x });
    return true;
  } catch {
    return false;
  }
}

/** Reads a currency code as typed (`inr`, ` EUR `); null when it is not three letters. */
export function parseCurrencyCode(s: string): CurrencyCode | null {
  const c = s.trim().toUpperCase();
  return isCurrencyCode(c) ? c : null;
}

export const money = (amount: Cents, currency: CurrencyCode): Money => ({ amount, currency });

export function addMoney(a: Money, b: Money): Result<Money, string> {
  if (a.currency !== b.currency) {
    return err(`cannot add ${b.currency} to ${a.currency}: convert one of them first`);
  }
  return ok({ amount: addCents(a.amount, b.amount), currency: a.currency });
}

const minorDigitsCache = new Map<string, number>();

/** How many minor-unit digits the currency has (INR 2, JPY 0, KWD 3), per ISO 4217 via Intl. */
export function minorDigits(currency: CurrencyCode): number {
  let d = minorDigitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
    minorDigitsCache.set(currency, d ?? 2);
  }
  return d ?? 2;
}

/**
 * Formats for display in `locale` (`en-IN`, `de-DE`). Intl lays out the sign, symbol and
 * grouping from the whole units, which are a safe integer; the minor digits are written from the
 * integer, so no amount is ever divided into a binary fraction.
 */
export function formatMoney(m: Money, locale: string): string {
  const digits = minorDigits(m.currency);
  const scale = 10 ** digits;
  const abs = Math.abs(m.amount);
  const major = Math.floor(abs / scale);
  const minor = String(abs % scale).padStart(digits, '0');
  // -0 keeps the minus sign for amounts between -1 and 0 (Intl shows negative zero as "-0").
  const signedMajor = m.amount < 0 ? -major : major;
  const parts = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).formatToParts(signedMajor);
  return parts.map((p) => (p.type === 'fraction' ? minor : p.value)).join('');
}

/** Plain `1234.50`-style text with the currency's digits, for receipts and exports. */
export function formatMinorUnits(amount: Cents, currency: CurrencyCode): string {
  const digits = minorDigits(currency);
  const abs = Math.abs(amount);
  const scale = 10 ** digits;
  const sign = amount < 0 ? '-' : '';
  const major = String(Math.floor(abs / scale));
  return digits === 0
    ? `${sign}${major}`
    : `${sign}${major}.${String(abs % scale).padStart(digits, '0')}`;
}

/**
 * Reads an amount as a technician types it (`450`, `450.5`, `1,250.00`, `1250,00`) into minor
 * units, by string arithmetic. The last `.` or `,` followed by at most the currency's number of
 * minor digits is the decimal mark; other `,`, `.`, spaces and apostrophes are grouping.
 */
export function parseMoney(text: string, currency: CurrencyCode): Result<Cents, string> {
  const digits = minorDigits(currency);
  const s = text.trim();
  if (s === '') return err('Enter an amount, for example 450 or 450.50.');
  if (s.startsWith('-'))
    return err('An amount cannot be negative: enter it without the minus sign.');
  if (!/^[0-9.,' \u00a0\u202f]+$/.test(s)) {
    return err(`"${text}" is not an amount: use digits, with a decimal point if needed.`);
  }
  const compact = s.replace(/[' \u00a0\u202f]/g, '');
  const lastMark = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  let whole = compact;
  let fraction = '';
  if (lastMark >= 0) {
    const after = compact.slice(lastMark + 1);
    // "1,250" is one thousand two hundred and fifty, not 1.25: three digits after a mark are a
    // group unless the currency has three minor digits.
    const isGroup = after.length === 3 && digits !== 3;
    if (!isGroup) {
      if (after.length > digits) {
        return err(
          digits === 0
            ? `${currency} has no minor units: enter a whole amount.`
            : `Use at most ${digits} digits after the decimal mark.`,
        );
      }
      whole = compact.slice(0, lastMark);
      fraction = after;
      if (whole.includes(compact.charAt(lastMark))) {
        return err(`"${text}" has more than one decimal mark: write it like 1250.50.`);
      }
    }
  }
  whole = whole.replace(/[.,]/g, '');
  if (whole === '' && fraction === '') return err('Enter an amount, for example 450 or 450.50.');
  const n = Number((whole === '' ? '0' : whole) + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(n)) return err('That amount is too large.');
  return ok(n as Cents);
}
