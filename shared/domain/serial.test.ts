import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileSerialRules,
  defaultSerialRules,
  normalizeSerial,
  validateSerial,
  type SerialRules,
} from './serial';

const rules = defaultSerialRules();

function compiled(overrides: Parameters<typeof compileSerialRules>[0]): SerialRules {
  const r = compileSerialRules(overrides);
  if (!r.ok) throw new Error(r.error.map((e) => e.message).join('; '));
  return r.value;
}

describe('normalizeSerial', () => {
  it('trims, removes spaces and invisible characters, upper-cases', () => {
    expect(normalizeSerial('  xj12 ab34\tcd56\n')).toBe('XJ12AB34CD56');
    expect(normalizeSerial('XJ12\u200bAB34\ufeff')).toBe('XJ12AB34');
    expect(normalizeSerial('xj12\u00a0ab34')).toBe('XJ12AB34');
  });

  it('turns full-width letters and digits from an IME into ASCII', () => {
    expect(normalizeSerial('ｘｊ１２ＡＢ３４')).toBe('XJ12AB34');
  });

  it('is idempotent and leaves no spaces or lower case letters', () => {
    for (const odd of ['ΐ', 'A¨', 'ᵃ', 'ǅ', 'ß', 'ﬀ', 'A \u0301']) {
      const n = normalizeSerial(odd);
      expect(normalizeSerial(n), odd).toBe(n);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const n = normalizeSerial(s);
        expect(normalizeSerial(n)).toBe(n);
        expect(/\s/u.test(n)).toBe(false);
        expect(/[a-z]/.test(n)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateSerial with the default patterns', () => {
  it('accepts 8 to 20 letters and digits, as typed or scanned', () => {
    expect(validateSerial(' kw10 2024 abcd ', 'kospet', rules)).toEqual({
      ok: true,
      value: 'KW102024ABCD',
    });
    expect(validateSerial('A1234567', 'xinji', rules).ok).toBe(true);
    expect(validateSerial('A'.repeat(20), 'coros', rules).ok).toBe(true);
  });

  it('says what was read, what was expected and where to look', () => {
    const short = validateSerial('ab12', 'xinji', rules);
    expect(short).toEqual({
      ok: false,
      error:
        '"AB12" (4 characters) is not a XINJI serial number: expected 8 to 20 letters and digits. Check the label on the back of the watch or on the box.',
    });
    const dashed = validateSerial('AB12-3456-78', 'bluetens', rules);
    expect(dashed.ok).toBe(false);
    if (!dashed.ok) expect(dashed.error).toContain('not a Bluetens serial number');
    const empty = validateSerial('   ', 'coros', rules);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error).toContain('Enter the serial number');
    const long = validateSerial('A'.repeat(100), 'coros', rules);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toContain('too long');
  });
});

describe('serial patterns from settings', () => {
  it('overrides one brand and keeps the defaults for the others', () => {
    const r = compiled({
      kospet: { pattern: 'KS[0-9]{10}', description: 'KS followed by 10 digits' },
    });
    expect(validateSerial('ks0123456789', 'kospet', r).ok).toBe(true);
    const bad = validateSerial('AB0123456789', 'kospet', r);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('expected KS followed by 10 digits');
    expect(validateSerial('AB0123456789', 'xinji', r).ok).toBe(true);
  });

  it('anchors the pattern: a match inside the serial is not enough', () => {
    const r = compiled({ coros: { pattern: 'C[0-9]{7}', description: 'C and 7 digits' } });
    expect(validateSerial('C1234567', 'coros', r).ok).toBe(true);
    expect(validateSerial('XC1234567', 'coros', r).ok).toBe(false);
    expect(validateSerial('C1234567X', 'coros', r).ok).toBe(false);
    // An alternation stays inside the anchors.
    const alt = compiled({ coros: { pattern: 'A{8}|B{8}', description: 'As or Bs' } });
    expect(validateSerial('AAAAAAAAX', 'coros', alt).ok).toBe(false);
  });

  it('rejects a broken pattern with what to fix, per brand', () => {
    const r = compileSerialRules({
      xinji: { pattern: '[A-Z', description: 'letters' },
      kospet: { pattern: '.*', description: 'anything' },
      coros: { pattern: '[A-Z]{8}', description: '  ' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((e) => e.field)).toEqual([
      'serialPatterns.xinji',
      'serialPatterns.kospet',
      'serialPatterns.coros',
    ]);
    expect(r.error[0]?.message).toContain('not a valid regular expression');
    expect(r.error[1]?.message).toContain('accepts an empty serial');
    expect(r.error[2]?.message).toContain('Describe the COROS serial format');
  });
});
