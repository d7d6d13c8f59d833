import { phoneDigits } from './phone';
import { MAX_SERIAL_LENGTH, normalizeSerial } from './serial';
import { normalizeTicketNumber, type TicketNumber } from './ticket';

/**
 * Search keys: how names and phones are indexed, and how the one search box at the counter
 * decides what the technician typed. Pure, so the index side (data/) and the query side agree.
 */

const WORD_SEPARATORS = /[\s\p{P}\p{S}]+/u;

/** Lower-cased words of a name as typed (NFKC, so full-width Latin matches ASCII). */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(WORD_SEPARATORS)
    .filter((w) => w !== '');
}

/**
 * The index keys of a customer's name: each word, and each word without its accents when that
 * differs ("josé" is also "jose"), so "jose" finds José while "josé" still finds only José.
 * Stripping marks from other scripts only adds keys; it never removes the exact one.
 */
export function nameSearchKeys(name: string): string[] {
  const keys = new Set<string>();
  for (const w of nameWords(name)) {
    keys.add(w);
    const folded = w
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .normalize('NFC');
    if (folded !== '') keys.add(folded);
  }
  return [...keys];
}

/** A customer matches when every typed word begins one of the customer's name keys. */
export function nameMatches(keys: readonly string[], typedWords: readonly string[]): boolean {
  return typedWords.every((t) => keys.some((k) => k.startsWith(t)));
}

export interface PhoneSearchKeys {
  /** The digits alone: a prefix search finds a number typed from its start. */
  readonly phoneDigits: string;
  /** The digits reversed: a prefix search here is a suffix search on the number, so
   * "98765 43210" finds "+91 98765 43210" and the last four digits find the customer. */
  readonly phoneSuffix: string;
}

export function reverseDigits(digits: string): string {
  let r = '';
  for (let i = digits.length - 1; i >= 0; i--) r += digits.charAt(i);
  return r;
}

export function phoneSearchKeys(phone: string): PhoneSearchKeys {
  const d = phoneDigits(phone);
  return { phoneDigits: d, phoneSuffix: reverseDigits(d) };
}

/** The fewest digits that make a phone search (the last four digits are common at a counter). */
export const MIN_PHONE_SEARCH_DIGITS = 4;

export type SearchText =
  | { readonly kind: 'all' }
  | { readonly kind: 'ticket_number'; readonly number: TicketNumber }
  | { readonly kind: 'serial'; readonly serial: string }
  | { readonly kind: 'phone'; readonly digits: string }
  /** Eight or more digits: serials can be all digits too, so both are searched. */
  | { readonly kind: 'serial_or_phone'; readonly serial: string; readonly digits: string }
  | { readonly kind: 'name'; readonly words: readonly string[] };

const PHONE_LIKE = /^\+?[0-9\s\-.()]+$/u;

/**
 * What the text in the search box is: a ticket number, a serial, a phone number or a name.
 * Letters with digits are a serial; digits alone are a phone, or either when long enough to be
 * a serial; anything else is a name.
 */
export function classifySearchText(text: string): SearchText {
  const t = text.normalize('NFKC').trim();
  if (t === '') return { kind: 'all' };

  const number = normalizeTicketNumber(t);
  if (number !== null) return { kind: 'ticket_number', number };

  if (PHONE_LIKE.test(t)) {
    const digits = phoneDigits(t);
    if (digits.length >= MIN_PHONE_SEARCH_DIGITS) {
      const serial = normalizeSerial(t);
      const couldBeSerial = /^[0-9]{8,}$/.test(serial) && serial.length <= MAX_SERIAL_LENGTH;
      if (t.startsWith('+') || !couldBeSerial) {
        return digits.length <= 15 ? { kind: 'phone', digits } : { kind: 'serial', serial };
      }
      return digits.length <= 15
        ? { kind: 'serial_or_phone', serial, digits }
        : { kind: 'serial', serial };
    }
  }

  const serial = normalizeSerial(t);
  if (/^[A-Z0-9]{4,}$/.test(serial) && /[0-9]/.test(serial) && serial.length <= MAX_SERIAL_LENGTH) {
    return { kind: 'serial', serial };
  }
  return { kind: 'name', words: nameWords(t) };
}
