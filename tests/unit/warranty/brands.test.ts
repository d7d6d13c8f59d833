/**
 * Table tests written from the brands' own texts (policies/sources/). Each row says what the
 * text says and which clause the decision must rest on.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/warranty';
import { warrantyCase } from './helpers';

interface Row {
  readonly says: string;
  readonly facts: Record<string, unknown>;
  readonly expect: Record<string, unknown>;
  /** Clause ids that must appear among the reasons (deciding or noting). */
  readonly clauses?: readonly string[];
  readonly remedies?: readonly string[];
}

const run = (rows: readonly Row[]) => {
  it.each(rows.map((r) => [r.says, r] as const))('%s', (_says, row) => {
    const c = warrantyCase(row.facts);
    const d = evaluate(c.policy, c.facts, c.visitDate);
    expect(d).toMatchObject(row.expect);
    const ids = d.reasons.map((r) => r.clauseId);
    for (const id of row.clauses ?? []) expect(ids, `reasons should cite ${id}`).toContain(id);
    if (row.remedies) expect(d.remedies.map((r) => r.remedy)).toEqual(row.remedies);
  });
};

describe('XINJI After-sales Service Standard', () => {
  run([
    {
      says: '12 months from the activation date or invoice date, whichever is earlier (activation earlier)',
      facts: { invoiceDate: '2025-07-03', activationDate: '2025-07-01' },
      expect: {
        covered: true,
        charge: 'free',
        warrantyStart: '2025-07-01',
        warrantyStartSource: 'activation_date',
        lastCoveredDay: '2026-07-01',
      },
      clauses: ['xinji.start', 'xinji.duration'],
      remedies: ['free_repair', 'free_replacement'],
    },
    {
      says: 'whichever is earlier (invoice earlier)',
      facts: { invoiceDate: '2025-06-20', activationDate: '2025-07-01' },
      expect: {
        warrantyStart: '2025-06-20',
        warrantyStartSource: 'invoice_date',
        lastCoveredDay: '2026-06-20',
      },
    },
    {
      says: 'the last covered day is covered',
      facts: { visitDate: '2026-07-01' },
      expect: { covered: true, daysLeft: 0 },
    },
    {
      says: 'the device has exceeded the standard warranty duration: paid repair is available',
      facts: { visitDate: '2026-07-02' },
      expect: { covered: false, charge: 'paid' },
      clauses: ['xinji.excl.expired'],
      remedies: ['paid_repair'],
    },
    {
      says: 'a leap-day activation ends on 28 February',
      facts: { activationDate: '2024-02-29', invoiceDate: '2024-03-02', visitDate: '2025-02-28' },
      expect: { covered: true, lastCoveredDay: '2025-02-28' },
    },
    {
      says: 'only the activation date known: the period runs from it',
      facts: { invoiceDate: undefined, proofOfPurchase: false },
      expect: { covered: true, warrantyStartSource: 'activation_date', provisional: false },
      remedies: ['free_repair'],
    },
    {
      says: 'a replacement needs the invoice',
      facts: { proofOfPurchase: false },
      expect: { covered: true },
      remedies: ['free_repair'],
    },
    {
      says: 'no warranty card and no valid proof of purchase: not covered, until they are shown',
      facts: { proofOfPurchase: false, warrantyCard: false },
      expect: {
        covered: false,
        provisional: true,
        missingEvidence: ['proof_of_purchase', 'warranty_card'],
      },
      clauses: ['xinji.excl.documents'],
    },
    {
      says: 'warranty sticker missing',
      facts: { warrantySticker: 'missing' },
      expect: { covered: false, charge: 'paid', provisional: false },
      clauses: ['xinji.excl.sticker'],
    },
    {
      says: 'warranty sticker altered',
      facts: { warrantySticker: 'altered' },
      expect: { covered: false },
      clauses: ['xinji.excl.sticker'],
    },
    {
      says: 'water damage is improper use',
      facts: { findings: ['liquid_damage'] },
      expect: { covered: false, charge: 'paid' },
      clauses: ['xinji.excl.improper-use'],
      remedies: ['paid_repair'],
    },
    {
      says: 'falling or squeezing is improper use',
      facts: { findings: ['physical_damage'] },
      expect: { covered: false },
      clauses: ['xinji.excl.improper-use'],
    },
    {
      says: 'natural wear and tear (cable, connector)',
      facts: { findings: ['wear_and_tear'], component: 'accessory' },
      expect: { covered: false },
      clauses: ['xinji.excl.wear-accessories-conditions'],
    },
    {
      says: 'use of non-XINJI accessories',
      facts: { findings: ['non_genuine_accessory'] },
      expect: { covered: false },
      clauses: ['xinji.excl.wear-accessories-conditions'],
    },
    {
      says: 'an act of God such as floods, fire or earthquakes',
      facts: { findings: ['act_of_god'] },
      expect: { covered: false },
      clauses: ['xinji.excl.wear-accessories-conditions'],
    },
    {
      says: 'repair in a non-XINJI designated maintenance organization',
      facts: { findings: ['unauthorized_repair'] },
      expect: { covered: false },
      clauses: ['xinji.excl.unauthorized-repair'],
    },
    {
      says: 'rooted and not restorable by a software update',
      facts: { findings: ['rooted_firmware'] },
      expect: { covered: false },
      clauses: ['xinji.rooted'],
    },
    {
      says: 'rooted but restored by an official update: still covered, with the customer’s approval before flashing',
      facts: { findings: ['rooted_firmware_restorable'] },
      expect: { covered: true, charge: 'free' },
      clauses: ['xinji.rooted'],
    },
    {
      says: 'purchased overseas: chargeable repair only',
      facts: { purchaseCountry: 'AE' },
      expect: { covered: false, charge: 'paid' },
      clauses: ['xinji.excl.overseas'],
    },
    {
      says: 'a finding XINJI’s text does not name changes nothing (computer virus)',
      facts: { findings: ['computer_virus'] },
      expect: { covered: true },
    },
    {
      says: 'the battery and accessories share the 12 months',
      facts: { component: 'battery', visitDate: '2026-06-30' },
      expect: { covered: true, lastCoveredDay: '2026-07-01', daysLeft: 1 },
    },
  ]);
});

describe('KOSPET Warranty Policy and Terms', () => {
  const k = {
    policy: 'kospet',
    invoiceDate: '2024-09-09',
    activationDate: undefined,
    visitDate: '2025-05-20',
    purchaseCountry: 'US',
    serviceCountry: 'US',
  };
  run([
    {
      says: 'a two-year warranty from the date of purchase',
      facts: k,
      expect: {
        covered: true,
        charge: 'free',
        warrantyStart: '2024-09-09',
        lastCoveredDay: '2026-09-09',
      },
      clauses: ['kospet.duration'],
      remedies: ['free_repair', 'free_replacement'],
    },
    {
      says: 'smartwatches (excluding accessories)',
      facts: { ...k, component: 'accessory' },
      expect: { covered: false, lastCoveredDay: null },
      clauses: ['kospet.coverage'],
    },
    {
      says: '(i) normal wear and tear: paid repair or worry-free replacement',
      facts: { ...k, findings: ['wear_and_tear'] },
      expect: { covered: false, charge: 'paid' },
      clauses: ['kospet.excl.wear'],
      remedies: ['paid_repair', 'worry_free_replacement'],
    },
    {
      says: 'out-of-warranty products',
      facts: { ...k, visitDate: '2026-09-10' },
      expect: { covered: false },
      clauses: ['kospet.excl.expired'],
    },
    {
      says: 'broke, water damaged, moisture products',
      facts: { ...k, findings: ['liquid_damage'] },
      expect: { covered: false },
      clauses: ['kospet.excl.broken-wet'],
    },
    {
      says: '(v) absence, damage or blurriness of the SN code',
      facts: { ...k, findings: ['serial_label_damaged'] },
      expect: { covered: false },
      clauses: ['kospet.excl.label'],
    },
    {
      says: '(viii) use for medical, healthcare or treatment purposes',
      facts: { ...k, findings: ['medical_use'] },
      expect: { covered: false },
      clauses: ['kospet.excl.medical'],
    },
    {
      says: 'flash the firmware or root the device — even when an update restores it',
      facts: { ...k, findings: ['rooted_firmware_restorable'] },
      expect: { covered: false },
      clauses: ['kospet.excl.firmware'],
    },
    {
      says: 'continue to use the item once a fault occurs',
      facts: { ...k, findings: ['continued_use_after_fault'] },
      expect: { covered: false },
      clauses: ['kospet.excl.continued-use'],
    },
    {
      says: 'product without clear anti-counterfeit mark',
      facts: { ...k, warrantySticker: 'missing' },
      expect: { covered: false },
      clauses: ['kospet.excl.anti-counterfeit'],
    },
    {
      says: '30-day free replacement for quality issues, official store only',
      facts: { ...k, purchaseChannel: 'official_store', visitDate: '2024-09-30' },
      expect: { covered: true },
      remedies: ['free_replacement', 'free_repair'],
    },
    {
      says: 'other sales platforms: repair only',
      facts: { ...k, purchaseChannel: 'other_platform' },
      expect: { covered: true },
      remedies: ['free_repair'],
    },
    {
      says: '1 free replacement at most for each order',
      facts: { ...k },
      expect: { covered: true },
      remedies: ['free_repair', 'free_replacement'],
    },
    {
      says: 'no order details: not covered until they are shown',
      facts: { ...k, proofOfPurchase: false },
      expect: { covered: false, provisional: true, missingEvidence: ['proof_of_purchase'] },
      clauses: ['kospet.order-details'],
    },
    {
      says: 'global users: bought abroad is still covered',
      facts: { ...k, purchaseCountry: 'CN' },
      expect: { covered: true },
    },
  ]);

  it('gives no second free replacement on the same order', () => {
    const c = warrantyCase({ ...k });
    const d = evaluate(c.policy, { ...c.facts, freeReplacementsGiven: 1 }, c.visitDate);
    expect(d.remedies.map((r) => r.remedy)).toEqual(['free_repair']);
  });
});

describe('COROS Limited Warranty', () => {
  const c = {
    policy: 'coros',
    invoiceDate: '2024-12-01',
    activationDate: undefined,
    visitDate: '2025-03-01',
    purchaseCountry: 'DE',
    serviceCountry: 'DE',
    warrantyCard: false,
  };
  run([
    {
      says: 'accessories: 90 days, the 90th day covered',
      facts: { ...c, component: 'accessory' },
      expect: { covered: true, lastCoveredDay: '2025-03-01', daysLeft: 0 },
      clauses: ['coros.accessories'],
    },
    {
      says: 'accessories: not on day 91',
      facts: { ...c, component: 'accessory', visitDate: '2025-03-02' },
      expect: { covered: false, charge: 'paid', lastCoveredDay: '2025-03-01' },
      remedies: ['paid_repair'],
    },
    {
      says: 'watches: 2 years from the date of purchase',
      facts: { ...c },
      expect: { covered: true, lastCoveredDay: '2026-12-01' },
      clauses: ['coros.duration'],
    },
    {
      says: 'liquid exposure',
      facts: { ...c, findings: ['liquid_damage'] },
      expect: { covered: false },
      clauses: ['coros.excl.liquid'],
    },
    {
      says: 'serial number labels altered',
      facts: { ...c, findings: ['serial_label_damaged'] },
      expect: { covered: false },
      clauses: ['coros.excl.serial'],
    },
    {
      says: 'damage in transit from inadequate packaging',
      facts: { ...c, findings: ['transport_damage'] },
      expect: { covered: false },
      clauses: ['coros.excl.packaging'],
    },
    {
      says: 'no invoice date: there is no date of purchase to run from',
      facts: { ...c, invoiceDate: undefined },
      expect: { covered: false, warrantyStart: null },
    },
    {
      says: 'an invoice date told but not shown: decided, and provisional',
      facts: { ...c, proofOfPurchase: false },
      expect: { covered: true, provisional: true },
    },
  ]);
});

describe('Bluetens Manufacturer’s Warranty', () => {
  const b = {
    policy: 'bluetens',
    invoiceDate: '2025-01-15',
    activationDate: undefined,
    visitDate: '2025-06-01',
    purchaseCountry: 'FR',
    serviceCountry: 'FR',
    warrantyCard: false,
  };
  run([
    {
      says: 'the battery has a 6 month warranty',
      facts: { ...b, component: 'battery' },
      expect: { covered: true, lastCoveredDay: '2025-07-15' },
      clauses: ['bluetens.battery'],
    },
    {
      says: 'battery after 6 months',
      facts: { ...b, component: 'battery', visitDate: '2025-07-16' },
      expect: { covered: false },
    },
    {
      says: '24 months from the confirmation of the sale',
      facts: { ...b, visitDate: '2027-01-15' },
      expect: { covered: true, lastCoveredDay: '2027-01-15' },
      clauses: ['bluetens.duration'],
    },
    {
      says: 'on presentation of the invoice',
      facts: { ...b, proofOfPurchase: false },
      expect: { covered: false, provisional: true, missingEvidence: ['proof_of_purchase'] },
    },
    {
      says: 'power supply failures',
      facts: { ...b, findings: ['power_supply_fault'] },
      expect: { covered: false },
      clauses: ['bluetens.excl.power'],
    },
    {
      says: 'a computer virus',
      facts: { ...b, findings: ['computer_virus'] },
      expect: { covered: false },
      clauses: ['bluetens.excl.virus'],
    },
    {
      says: 'natural wear and tear of the parts',
      facts: { ...b, findings: ['wear_and_tear'] },
      expect: { covered: false },
      clauses: ['bluetens.excl.wear'],
    },
    {
      says: 'parts or accessories not sold or recommended by Bluetens',
      facts: { ...b, findings: ['non_genuine_accessory'] },
      expect: { covered: false },
      clauses: ['bluetens.excl.parts'],
    },
  ]);
});
