import { err, ok, type Result } from '../lib/result';

declare const phoneBrand: unique symbol;
/** A phone number as stored: an optional leading `+` and 7 to 15 digits, nothing else. */
export type PhoneNumber = string & { readonly [phoneBrand]: true };

/** E.164 allows at most 15 digits; 7 is the shortest local number worth storing. */
export const MIN_PHONE_DIGITS = 7;
export const MAX_PHONE_DIGITS = 15;

/** What people type between digits: spaces, dashes, dots, parentheses. */
const SEPARATORS = /[\s\-.()\u2010-\u2015\u2212]/gu;

/**
 * Validates a phone number as typed (`+91 98765-43210`, `(040) 2345 6789`) and returns it in
 * stored form (`+919876543210`, `04023456789`). Full-width digits from an IME count as digits.
 * The message says what is wrong and what to type instead.
 */
export function normalizePhone(raw: string): Result<PhoneNumber, string> {
  const text = raw.normalize('NFKC').trim();
  if (text === '') {
    return err('Enter a phone number, so the center can call when the watch is ready.');
  }
  const compact = text.replace(SEPARATORS, '');
  const plus = compact.startsWith('+');
  const body = plus ? compact.slice(1) : compact;
  if (body.includes('+')) {
    return err('A + goes only at the start of the number, before the country code.');
  }
  const bad = /[^0-9]/u.exec(body);
  if (bad !== null) {
    return err(
      `"${bad[0]}" is not allowed in a phone number: use digits, with an optional + and country code in front.`,
    );
  }
  if (body.length < MIN_PHONE_DIGITS) {
    return err(
      `That has ${body.length} digit${body.length === 1 ? '' : 's'}; a phone number has ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS}. Check for missing digits.`,
    );
  }
  if (body.length > MAX_PHONE_DIGITS) {
    return err(
      `That has ${body.length} digits; a phone number has at most ${MAX_PHONE_DIGITS}, country code included. Check for extra digits or two numbers in one field.`,
    );
  }
  return ok((plus ? `+${body}` : body) as PhoneNumber);
}

/** The digits alone, as phones are indexed and searched. */
export function phoneDigits(text: string): string {
  return text.normalize('NFKC').replace(/[^0-9]/gu, '');
}
