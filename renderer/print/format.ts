/**
 * Dates, times and amounts as a receipt shows them. The locale and the time zone are parameters
 * (STYLE.md 8): the counter passes its own, tests pass fixed ones.
 */
import type { PlainDate } from '../../shared/dates/plainDate';
import { formatMoney, type Money } from '../../shared/domain/money';

export interface Formatting {
  /** BCP 47, for example `en-IN`. */
  readonly locale: string;
  /** IANA, for example `Asia/Kolkata`. */
  readonly timeZone: string;
}

/** `en-IN` for a center in India; plain `en` when the country makes no valid locale. */
export function receiptLocale(country: string): string {
  try {
    return Intl.getCanonicalLocales(`en-${country}`)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The time zone name, or UTC when the runtime does not know it. */
export function checkedTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const cached = (key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat => {
  let f = dateFormats.get(key);
  if (f === undefined) {
    f = make();
    dateFormats.set(key, f);
  }
  return f;
};

/** `15 Mar 2026`: month in letters, so no one reads 03/04 the wrong way round. */
export function formatPlainDate(d: PlainDate, f: Formatting): string {
  const [y, m, day] = d.split('-').map(Number);
  const ms = Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1);
  return cached(
    `d:${f.locale}`,
    () =>
      new Intl.DateTimeFormat(f.locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(ms);
}

/** `1 Jul 2025, 14:30` in the center's time zone. */
export function formatTimestamp(ms: number, f: Formatting): string {
  return cached(
    `t:${f.locale}:${f.timeZone}`,
    () =>
      new Intl.DateTimeFormat(f.locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: f.timeZone,
      }),
  ).format(ms);
}

/** The calendar date of an instant in the center's time zone. */
export function plainDateAt(ms: number, timeZone: string): PlainDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '01';
  return `${get('year')}-${get('month')}-${get('day')}` as PlainDate;
}

export const formatAmount = (m: Money, f: Formatting): string => formatMoney(m, f.locale);

/**
 * The start of a clause, cut at a word boundary near `max` characters with an ellipsis: enough
 * to recognise it on a receipt, with the clause id to find the rest.
 */
export function shortQuote(text: string, max = 120): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}
