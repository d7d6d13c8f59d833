import { err, ok, type Result } from '../lib/result';
import { BRAND_NAMES, BRANDS, type BrandId } from './brand';
import { fieldError, type FieldError } from './fieldError';

declare const serialBrand: unique symbol;
/** A normalized serial number (upper case, no spaces) that matched its brand's pattern. */
export type SerialNumber = string & { readonly [serialBrand]: true };

/**
 * A brand's serial format as a center's settings hold it: a regular expression over the
 * normalized serial (anchored for you) and the words the counter shows when a serial does not
 * match. Data, so HQ or a center can correct a pattern without a new release.
 */
export interface SerialPatternSetting {
  readonly pattern: string;
  readonly description: string;
}

export type SerialPatternOverrides = Readonly<Partial<Record<BrandId, SerialPatternSetting>>>;

export interface SerialRule {
  readonly brand: BrandId;
  readonly setting: SerialPatternSetting;
  readonly regex: RegExp;
}
export type SerialRules = Readonly<Record<BrandId, SerialRule>>;

/**
 * No brand publishes its serial format, so the default is deliberately loose: what the labels
 * seen so far have in common. A center that knows better overrides it in settings.
 */
export const DEFAULT_SERIAL_PATTERN: SerialPatternSetting = {
  pattern: '[A-Z0-9]{8,20}',
  description: '8 to 20 letters and digits',
};

export const DEFAULT_SERIAL_PATTERNS: Readonly<Record<BrandId, SerialPatternSetting>> = {
  xinji: DEFAULT_SERIAL_PATTERN,
  kospet: DEFAULT_SERIAL_PATTERN,
  coros: DEFAULT_SERIAL_PATTERN,
  bluetens: DEFAULT_SERIAL_PATTERN,
};

/** Longer input is not a serial; the cap also bounds the work a settings regex can do. */
export const MAX_SERIAL_LENGTH = 64;

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]+/gu;

/**
 * The serial as it is stored and searched: compatibility-normalized (full-width letters and
 * digits from an IME become ASCII), without any spaces or invisible characters a scanner or a
 * paste may add, upper case.
 */
export function normalizeSerial(raw: string): string {
  // Each step can undo another's work on odd input ("ΐ" upper-cases to three code points that
  // NFKC recomposes; "A¨" decomposes to a space and a mark that then combine), so repeat to a
  // fixed point: normalizing a normalized serial must change nothing. Real serials take one pass.
  let s = raw;
  for (let i = 0; i < 8; i++) {
    const next = s.replace(INVISIBLE, '').normalize('NFKC').toUpperCase().normalize('NFKC');
    if (next === s) break;
    s = next;
  }
  return s;
}

/** Compiles one pattern setting; the message says what to fix. */
export function compileSerialPattern(
  brand: BrandId,
  setting: SerialPatternSetting,
): Result<SerialRule, string> {
  if (setting.description.trim() === '') {
    return err(
      `Describe the ${BRAND_NAMES[brand]} serial format in words (for example "8 to 20 letters and digits"): the counter shows it when a serial does not match.`,
    );
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${setting.pattern})$`, 'u');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return err(
      `The ${BRAND_NAMES[brand]} serial pattern is not a valid regular expression (${why}).`,
    );
  }
  if (regex.test('')) {
    return err(
      `The ${BRAND_NAMES[brand]} serial pattern accepts an empty serial: require at least one character.`,
    );
  }
  return ok({ brand, setting, regex });
}

/** The rules in force: the defaults with a center's overrides on top. */
export function compileSerialRules(
  overrides: SerialPatternOverrides,
): Result<SerialRules, FieldError[]> {
  const errors: FieldError[] = [];
  const rules: Partial<Record<BrandId, SerialRule>> = {};
  for (const brand of BRANDS) {
    const r = compileSerialPattern(brand, overrides[brand] ?? DEFAULT_SERIAL_PATTERNS[brand]);
    if (r.ok) rules[brand] = r.value;
    else errors.push(fieldError(`serialPatterns.${brand}`, r.error));
  }
  if (errors.length > 0) return err(errors);
  return ok(rules as SerialRules);
}

/** The defaults, which are tested to compile. */
export function defaultSerialRules(): SerialRules {
  const r = compileSerialRules({});
  if (!r.ok) throw new Error('the default serial patterns do not compile');
  return r.value;
}

/**
 * Checks a serial as typed or scanned against its brand's rule, and returns it normalized. The
 * message names what was read, what was expected and where to look.
 */
export function validateSerial(
  raw: string,
  brand: BrandId,
  rules: SerialRules,
): Result<SerialNumber, string> {
  const s = normalizeSerial(raw);
  const name = BRAND_NAMES[brand];
  if (s === '') {
    return err(
      `Enter the serial number: it is on the back of the ${name} watch and on the box label.`,
    );
  }
  if (s.length > MAX_SERIAL_LENGTH) {
    return err(
      `That is ${s.length} characters, too long for a serial number: scan or type only the serial from the label.`,
    );
  }
  const rule = rules[brand];
  if (!rule.regex.test(s)) {
    return err(
      `"${s}" (${s.length} characters) is not a ${name} serial number: expected ${rule.setting.description}. Check the label on the back of the watch or on the box.`,
    );
  }
  return ok(s as SerialNumber);
}

/** For reading back stored or searched serials (no brand rule applies). */
export function asSearchSerial(raw: string): SerialNumber | null {
  const s = normalizeSerial(raw);
  return s === '' || s.length > MAX_SERIAL_LENGTH ? null : (s as SerialNumber);
}
