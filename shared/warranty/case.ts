import { dayNumberOf, isPlainDate, type PlainDate } from '../dates/plainDate';
import { err, ok, type Result } from '../lib/result';
import type { CompiledPolicy } from './compile';
import { isCountryCode } from './countries';
import type { WarrantyFacts } from './types';
import {
  COMPONENTS,
  FINDING_CODES,
  PURCHASE_CHANNELS,
  STICKER_STATES,
  includes,
  type FindingCode,
} from './vocabulary';

/**
 * A warranty case in the CLI's format (issue 2): the policy id, the visit date and the facts.
 * Validation is hand-written, not schema-generated, so each message names the field, the bad
 * value and what is expected, and so 100,000 cases validate in milliseconds.
 */
export interface WarrantyCase {
  readonly policy: CompiledPolicy;
  readonly visitDate: PlainDate;
  readonly facts: WarrantyFacts;
}

export interface CaseError {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

const CASE_FIELDS = new Set([
  'policy',
  'visitDate',
  'component',
  'invoiceDate',
  'activationDate',
  'proofOfPurchase',
  'warrantyCard',
  'purchaseChannel',
  'purchaseCountry',
  'serviceCountry',
  'warrantySticker',
  'findings',
]);

const show = (v: unknown): string => {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

const oneOf = (list: readonly string[]): string => list.map((x) => `"${x}"`).join(', ');

const fail = (field: string, value: unknown, expected: string): Result<never, CaseError> =>
  err({ field, value, message: `${field} is ${show(value)}: expected ${expected}` });

export function validateWarrantyCase(
  input: unknown,
  policies: ReadonlyMap<string, CompiledPolicy>,
): Result<WarrantyCase, CaseError> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return err({
      field: '(case)',
      value: input,
      message: `a case must be a JSON object, got ${show(input)}`,
    });
  }
  const c = input as Record<string, unknown>;
  for (const key in c) {
    if (!CASE_FIELDS.has(key)) {
      return err({
        field: key,
        value: c[key],
        message: `unknown field "${key}": check the spelling (fields: ${[...CASE_FIELDS].join(', ')})`,
      });
    }
  }

  const policy = typeof c.policy === 'string' ? policies.get(c.policy) : undefined;
  if (policy === undefined)
    return fail('policy', c.policy, `one of ${oneOf([...policies.keys()])}`);

  const date = (field: 'visitDate' | 'invoiceDate' | 'activationDate', optional: boolean) => {
    const v = c[field];
    if (optional && (v === undefined || v === null)) return ok(undefined);
    return isPlainDate(v) ? ok(v) : fail(field, v, 'a calendar date written YYYY-MM-DD');
  };
  const visit = date('visitDate', false);
  if (!visit.ok) return visit;
  const visitDate = visit.value;
  if (visitDate === undefined)
    return fail('visitDate', c.visitDate, 'a calendar date written YYYY-MM-DD');

  if (!includes(COMPONENTS, c.component))
    return fail('component', c.component, `one of ${oneOf(COMPONENTS)}`);

  const invoice = date('invoiceDate', true);
  if (!invoice.ok) return invoice;
  const activation = date('activationDate', true);
  if (!activation.ok) return activation;
  const visitDay = dayNumberOf(visitDate);
  if (invoice.value !== undefined && dayNumberOf(invoice.value) > visitDay) {
    return fail(
      'invoiceDate',
      invoice.value,
      `a date on or before the visit (${visitDate}); a purchase cannot be later than the visit`,
    );
  }
  if (activation.value !== undefined && dayNumberOf(activation.value) > visitDay) {
    return fail(
      'activationDate',
      activation.value,
      `a date on or before the visit (${visitDate}); read it again from the watch`,
    );
  }

  for (const field of ['proofOfPurchase', 'warrantyCard'] as const) {
    if (typeof c[field] !== 'boolean') return fail(field, c[field], 'true or false');
  }
  if (!includes(PURCHASE_CHANNELS, c.purchaseChannel)) {
    return fail('purchaseChannel', c.purchaseChannel, `one of ${oneOf(PURCHASE_CHANNELS)}`);
  }
  for (const field of ['purchaseCountry', 'serviceCountry'] as const) {
    if (!isCountryCode(c[field]))
      return fail(field, c[field], 'an ISO 3166 alpha-2 country code such as "IN" or "DE"');
  }
  if (!includes(STICKER_STATES, c.warrantySticker)) {
    return fail('warrantySticker', c.warrantySticker, `one of ${oneOf(STICKER_STATES)}`);
  }
  if (!Array.isArray(c.findings))
    return fail('findings', c.findings, 'a list of finding codes ([] when none)');
  const findings: FindingCode[] = [];
  for (const [i, f] of (c.findings as unknown[]).entries()) {
    if (!includes(FINDING_CODES, f))
      return fail(`findings[${i}]`, f, `a finding code: ${oneOf(FINDING_CODES)}`);
    if (!findings.includes(f)) findings.push(f);
  }

  return ok({
    policy,
    visitDate,
    facts: {
      component: c.component,
      invoiceDate: invoice.value,
      activationDate: activation.value,
      proofOfPurchase: c.proofOfPurchase as boolean,
      warrantyCard: c.warrantyCard as boolean,
      purchaseChannel: c.purchaseChannel,
      purchaseCountry: c.purchaseCountry as WarrantyFacts['purchaseCountry'],
      serviceCountry: c.serviceCountry as WarrantyFacts['serviceCountry'],
      warrantySticker: c.warrantySticker,
      findings,
    },
  });
}
