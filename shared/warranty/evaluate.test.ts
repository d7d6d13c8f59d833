import { describe, expect, it } from 'vitest';
import { parsePlainDate, type PlainDate } from '../dates/plainDate';
import { strictAssert } from '../lib/assert';
import { loadPolicy } from './compile';
import { evaluate } from './evaluate';
import { testPolicyDocument } from './testPolicy';
import type { WarrantyFacts } from './types';
import type { CountryCode } from './countries';

const policy = loadPolicy(testPolicyDocument(), 'test.json');

const day = (s: string): PlainDate => {
  const d = parsePlainDate(s);
  strictAssert(d !== null, `test date ${s}`);
  return d;
};

const facts = (over: Partial<WarrantyFacts> = {}): WarrantyFacts => ({
  component: 'body',
  invoiceDate: day('2025-03-10'),
  activationDate: day('2025-03-12'),
  proofOfPurchase: true,
  warrantyCard: true,
  purchaseChannel: 'authorized_dealer',
  purchaseCountry: 'IN' as CountryCode,
  serviceCountry: 'IN' as CountryCode,
  warrantySticker: 'intact',
  findings: [],
  ...over,
});

const codes = (f: WarrantyFacts, visit = '2025-09-01') =>
  evaluate(policy, f, day(visit)).reasons.map((r) => r.code);

describe('evaluate: the period', () => {
  it('starts on the earlier date and says which', () => {
    const d = evaluate(policy, facts(), day('2025-09-01'));
    expect(d.warrantyStart).toBe('2025-03-10');
    expect(d.warrantyStartSource).toBe('invoice_date');
    const later = evaluate(policy, facts({ activationDate: day('2025-03-01') }), day('2025-09-01'));
    expect(later.warrantyStart).toBe('2025-03-01');
    expect(later.warrantyStartSource).toBe('activation_date');
  });

  it('covers the last covered day itself, and not the day after', () => {
    const onLast = evaluate(policy, facts(), day('2026-03-10'));
    expect(onLast).toMatchObject({
      covered: true,
      charge: 'free',
      lastCoveredDay: '2026-03-10',
      daysLeft: 0,
    });
    const after = evaluate(policy, facts(), day('2026-03-11'));
    expect(after).toMatchObject({
      covered: false,
      charge: 'paid',
      lastCoveredDay: '2026-03-10',
      daysLeft: 0,
    });
    expect(after.reasons.find((r) => r.effect === 'excludes')).toMatchObject({
      code: 'period_expired',
      clauseId: 't.end',
      clauseText: 'Text of t.end.',
    });
  });

  it('counts days left from the visit', () => {
    expect(evaluate(policy, facts(), day('2026-03-01')).daysLeft).toBe(9);
  });

  it('uses the component period: days for the battery, none for accessories', () => {
    const battery = evaluate(policy, facts({ component: 'battery' }), day('2025-06-08'));
    expect(battery).toMatchObject({ covered: true, lastCoveredDay: '2025-06-08' });
    const accessory = evaluate(policy, facts({ component: 'accessory' }), day('2025-04-01'));
    expect(accessory).toMatchObject({ covered: false, lastCoveredDay: null, daysLeft: null });
    expect(accessory.reasons.map((r) => r.code)).toContain('component_not_covered');
  });

  it('cannot start without a date, and says so', () => {
    const d = evaluate(
      policy,
      facts({ invoiceDate: undefined, activationDate: undefined }),
      day('2025-06-01'),
    );
    expect(d).toMatchObject({
      covered: false,
      warrantyStart: null,
      warrantyStartSource: null,
      lastCoveredDay: null,
    });
    expect(d.reasons.map((r) => r.code)).toContain('no_start_date');
  });
});

describe('evaluate: evidence, sticker, country, channel', () => {
  it('lists each missing document and is provisional', () => {
    const d = evaluate(policy, facts({ warrantyCard: false }), day('2025-09-01'));
    expect(d).toMatchObject({
      covered: false,
      provisional: true,
      missingEvidence: ['warranty_card'],
    });
    const reason = d.reasons.find((r) => r.code === 'missing_document');
    expect(reason).toMatchObject({ document: 'warranty_card', clauseId: 't.docs' });
  });

  it('in "any" mode, one document is enough', () => {
    const doc = testPolicyDocument();
    strictAssert(doc.documents !== null, 'fixture has documents');
    const anyPolicy = loadPolicy(
      { ...doc, documents: { ...doc.documents, mode: 'any' } },
      'any.json',
    );
    expect(evaluate(anyPolicy, facts({ warrantyCard: false }), day('2025-09-01')).covered).toBe(
      true,
    );
    const none = evaluate(
      anyPolicy,
      facts({ warrantyCard: false, proofOfPurchase: false }),
      day('2025-09-01'),
    );
    expect(none.missingEvidence).toEqual(['proof_of_purchase', 'warranty_card']);
  });

  it.each(['missing', 'altered'] as const)('excludes a %s sticker', (state) => {
    expect(codes(facts({ warrantySticker: state }))).toContain('sticker_not_intact');
  });

  it('excludes a watch bought in another country', () => {
    const d = evaluate(policy, facts({ purchaseCountry: 'DE' as CountryCode }), day('2025-09-01'));
    expect(d.covered).toBe(false);
    expect(d.reasons.map((r) => r.code)).toContain('purchased_abroad');
  });

  it('excludes a channel the policy does not cover', () => {
    expect(codes(facts({ purchaseChannel: 'other_platform' }))).toContain('channel_not_covered');
  });
});

describe('evaluate: findings', () => {
  it('an excluded finding makes it paid, with the clause', () => {
    const d = evaluate(policy, facts({ findings: ['liquid_damage'] }), day('2025-09-01'));
    expect(d).toMatchObject({ covered: false, charge: 'paid' });
    expect(d.reasons).toContainEqual(
      expect.objectContaining({
        code: 'excluded_finding',
        finding: 'liquid_damage',
        clauseId: 't.liquid',
      }),
    );
    expect(d.remedies.map((r) => r.remedy)).toEqual(['paid_repair']);
  });

  it('an advisory explains without changing the outcome', () => {
    const d = evaluate(
      policy,
      facts({ findings: ['rooted_firmware_restorable'] }),
      day('2025-09-01'),
    );
    expect(d.covered).toBe(true);
    expect(d.reasons).toContainEqual(
      expect.objectContaining({
        code: 'advisory',
        effect: 'note',
        advisory: 'approval_before_flashing',
      }),
    );
  });

  it('a finding the policy does not name changes nothing', () => {
    const d = evaluate(policy, facts({ findings: ['computer_virus'] }), day('2025-09-01'));
    expect(d.covered).toBe(true);
  });
});

describe('evaluate: remedies', () => {
  it('offers the early replacement only inside its window and channel', () => {
    const early = evaluate(policy, facts({ purchaseChannel: 'official_store' }), day('2025-04-01'));
    expect(early.remedies.map((r) => r.clauseId)).toEqual(['t.early-replace', 't.repair']);
    const late = evaluate(policy, facts({ purchaseChannel: 'official_store' }), day('2025-05-01'));
    expect(late.remedies.map((r) => r.clauseId)).toEqual(['t.repair', 't.replace']);
  });

  it('stops offering a free replacement once the per-order limit is used', () => {
    const d = evaluate(policy, facts({ freeReplacementsGiven: 1 }), day('2025-09-01'));
    expect(d.remedies.map((r) => r.remedy)).toEqual(['free_repair']);
  });
});

describe('evaluate: provisional', () => {
  it('is provisional when the activation date it starts from is unconfirmed', () => {
    const f = facts({ activationDate: day('2025-03-01'), unverified: ['activation_date'] });
    const d = evaluate(policy, f, day('2025-09-01'));
    expect(d).toMatchObject({ covered: true, provisional: true });
    expect(d.reasons).toContainEqual(
      expect.objectContaining({ code: 'unverified_fact', fact: 'activation_date' }),
    );
  });

  it('on a tie, rests on the confirmed date', () => {
    const tie = facts({ invoiceDate: day('2025-03-10'), activationDate: day('2025-03-10') });
    const byInvoice = evaluate(
      policy,
      { ...tie, unverified: ['activation_date'] },
      day('2025-09-01'),
    );
    expect(byInvoice).toMatchObject({ warrantyStartSource: 'invoice_date', provisional: false });
    const byActivation = evaluate(policy, { ...tie, proofOfPurchase: false }, day('2025-09-01'));
    expect(byActivation).toMatchObject({ warrantyStartSource: 'activation_date' });
    expect(byActivation.reasons.map((r) => r.code)).not.toContain('unverified_fact');
  });

  it('is not provisional when the unconfirmed date was not used', () => {
    const d = evaluate(policy, facts({ unverified: ['activation_date'] }), day('2025-09-01'));
    expect(d.provisional).toBe(false);
  });

  it('is deterministic: same inputs, same decision', () => {
    const f = facts({ findings: ['rooted_firmware_restorable'] });
    expect(evaluate(policy, f, day('2025-09-01'))).toEqual(evaluate(policy, f, day('2025-09-01')));
  });

  it('records the policy and version it was made with', () => {
    expect(evaluate(policy, facts(), day('2025-09-01'))).toMatchObject({
      policyId: 'testbrand',
      policyVersion: 3,
    });
  });
});
