import { z } from 'zod';
import { BRANDS, type BrandId } from '../domain/brand';
import { fieldError, type FieldError } from '../domain/fieldError';
import {
  isCents,
  isCurrencyCode,
  type Cents,
  type CurrencyCode,
  type Money,
} from '../domain/money';
import { formatDataFileError, parseDataFile, type DataFileError } from '../lib/dataFile';
import { err, ok, type Result } from '../lib/result';

/*
 * The parts catalog: what a center may fit, at what price, and what happens to the part it
 * replaces. HQ publishes it; until the first sync the counter runs on the bundled starter file
 * (policies/parts-catalog.json). Whether a center may edit it is HQ's call (`editableAtCenter`).
 */

declare const partNumberBrand: unique symbol;
/** A manufacturer's part number as the catalog spells it: upper case, `XJ-C5-LCD`. */
export type PartNumber = string & { readonly [partNumberBrand]: true };

/** The same rule as HQ's catalog (shared/sync/protocol.ts), so a part number round-trips. */
export const PART_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
const PART_NUMBER_RULE = 'upper-case letters, digits, "." "_" "-", at most 40, such as XJ-C5-LCD';

export function isPartNumber(x: unknown): x is PartNumber {
  return typeof x === 'string' && PART_NUMBER_PATTERN.test(x);
}

/** Reads a part number as typed or scanned (` xj-c5-lcd `); null when it cannot be one. */
export function parsePartNumber(raw: string): PartNumber | null {
  const s = raw.normalize('NFKC').trim().toUpperCase();
  return isPartNumber(s) ? s : null;
}

export const MAX_MODELS_PER_PART = 200;
export const MAX_PART_NAME = 200;
export const MAX_LOW_STOCK_THRESHOLD = 100_000;

export const PartNumberSchema = z.custom<PartNumber>(isPartNumber, {
  error: `expected a part number: ${PART_NUMBER_RULE}`,
});
const CentsSchema = z.custom<Cents>((v) => isCents(v) && v >= 0, {
  error: 'expected a whole, non-negative number of minor units (paise: 1250.00 INR is 125000)',
});
const CurrencySchema = z.custom<CurrencyCode>(isCurrencyCode, {
  error: 'expected an ISO 4217 currency code in capitals, such as "INR"',
});
export const MoneySchema = z.strictObject({ amount: CentsSchema, currency: CurrencySchema });

const text = (what: string, max: number) =>
  z
    .string({ error: `expected ${what} as text` })
    .refine((s) => s.trim() !== '', { error: `${what} cannot be empty` })
    .refine((s) => s.length <= max, { error: `${what} is longer than ${max} characters` });

export const CatalogPartSchema = z.strictObject({
  partNumber: PartNumberSchema,
  brand: z.enum(BRANDS, { error: `expected one of ${BRANDS.map((b) => `"${b}"`).join(', ')}` }),
  name: text('the part name', MAX_PART_NAME),
  /** The watch models it fits, as the device record names them (`XINJI Cobee C5`). */
  models: z
    .array(text('a model name', 100), { error: 'expected a list of model names' })
    .min(1, { error: 'list at least one model the part fits' })
    .max(MAX_MODELS_PER_PART, { error: `list at most ${MAX_MODELS_PER_PART} models` })
    .readonly(),
  unitPrice: MoneySchema,
  /** The part it replaces belongs to the manufacturer and is shipped back to HQ. */
  returnToHq: z.boolean({ error: 'expected true or false' }),
  /** Each unit carries its own serial, recorded when it is fitted. */
  serialized: z.boolean({ error: 'expected true or false' }),
  /** At or below this many in stock, the part is listed as low (0: never). */
  lowStockThreshold: z
    .number({ error: 'expected a whole number of units' })
    .int({ error: 'expected a whole number of units' })
    .min(0, { error: 'a threshold cannot be negative' })
    .max(MAX_LOW_STOCK_THRESHOLD, { error: `expected at most ${MAX_LOW_STOCK_THRESHOLD}` }),
});
export interface CatalogPart {
  readonly partNumber: PartNumber;
  readonly brand: BrandId;
  readonly name: string;
  readonly models: readonly string[];
  readonly unitPrice: Money;
  readonly returnToHq: boolean;
  readonly serialized: boolean;
  readonly lowStockThreshold: number;
}

export const PartsCatalogSchema = z.strictObject({
  /** HQ's version of the catalog; the starter file is version 1. */
  version: z
    .number({ error: 'expected a version number' })
    .int({ error: 'expected a whole version number' })
    .positive({ error: 'expected a version of 1 or more' }),
  /** Whether an admin at the center may add and change parts (HQ decides). */
  editableAtCenter: z.boolean({ error: 'expected true or false' }),
  parts: z.array(CatalogPartSchema, { error: 'expected a list of parts' }).max(50_000),
});

export interface PartsCatalog {
  readonly version: number;
  readonly editableAtCenter: boolean;
  readonly parts: readonly CatalogPart[];
}

/** Checks what the schema cannot: each part number once. */
function check(doc: PartsCatalog, file: string): Result<PartsCatalog, DataFileError> {
  const seen = new Map<string, number>();
  for (const [i, p] of doc.parts.entries()) {
    const first = seen.get(p.partNumber);
    if (first !== undefined) {
      return err({
        file,
        path: `parts[${i}].partNumber`,
        message: `part number ${p.partNumber} is already listed at parts[${first}]: keep one of them`,
      });
    }
    seen.set(p.partNumber, i);
  }
  return ok(doc);
}

/**
 * Validates a catalog file's JSON. A wrong file fails with the file name, the path inside it and
 * what was expected (STYLE.md 3).
 */
export function parsePartsCatalog(
  json: unknown,
  file: string,
): Result<PartsCatalog, DataFileError> {
  const parsed = parseDataFile<PartsCatalog>(PartsCatalogSchema, json, file, 'a parts catalog');
  return parsed.ok ? check(parsed.value, file) : parsed;
}

/** As `parsePartsCatalog`, for the bundled file, which is tested to load: a failure is a defect. */
export function loadPartsCatalog(json: unknown, file: string): PartsCatalog {
  const r = parsePartsCatalog(json, file);
  if (!r.ok) throw new Error(formatDataFileError(r.error));
  return r.value;
}

// ---------------------------------------------------------------------------------------------
// The catalog as the counter stores it

/** One catalog part at the center, with what the center itself decides about it. */
export interface CatalogPartRow extends CatalogPart {
  /** The low-stock threshold was set at the center: a new catalog from HQ keeps it. */
  readonly thresholdSetAtCenter: boolean;
  /** No longer in HQ's catalog: kept because the ledger names it, but not offered for fitting. */
  readonly discontinued: boolean;
}

/** The catalog's own facts, beside its parts. */
export interface PartsCatalogMeta {
  readonly version: number;
  readonly editableAtCenter: boolean;
  readonly source: 'starter' | 'hq';
}

export function catalogRows(catalog: PartsCatalog): CatalogPartRow[] {
  return catalog.parts.map((p) => ({ ...p, thresholdSetAtCenter: false, discontinued: false }));
}

export const catalogMeta = (
  catalog: PartsCatalog,
  source: PartsCatalogMeta['source'],
): PartsCatalogMeta => ({
  version: catalog.version,
  editableAtCenter: catalog.editableAtCenter,
  source,
});

/**
 * HQ's new catalog over the counter's: HQ's facts win, the center's own thresholds stay, and a
 * part HQ dropped stays as discontinued (the ledger still names it).
 */
export function mergeCatalog(
  current: readonly CatalogPartRow[],
  next: PartsCatalog,
): CatalogPartRow[] {
  const old = new Map(current.map((r) => [r.partNumber, r]));
  const rows: CatalogPartRow[] = next.parts.map((p) => {
    const before = old.get(p.partNumber);
    old.delete(p.partNumber);
    return before?.thresholdSetAtCenter === true
      ? {
          ...p,
          lowStockThreshold: before.lowStockThreshold,
          thresholdSetAtCenter: true,
          discontinued: false,
        }
      : { ...p, thresholdSetAtCenter: false, discontinued: false };
  });
  for (const r of old.values()) rows.push({ ...r, discontinued: true });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// A part as an admin types it at the center

export interface CatalogPartForm {
  readonly partNumber: string;
  readonly brand: string;
  readonly name: string;
  /** One model per entry. */
  readonly models: readonly string[];
  /** In minor units (`parseMoney` on what was typed). */
  readonly unitPrice: number;
  readonly currency: string;
  readonly returnToHq: boolean;
  readonly serialized: boolean;
  readonly lowStockThreshold: number;
}

/** Checks a part typed at the center; each error names its field and what to do. */
export function validateCatalogPartForm(form: CatalogPartForm): Result<CatalogPart, FieldError[]> {
  const errors: FieldError[] = [];
  const partNumber = parsePartNumber(form.partNumber);
  if (partNumber === null) {
    errors.push(
      fieldError('partNumber', `Enter the part number from HQ’s list: ${PART_NUMBER_RULE}.`),
    );
  }
  const brand = BRANDS.find((b) => b === form.brand);
  if (brand === undefined) errors.push(fieldError('brand', 'Choose the brand the part is for.'));
  if (form.name.trim() === '') errors.push(fieldError('name', 'Enter the part’s name.'));
  else if (form.name.length > MAX_PART_NAME) {
    errors.push(fieldError('name', `Shorten the name to ${MAX_PART_NAME} characters or fewer.`));
  }
  const models = form.models.map((m) => m.trim()).filter((m) => m !== '');
  if (models.length === 0) {
    errors.push(fieldError('models', 'List at least one watch model the part fits.'));
  } else if (models.length > MAX_MODELS_PER_PART || models.some((m) => m.length > 100)) {
    errors.push(
      fieldError('models', `List at most ${MAX_MODELS_PER_PART} models of 100 characters each.`),
    );
  }
  if (!isCents(form.unitPrice) || form.unitPrice < 0) {
    errors.push(fieldError('unitPrice', 'Enter the price as a positive amount, such as 1450.00.'));
  }
  const currency = form.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) {
    errors.push(
      fieldError('currency', 'Choose the price’s currency (three letters, such as INR).'),
    );
  }
  if (
    !Number.isSafeInteger(form.lowStockThreshold) ||
    form.lowStockThreshold < 0 ||
    form.lowStockThreshold > MAX_LOW_STOCK_THRESHOLD
  ) {
    errors.push(
      fieldError('lowStockThreshold', 'Enter the low-stock level as a whole number, 0 or more.'),
    );
  }
  if (
    errors.length > 0 ||
    partNumber === null ||
    brand === undefined ||
    !isCents(form.unitPrice) ||
    !isCurrencyCode(currency)
  ) {
    return err(errors);
  }
  return ok({
    partNumber,
    brand,
    name: form.name.trim(),
    models: [...new Set(models)],
    unitPrice: { amount: form.unitPrice, currency },
    returnToHq: form.returnToHq,
    serialized: form.serialized,
    lowStockThreshold: form.lowStockThreshold,
  });
}
