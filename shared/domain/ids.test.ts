import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createUuidV7Source,
  isUuidV7,
  newTicketId,
  parseTicketId,
  uuidV7Timestamp,
  uuidv7,
  type RandomBytes,
} from './ids';

/** A deterministic random source: bytes from a seed, as tests need. */
function seeded(seed: number): RandomBytes {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

const zeros: RandomBytes = (n) => new Uint8Array(n);
const ones: RandomBytes = (n) => new Uint8Array(n).fill(0xff);

describe('uuidv7', () => {
  it('lays out timestamp, version and variant as RFC 9562 says', () => {
    // The RFC's example timestamp: 2022-02-22T19:22:22Z = 0x017F22E279B0.
    const id = uuidv7(0x017f22e279b0, zeros);
    expect(id).toBe('017f22e2-79b0-7000-8000-000000000000');
    expect(uuidv7(0x017f22e279b0, ones)).toBe('017f22e2-79b0-7fff-bfff-ffffffffffff');
    expect(isUuidV7(id)).toBe(true);
  });

  it('carries its timestamp for any time in the 48-bit range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer(), (ms, seed) => {
        const id = uuidv7(ms, seeded(seed));
        expect(isUuidV7(id)).toBe(true);
        expect(uuidV7Timestamp(id)).toBe(ms);
      }),
    );
  });

  it('refuses a clock that is not a 48-bit whole number of ms and a short random source', () => {
    expect(() => uuidv7(-1, zeros)).toThrow(/timestamp/);
    expect(() => uuidv7(1.5, zeros)).toThrow(/timestamp/);
    expect(() => uuidv7(2 ** 48, zeros)).toThrow(/timestamp/);
    expect(() => uuidv7(0, () => new Uint8Array(3))).toThrow(/random source/);
  });
});

describe('createUuidV7Source', () => {
  it('gives strictly increasing ids whatever the clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_600_000_000_000, max: 1_600_000_000_050 }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer(),
        (times, seed) => {
          let i = 0;
          const next = createUuidV7Source(() => times[i++ % times.length] ?? 0, seeded(seed));
          const ids = times.map(() => next());
          for (const id of ids) expect(isUuidV7(id)).toBe(true);
          for (let k = 1; k < ids.length; k++)
            expect((ids[k] ?? '') > (ids[k - 1] ?? '')).toBe(true);
        },
      ),
    );
  });

  it('moves to the next millisecond when 4096 ids are made in one', () => {
    const next = createUuidV7Source(() => 1000, ones);
    const ids = Array.from({ length: 5000 }, () => next());
    expect(new Set(ids).size).toBe(5000);
    expect(uuidV7Timestamp(ids[0] ?? '')).toBe(1000);
    expect(uuidV7Timestamp(ids[4999] ?? '')).toBeGreaterThan(1000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps the clock’s time when the clock moves forward', () => {
    let now = 5000;
    const next = createUuidV7Source(() => now, seeded(7));
    expect(uuidV7Timestamp(next())).toBe(5000);
    now = 9000;
    expect(uuidV7Timestamp(next())).toBe(9000);
  });
});

describe('branded ids', () => {
  it('parses only UUIDv7 text', () => {
    const id = newTicketId(createUuidV7Source(() => 1, seeded(1)));
    expect(parseTicketId(id)).toBe(id);
    expect(parseTicketId('not-an-id')).toBeNull();
    expect(parseTicketId('017f22e2-79b0-4000-8000-000000000000')).toBeNull(); // v4
  });
});
