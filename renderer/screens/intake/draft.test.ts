import { describe, expect, it } from 'vitest';
import { bundledPolicyFiles } from '../../../policies';
import type { PlainDate } from '../../../shared/dates/plainDate';
import { loadPolicy, type CompiledPolicy } from '../../../shared/warranty';
import type { CountryCode } from '../../../shared/warranty/countries';
import { draftDecision, draftToForm, emptyDraft, unverifiedFacts, type IntakeDraft } from './draft';

const policies = new Map<string, CompiledPolicy>(
  bundledPolicyFiles.map(({ file, json }) => {
    const p = loadPolicy(json, file);
    return [p.id, p];
  }),
);
const ctx = {
  today: '2026-02-14' as PlainDate,
  serviceCountry: 'IN' as CountryCode,
  policyFor: (brand: string) => policies.get(brand),
  unverified: [],
};
const draft = (over: Partial<IntakeDraft> = {}): IntakeDraft => ({
  ...emptyDraft({ brand: 'xinji', country: 'IN', technicianId: 't1' }),
  ...over,
});

describe('the live draft decision', () => {
  it('decides on what is filled in so far, and lists the checks still pending', () => {
    const d = draftDecision(
      draft({ invoiceDate: '2025-07-03', activationDate: '2025-07-01', proofOfPurchase: true }),
      ctx,
    );
    expect(d?.decision).toMatchObject({ covered: true, lastCoveredDay: '2026-07-01' });
    expect(d?.pending).toEqual(['sticker', 'channel']);
  });

  it('ignores a date that is not valid yet or lies after today, instead of failing', () => {
    const d = draftDecision(draft({ invoiceDate: '2025-02-3', activationDate: '2027-01-01' }), ctx);
    expect(d?.facts.invoiceDate).toBeUndefined();
    expect(d?.facts.activationDate).toBeUndefined();
    expect(d?.decision.covered).toBe(false);
  });

  it('follows the checklist: liquid damage makes it paid', () => {
    const base = draft({
      invoiceDate: '2025-07-03',
      proofOfPurchase: true,
      warrantySticker: 'intact',
      purchaseChannel: 'official_store',
    });
    expect(draftDecision(base, ctx)?.decision.covered).toBe(true);
    const wet = draftDecision({ ...base, findings: ['liquid_damage'] }, ctx);
    expect(wet?.decision).toMatchObject({ covered: false, charge: 'paid' });
    expect(wet?.pending).toEqual([]);
  });

  it('has no decision without a brand that has a policy', () => {
    expect(draftDecision(draft({ brand: '' }), ctx)).toBeNull();
    expect(draftDecision(draft(), { ...ctx, policyFor: () => undefined })).toBeNull();
  });

  it('treats a typed country of purchase case-insensitively', () => {
    const d = draftDecision(draft({ invoiceDate: '2025-07-03', purchaseCountry: 'ae' }), ctx);
    expect(d?.decision.reasons.map((r) => r.code)).toContain('purchased_abroad');
  });

  it('marks a date read from the watch unconfirmed until the registry confirms it', () => {
    expect(unverifiedFacts(draft({ activationDate: '2025-07-01' }), false)).toEqual([
      'activation_date',
    ]);
    expect(unverifiedFacts(draft({ activationDate: '2025-07-01' }), true)).toEqual([]);
    expect(unverifiedFacts(draft(), false)).toEqual([]);
  });
});

describe('draftToForm', () => {
  it('joins ticked and typed accessories, and keeps names exactly as typed', () => {
    const form = draftToForm(
      draft({
        accessories: ['Strap'],
        otherAccessories: ' spare band , , USB hub',
        customerName: ' Zoë <b> ',
      }),
    );
    expect(form.accessories).toEqual(['Strap', 'spare band', 'USB hub']);
    expect(form.customer).toEqual({ kind: 'new', name: ' Zoë <b> ', phone: '' });
  });

  it('refers to an existing customer by id', () => {
    const form = draftToForm(
      draft({ customer: { kind: 'existing', id: 'c1', name: 'A', phone: '1' } }),
    );
    expect(form.customer).toEqual({ kind: 'existing', id: 'c1' });
  });
});
