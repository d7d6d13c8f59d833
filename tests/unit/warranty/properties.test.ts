import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumberOf, type PlainDate } from '../../../shared/dates/plainDate';
import {
  COMPONENTS,
  evaluate,
  FINDING_CODES,
  POLICY_IDS,
  PURCHASE_CHANNELS,
  STICKER_STATES,
  type FindingCode,
  type WarrantyCase,
} from '../../../shared/warranty';
import { warrantyCase } from './helpers';

const BASE = '2022-01-01' as PlainDate;
const dateIn = (maxOffset: number) =>
  fc.integer({ min: 0, max: maxOffset }).map((n) => addDays(BASE, n));

/** Any valid case: dates never after the visit, any evidence, any findings, any policy. */
const caseArb = (policies: readonly string[] = POLICY_IDS): fc.Arbitrary<WarrantyCase> =>
  fc
    .record({
      policy: fc.constantFrom(...policies),
      visit: dateIn(1500),
      invoiceBack: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
      activationBack: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
      component: fc.constantFrom(...COMPONENTS),
      proofOfPurchase: fc.boolean(),
      warrantyCard: fc.boolean(),
      purchaseChannel: fc.constantFrom(...PURCHASE_CHANNELS),
      purchaseCountry: fc.constantFrom('IN', 'DE', 'US'),
      serviceCountry: fc.constantFrom('IN', 'DE', 'US'),
      warrantySticker: fc.constantFrom(...STICKER_STATES),
      findings: fc.uniqueArray(fc.constantFrom(...FINDING_CODES), { maxLength: 3 }),
    })
    .map((r) =>
      warrantyCase({
        policy: r.policy,
        visitDate: r.visit,
        invoiceDate: r.invoiceBack === undefined ? undefined : addDays(r.visit, -r.invoiceBack),
        activationDate:
          r.activationBack === undefined ? undefined : addDays(r.visit, -r.activationBack),
        component: r.component,
        proofOfPurchase: r.proofOfPurchase,
        warrantyCard: r.warrantyCard,
        purchaseChannel: r.purchaseChannel,
        purchaseCountry: r.purchaseCountry,
        serviceCountry: r.serviceCountry,
        warrantySticker: r.warrantySticker,
        findings: r.findings,
      }),
    );

const decide = (c: WarrantyCase, visitDate: PlainDate = c.visitDate) =>
  evaluate(c.policy, c.facts, visitDate);

describe('warranty invariants (fast-check, all four policies)', () => {
  it('a later visit date never turns "not covered" into "covered"', () => {
    fc.assert(
      fc.property(caseArb(), fc.integer({ min: 1, max: 1000 }), (c, later) => {
        if (!decide(c).covered) expect(decide(c, addDays(c.visitDate, later)).covered).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('adding a finding never turns "not covered" into "covered"', () => {
    fc.assert(
      fc.property(caseArb(), fc.constantFrom(...FINDING_CODES), (c, finding: FindingCode) => {
        if (decide(c).covered) return;
        const more = { ...c.facts, findings: [...c.facts.findings, finding] };
        expect(evaluate(c.policy, more, c.visitDate).covered).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('for XINJI the start is never later than either date', () => {
    fc.assert(
      fc.property(caseArb(['xinji']), (c) => {
        const d = decide(c);
        const { invoiceDate, activationDate } = c.facts;
        if (invoiceDate === undefined && activationDate === undefined) {
          expect(d.warrantyStart).toBeNull();
          return;
        }
        expect(d.warrantyStart).not.toBeNull();
        const start = dayNumberOf(d.warrantyStart ?? '');
        if (invoiceDate !== undefined) expect(start).toBeLessThanOrEqual(dayNumberOf(invoiceDate));
        if (activationDate !== undefined)
          expect(start).toBeLessThanOrEqual(dayNumberOf(activationDate));
      }),
      { numRuns: 3000 },
    );
  });

  it('covered, free, and "no reason excludes" are the same thing; every reason cites a quoted clause', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const d = decide(c);
        const excluded = d.reasons.some((r) => r.effect === 'excludes');
        expect(d.covered).toBe(!excluded);
        expect(d.charge).toBe(d.covered ? 'free' : 'paid');
        if (d.covered) expect(d.reasons.some((r) => r.effect === 'covers')).toBe(true);
        for (const r of d.reasons) {
          expect(r.clauseId).toMatch(new RegExp(`^${c.policy.id}\\.`));
          expect(r.clauseText.length).toBeGreaterThan(10);
        }
        // What the customer can have always matches the outcome.
        for (const r of d.remedies) expect(r.remedy.startsWith('free_')).toBe(d.covered);
      }),
      { numRuns: 3000 },
    );
  });

  it('the period never ends before it starts, and days left never exceed its length', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const d = decide(c);
        if (d.warrantyStart === null || d.lastCoveredDay === null || d.daysLeft === null) return;
        const length = dayNumberOf(d.lastCoveredDay) - dayNumberOf(d.warrantyStart);
        expect(length).toBeGreaterThan(0);
        expect(d.daysLeft).toBeGreaterThanOrEqual(0);
        expect(d.daysLeft).toBeLessThanOrEqual(length);
      }),
      { numRuns: 3000 },
    );
  });

  it('missing evidence always makes the decision provisional', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const d = decide(c);
        if (d.missingEvidence.length > 0) expect(d.provisional).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
