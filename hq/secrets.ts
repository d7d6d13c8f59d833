import { createHash, timingSafeEqual } from 'node:crypto';
import { uuidv7, type RandomBytes } from '../shared/domain/ids';

/*
 * Tokens and codes are random and stored only as their SHA-256: a copy of the database gives no
 * one a working token. Randomness and time are parameters (STYLE.md 8).
 */

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A bearer token: 32 random bytes, base64url. */
export function newToken(random: RandomBytes): string {
  return Buffer.from(random(32)).toString('base64url');
}

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time enrollment code: 12 characters (60 random bits), as `7KQ2-M9XD-4TRB`. */
export function newEnrollmentCode(random: RandomBytes): string {
  const bytes = random(12);
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[(bytes[i] ?? 0) & 31] ?? '0';
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** The code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its stored form. */
export function normalizeEnrollmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const newId = (now: number, random: RandomBytes): string => uuidv7(now, random);
