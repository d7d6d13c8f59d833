import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifySearchText,
  nameMatches,
  nameSearchKeys,
  nameWords,
  phoneSearchKeys,
  reverseDigits,
} from './search';

describe('name search keys', () => {
  it('lower-cases each word and adds accent-free forms', () => {
    expect(nameSearchKeys('José  Ñúñez-García')).toEqual([
      'josé',
      'jose',
      'ñúñez',
      'nunez',
      'garcía',
      'garcia',
    ]);
    expect(nameSearchKeys('राहुल शर्मा')).toContain('राहुल');
    expect(nameSearchKeys('王小明')).toEqual(['王小明']);
    expect(nameSearchKeys('ＴＯＭ')).toEqual(['tom']);
  });

  it('matches every typed word against the start of some key', () => {
    const keys = nameSearchKeys('José Ñúñez');
    expect(nameMatches(keys, nameWords('jos'))).toBe(true);
    expect(nameMatches(keys, nameWords('NUN jo'))).toBe(true);
    expect(nameMatches(keys, nameWords('josé ñú'))).toBe(true);
    expect(nameMatches(keys, nameWords('ose'))).toBe(false);
    expect(nameMatches(keys, nameWords('jose smith'))).toBe(false);
  });

  it('always keeps each exact lower-cased word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const keys = nameSearchKeys(name);
        for (const w of nameWords(name)) expect(keys).toContain(w);
      }),
    );
  });
});

describe('phone search keys', () => {
  it('indexes digits and reversed digits', () => {
    expect(phoneSearchKeys('+91 98765 43210')).toEqual({
      phoneDigits: '919876543210',
      phoneSuffix: '012345678919',
    });
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,15}$/), (d) => {
        expect(reverseDigits(reverseDigits(d))).toBe(d);
      }),
    );
  });
});

describe('classifySearchText', () => {
  it('recognizes each kind', () => {
    expect(classifySearchText('')).toEqual({ kind: 'all' });
    expect(classifySearchText('  ')).toEqual({ kind: 'all' });
    expect(classifySearchText('blr01-250701-007')).toEqual({
      kind: 'ticket_number',
      number: 'BLR01-250701-007',
    });
    expect(classifySearchText('xj2024 0001abcd')).toEqual({
      kind: 'serial',
      serial: 'XJ20240001ABCD',
    });
    expect(classifySearchText('+91 98765 43210')).toEqual({
      kind: 'phone',
      digits: '919876543210',
    });
    expect(classifySearchText('98765-43210')).toEqual({ kind: 'phone', digits: '9876543210' });
    expect(classifySearchText('3210')).toEqual({ kind: 'phone', digits: '3210' });
    expect(classifySearchText('9876543210')).toEqual({
      kind: 'serial_or_phone',
      serial: '9876543210',
      digits: '9876543210',
    });
    expect(classifySearchText('12345678901234567890')).toEqual({
      kind: 'serial',
      serial: '12345678901234567890',
    });
    expect(classifySearchText('Priya R')).toEqual({ kind: 'name', words: ['priya', 'r'] });
    expect(classifySearchText('राहुल')).toEqual({ kind: 'name', words: ['राहुल'] });
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(classifySearchText(s).kind).toMatch(
          /^(all|ticket_number|serial|phone|serial_or_phone|name)$/,
        );
      }),
    );
  });
});
