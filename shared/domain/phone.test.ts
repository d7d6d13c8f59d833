import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneDigits } from './phone';

const ok = (raw: string) => normalizePhone(raw);

describe('normalizePhone', () => {
  it('accepts numbers as people type them and stores digits with an optional +', () => {
    expect(ok('+91 98765-43210')).toEqual({ ok: true, value: '+919876543210' });
    expect(ok('(040) 2345 6789')).toEqual({ ok: true, value: '04023456789' });
    expect(ok('  98765 43210 ')).toEqual({ ok: true, value: '9876543210' });
    expect(ok('030.1234.5678')).toEqual({ ok: true, value: '03012345678' });
    expect(ok('+49 (0)30 1234567')).toEqual({ ok: true, value: '+490301234567' });
    expect(ok('９８７６５４３２１０')).toEqual({ ok: true, value: '9876543210' });
    expect(ok('1234567')).toEqual({ ok: true, value: '1234567' });
    expect(ok('123456789012345')).toEqual({ ok: true, value: '123456789012345' });
  });

  it('says what is wrong and what to type instead', () => {
    const message = (raw: string) => {
      const r = normalizePhone(raw);
      return r.ok ? '' : r.error;
    };
    expect(message('')).toContain('Enter a phone number');
    expect(message('98765 abc')).toBe(
      '"a" is not allowed in a phone number: use digits, with an optional + and country code in front.',
    );
    expect(message('98+765432')).toContain('A + goes only at the start');
    expect(message('12345')).toBe(
      'That has 5 digits; a phone number has 7 to 15. Check for missing digits.',
    );
    expect(message('1234567890123456')).toContain('at most 15');
    expect(message('+')).toContain('0 digits');
  });

  it('gives stored forms that normalize to themselves', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), {
          minLength: 7,
          maxLength: 15,
        }),
        fc.array(fc.constantFrom(' ', '-', '(', ')', '.'), { maxLength: 15 }),
        (plus, digits, seps) => {
          // Interleave separators as a person might type them.
          let typed = plus ? '+' : '';
          digits.forEach((d, i) => {
            typed += d + (seps[i] ?? '');
          });
          const r = normalizePhone(typed);
          expect(r).toEqual({ ok: true, value: (plus ? '+' : '') + digits.join('') });
          if (r.ok) expect(normalizePhone(r.value)).toEqual(r);
        },
      ),
    );
  });
});

describe('phoneDigits', () => {
  it('keeps only the digits', () => {
    expect(phoneDigits('+91 (98765) 43210')).toBe('919876543210');
  });
});
