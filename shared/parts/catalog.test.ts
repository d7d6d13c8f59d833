import { describe, expect, it } from 'vitest';
import type { Cents, CurrencyCode } from '../domain/money';
import {
  mergeCatalog,
  parsePartNumber,
  parsePartsCatalog,
  validateCatalogPartForm,
  type CatalogPart,
  type CatalogPartForm,
  type PartNumber,
} from './catalog';

const part = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  partNumber: 'XJ-C5-LCD',
  brand: 'xinji',
  name: 'Display assembly',
  models: ['XINJI Cobee C5'],
  unitPrice: { amount: 245000, currency: 'INR' },
  returnToHq: true,
  serialized: true,
  lowStockThreshold: 2,
  ...over,
});
const doc = (parts: unknown[], over: Record<string, unknown> = {}) => ({
  version: 1,
  editableAtCenter: false,
  parts,
  ...over,
});
const FILE = 'policies/parts-catalog.json';

describe('parsePartsCatalog', () => {
  it('accepts a valid catalog', () => {
    const r = parsePartsCatalog(doc([part(), part({ partNumber: 'XJ-C5-BAT' })]), FILE);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.parts.map((p) => p.partNumber)).toEqual(['XJ-C5-LCD', 'XJ-C5-BAT']);
  });

  it.each([
    [
      'a lower-case part number',
      doc([part({ partNumber: 'xj-c5-lcd' })]),
      'parts[0].partNumber',
      /expected a part number: upper-case letters.*got "xj-c5-lcd"/,
    ],
    [
      'an unknown brand',
      doc([part(), part({ partNumber: 'A1', brand: 'acme' })]),
      'parts[1].brand',
      /expected one of "xinji", "kospet", "coros", "bluetens" \(got "acme"\)/,
    ],
    [
      'a price in rupees with paise as a fraction',
      doc([part({ unitPrice: { amount: 2450.5, currency: 'INR' } })]),
      'parts[0].unitPrice.amount',
      /whole, non-negative number of minor units.*got 2450.5/,
    ],
    [
      'a lower-case currency',
      doc([part({ unitPrice: { amount: 100, currency: 'inr' } })]),
      'parts[0].unitPrice.currency',
      /ISO 4217 currency code/,
    ],
    ['no models', doc([part({ models: [] })]), 'parts[0].models', /list at least one model/],
    [
      'a misspelt field',
      doc([part({ serialised: true })]),
      'parts[0]',
      /unexpected field "serialised": remove it or check the spelling/,
    ],
    [
      'a missing flag',
      { version: 1, parts: [] },
      'editableAtCenter',
      /expected true or false \(got missing\)/,
    ],
    [
      'a part number listed twice',
      doc([part(), part({ name: 'Other' })]),
      'parts[1].partNumber',
      /XJ-C5-LCD is already listed at parts\[0\]: keep one of them/,
    ],
  ])('rejects %s with the file, the path and what is expected', (_, json, path, message) => {
    const r = parsePartsCatalog(json, FILE);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.file).toBe(FILE);
    expect(r.error.path).toBe(path);
    expect(r.error.message).toMatch(message);
  });
});

describe('part numbers', () => {
  it('reads a part number as typed or scanned', () => {
    expect(parsePartNumber(' xj-c5-lcd ')).toBe('XJ-C5-LCD');
    expect(parsePartNumber('ＸＪ－Ｃ５')).toBe('XJ-C5');
    expect(parsePartNumber('')).toBeNull();
    expect(parsePartNumber('XJ C5')).toBeNull();
    expect(parsePartNumber('-XJ')).toBeNull();
  });
});

describe('validateCatalogPartForm', () => {
  const form: CatalogPartForm = {
    partNumber: 'kp-t2-lcd',
    brand: 'kospet',
    name: 'Display',
    models: ['KOSPET TANK T2', ' ', 'KOSPET TANK T2'],
    unitPrice: 265000,
    currency: 'inr',
    returnToHq: true,
    serialized: true,
    lowStockThreshold: 2,
  };

  it('normalizes what was typed', () => {
    expect(validateCatalogPartForm(form)).toEqual({
      ok: true,
      value: {
        partNumber: 'KP-T2-LCD',
        brand: 'kospet',
        name: 'Display',
        models: ['KOSPET TANK T2'],
        unitPrice: { amount: 265000, currency: 'INR' },
        returnToHq: true,
        serialized: true,
        lowStockThreshold: 2,
      },
    });
  });

  it('names every wrong field', () => {
    const r = validateCatalogPartForm({
      ...form,
      partNumber: 'X Y',
      brand: 'acme',
      name: ' ',
      models: [],
      unitPrice: 12.5,
      currency: 'rupees',
      lowStockThreshold: -1,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.map((e) => e.field)).toEqual([
        'partNumber',
        'brand',
        'name',
        'models',
        'unitPrice',
        'currency',
        'lowStockThreshold',
      ]);
    }
  });
});

describe('mergeCatalog', () => {
  const p = (n: string, threshold = 2): CatalogPart => ({
    partNumber: n as PartNumber,
    brand: 'xinji',
    name: n,
    models: ['M'],
    unitPrice: { amount: 100 as Cents, currency: 'INR' as CurrencyCode },
    returnToHq: true,
    serialized: false,
    lowStockThreshold: threshold,
  });

  it('takes HQ’s facts, keeps the center’s thresholds and the parts HQ dropped', () => {
    const current = [
      { ...p('A', 9), thresholdSetAtCenter: true, discontinued: false },
      { ...p('B'), thresholdSetAtCenter: false, discontinued: false },
      { ...p('C'), thresholdSetAtCenter: false, discontinued: false },
    ];
    const next = {
      version: 2,
      editableAtCenter: false,
      parts: [{ ...p('A', 3), name: 'A2' }, p('B', 5), p('D')],
    };
    expect(mergeCatalog(current, next)).toEqual([
      { ...p('A', 9), name: 'A2', thresholdSetAtCenter: true, discontinued: false },
      { ...p('B', 5), thresholdSetAtCenter: false, discontinued: false },
      { ...p('D'), thresholdSetAtCenter: false, discontinued: false },
      { ...p('C'), thresholdSetAtCenter: false, discontinued: true },
    ]);
  });
});
