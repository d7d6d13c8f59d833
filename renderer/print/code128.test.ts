import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code128Modules, code128Svg, code128Values, QUIET_ZONE_MODULES } from './code128';

/** Reads the modules back into symbol values: an independent check of the pattern table. */
function decodeModules(modules: string): number[] {
  const table = new Map<string, number>();
  for (let v = 0; v <= 106; v++) table.set(code128Modules([v]).slice(0, 11), v);
  const values: number[] = [];
  for (let i = 0; i + 11 <= modules.length - 13; i += 11) {
    const v = table.get(modules.slice(i, i + 11));
    if (v === undefined) throw new Error(`no symbol at module ${i}`);
    values.push(v);
  }
  return values;
}

/** Turns symbol values back into text, following the code set switches. */
function textOf(values: readonly number[]): string {
  let set = values[0] === 105 ? 'C' : 'B';
  let out = '';
  for (const v of values.slice(1, -1)) {
    if (v === 99) set = 'C';
    else if (v === 100) set = 'B';
    else out += set === 'C' ? String(v).padStart(2, '0') : String.fromCharCode(v + 32);
  }
  return out;
}

const values = (text: string): number[] => {
  const v = code128Values(text);
  if (typeof v === 'string') throw new Error(v);
  return v;
};

describe('Code 128', () => {
  // Known encodings (ISO/IEC 15417, and the same symbols as zint and other encoders produce).
  it('encodes AIM as ISO/IEC 15417 Figure 1', () => {
    expect(code128Modules(values('AIM'))).toBe(
      '11010010000101000110001100010001010111011000101110110001100011101011',
    );
  });

  it('encodes 1234567890 in code set C', () => {
    expect(values('1234567890')).toEqual([105, 12, 34, 56, 78, 90, 85]);
    expect(code128Modules(values('1234567890'))).toBe(
      '110100111001011001110010001011000111000101101100001010011011110110100111100101100011101011',
    );
  });

  it('switches to C for four digits at the end (Annex A.1: AIM1234, check value 87)', () => {
    expect(values('AIM1234')).toEqual([104, 33, 41, 45, 99, 12, 34, 87]);
  });

  it('starts in C only when it pays', () => {
    expect(values('1')).toEqual([104, 17, 18]);
    expect(values('12')).toEqual([105, 12, 14]);
    expect(values('123')).toEqual([104, 17, 18, 19, 8]);
    expect(values('1234')).toEqual([105, 12, 34, 82]);
    // An odd run: pairs in C, the last digit in B.
    expect(values('12345')).toEqual([105, 12, 34, 100, 21, 54]);
  });

  it('encodes a ticket number with the date in code set C (checked by hand)', () => {
    // B L R 0 1 - | C 25 07 01 | B - 0 0 7; check = 3602 mod 103 = 100.
    expect(values('BLR01-250701-007')).toEqual([
      104, 34, 44, 50, 16, 17, 13, 99, 25, 7, 1, 100, 13, 16, 16, 23, 100,
    ]);
  });

  it('keeps a short digit run in B, where switching would cost more than it saves', () => {
    expect(values('BLR01-2507-007')).toEqual([
      104,
      34,
      44,
      50,
      16,
      17,
      13,
      18,
      21,
      16,
      23,
      13,
      16,
      16,
      23,
      expect.any(Number) as number,
    ]);
  });

  it('computes the check symbol as the weighted sum modulo 103', () => {
    const v = values('Counter-42');
    const check = v[v.length - 1];
    const sum = v.slice(0, -1).reduce((s, x, i) => s + x * Math.max(i, 1), 0);
    expect(check).toBe(sum % 103);
  });

  it('round-trips any printable ASCII text through its modules', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{1,40}$/), (text) => {
        const v = values(text);
        const modules = code128Modules(v);
        expect(modules.length).toBe(11 * v.length + 13);
        expect(modules.endsWith('1100011101011')).toBe(true);
        expect(decodeModules(modules)).toEqual(v);
        expect(textOf(v)).toBe(text);
      }),
    );
  });

  it('refuses what it cannot encode', () => {
    expect(code128Values('')).toBe('empty');
    expect(code128Values('BLR01-ä')).toBe('unsupported_character');
    expect(code128Values('a\nb')).toBe('unsupported_character');
  });

  it('draws an SVG with 10-module quiet zones on both sides', () => {
    const r = code128Svg('BLR01-250701-007', { label: 'Ticket', moduleMm: 0.25 });
    if (typeof r === 'string') throw new Error(r);
    const symbol = 17 * 11 + 13;
    expect(r.modules).toBe(symbol + 2 * QUIET_ZONE_MODULES);
    expect(r.widthMm).toBeCloseTo((symbol + 20) * 0.25, 6);
    expect(r.widthMm).toBeLessThanOrEqual(72);
    expect(r.svg.html).toContain(`viewBox="0 0 ${r.modules} 1"`);
    expect(r.svg.html).toContain(`width="${r.widthMm}mm"`);
    // The first bar starts after the quiet zone; the last ends before the other one.
    const bars = [...r.svg.html.matchAll(/M(\d+) 0h(\d+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(bars[0]?.[0]).toBe(QUIET_ZONE_MODULES);
    const last = bars[bars.length - 1] ?? [0, 0];
    expect((last[0] ?? 0) + (last[1] ?? 0)).toBe(r.modules - QUIET_ZONE_MODULES);
    const inked = bars.reduce((n, [, w]) => n + (w ?? 0), 0);
    expect(inked).toBe(
      Array.from(code128Modules(values('BLR01-250701-007'))).filter((m) => m === '1').length,
    );
  });
});
