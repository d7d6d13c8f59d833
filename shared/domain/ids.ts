/**
 * Record identities. Records are created on many counters at once, so ids are random UUIDv7
 * (RFC 9562), never auto-increment (DESIGN.md, "Local data"). Time and randomness are
 * parameters (STYLE.md 8): nothing here reads a clock or a global random source.
 */

declare const idBrand: unique symbol;
/** A UUIDv7 that names one kind of record; kinds are not interchangeable (STYLE.md 7). */
export type Id<K extends string> = string & { readonly [idBrand]: K };

export type TicketId = Id<'ticket'>;
export type CustomerId = Id<'customer'>;
/** A watch brought to the counter (a row of `devices`), not this computer. */
export type DeviceId = Id<'device'>;
export type EventId = Id<'event'>;
export type PhotoId = Id<'photo'>;
export type TechnicianId = Id<'technician'>;
/** This installation of Counter: the sync protocol's `deviceId` for its outbox. */
export type InstallationId = Id<'installation'>;

/** Milliseconds since the Unix epoch, as `Date.now()` gives them. Injected, never read here. */
export type Clock = () => number;
/** `n` cryptographically random bytes (`crypto.getRandomValues` at the edge). */
export type RandomBytes = (n: number) => Uint8Array;
/** Produces a new, unique id string each call. */
export type IdSource = () => string;

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

const MAX_TIMESTAMP = 2 ** 48 - 1;

function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[bytes[i] ?? 0] ?? '00';
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

function checkedRandom(random: RandomBytes, n: number): Uint8Array {
  const bytes = random(n);
  if (bytes.length < n)
    throw new Error(`random source gave ${bytes.length} bytes, ${n} were asked`);
  return bytes;
}

function checkedTimestamp(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIMESTAMP) {
    throw new Error(`a UUIDv7 timestamp is a whole number of ms in [0, 2^48), got ${ms}`);
  }
  return ms;
}

/**
 * The 16 bytes of a UUIDv7: 48-bit big-endian ms timestamp, version 7, 12 bits `counter` (rand_a),
 * variant 0b10, then 62 random bits (rand_b).
 */
function build(ms: number, counter: number, random: Uint8Array): Uint8Array {
  const b = new Uint8Array(16);
  // 2^48 does not fit in 32-bit bitwise arithmetic, so the timestamp is split by division.
  const high = Math.floor(ms / 2 ** 16);
  const low = ms % 2 ** 16;
  b[0] = (high >>> 24) & 0xff;
  b[1] = (high >>> 16) & 0xff;
  b[2] = (high >>> 8) & 0xff;
  b[3] = high & 0xff;
  b[4] = (low >>> 8) & 0xff;
  b[5] = low & 0xff;
  b[6] = 0x70 | ((counter >>> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((random[0] ?? 0) & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = random[i - 8] ?? 0;
  return b;
}

/** One UUIDv7 for time `ms` with random bits from `random`. Not ordered within one millisecond. */
export function uuidv7(ms: number, random: RandomBytes): string {
  const r = checkedRandom(random, 10);
  const counter = (((r[8] ?? 0) << 8) | (r[9] ?? 0)) & 0x0fff;
  return hex(build(checkedTimestamp(ms), counter, r));
}

/**
 * A UUIDv7 source whose ids increase strictly, in creation order, even when the clock stands
 * still or steps back (RFC 9562 §6.2, method 1): within a millisecond the 12-bit counter counts
 * up from a random start below 2048, and when it runs out the timestamp moves on by one. Events
 * written in the same millisecond therefore sort in the order they were made.
 */
export function createUuidV7Source(clock: Clock, random: RandomBytes): IdSource {
  let lastMs = -1;
  let counter = 0;
  return () => {
    const now = checkedTimestamp(clock());
    const r = checkedRandom(random, 10);
    if (now > lastMs) {
      lastMs = now;
      counter = (((r[8] ?? 0) << 8) | (r[9] ?? 0)) & 0x07ff;
    } else if (counter < 0x0fff) {
      counter += 1;
    } else {
      lastMs = checkedTimestamp(lastMs + 1);
      counter = (((r[8] ?? 0) << 8) | (r[9] ?? 0)) & 0x07ff;
    }
    return hex(build(lastMs, counter, r));
  };
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(s: unknown): s is string {
  return typeof s === 'string' && UUID_V7.test(s);
}

/** The millisecond timestamp a UUIDv7 carries. */
export function uuidV7Timestamp(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export const newTicketId = (next: IdSource): TicketId => next() as TicketId;
export const newCustomerId = (next: IdSource): CustomerId => next() as CustomerId;
export const newDeviceId = (next: IdSource): DeviceId => next() as DeviceId;
export const newEventId = (next: IdSource): EventId => next() as EventId;
export const newPhotoId = (next: IdSource): PhotoId => next() as PhotoId;
export const newTechnicianId = (next: IdSource): TechnicianId => next() as TechnicianId;
export const newInstallationId = (next: IdSource): InstallationId => next() as InstallationId;

/** Reads an id of a known kind from outside (a route parameter, a form value); null when malformed. */
export const parseTicketId = (s: string): TicketId | null => (isUuidV7(s) ? (s as TicketId) : null);
export const parseCustomerId = (s: string): CustomerId | null =>
  isUuidV7(s) ? (s as CustomerId) : null;
export const parseTechnicianId = (s: string): TechnicianId | null =>
  isUuidV7(s) ? (s as TechnicianId) : null;
