import type { PolicyDocument } from './policySchema';

/**
 * A small synthetic policy for the engine's own tests: every rule kind, with clause texts that
 * name themselves. The bundled brand policies are tested against their texts in tests/unit/warranty.
 */
export function testPolicyDocument(): PolicyDocument {
  const clause = (id: string) => ({ id, source: 'test', text: `Text of ${id}.` });
  return {
    id: 'testbrand',
    brand: 'TestBrand',
    version: 3,
    title: 'Test policy',
    sources: { test: 'test.txt' },
    clauses: [
      clause('t.body'),
      clause('t.battery'),
      clause('t.accessory'),
      clause('t.start'),
      clause('t.end'),
      clause('t.docs'),
      clause('t.sticker'),
      clause('t.country'),
      clause('t.channels'),
      clause('t.liquid'),
      clause('t.rooted'),
      clause('t.repair'),
      clause('t.replace'),
      clause('t.early-replace'),
      clause('t.paid'),
    ],
    coverage: {
      body: { covered: true, period: { months: 12 }, clause: 't.body' },
      battery: { covered: true, period: { days: 90 }, clause: 't.battery' },
      accessory: { covered: false, clause: 't.accessory' },
    },
    periodStart: { rule: 'earliest', from: ['activation_date', 'invoice_date'], clause: 't.start' },
    periodEnd: { clause: 't.end' },
    documents: { mode: 'all', items: ['proof_of_purchase', 'warranty_card'], clause: 't.docs' },
    sticker: { notCovered: ['missing', 'altered'], clause: 't.sticker' },
    purchaseCountry: { rule: 'same_as_service', clause: 't.country' },
    channels: { covered: ['official_store', 'authorized_dealer'], clause: 't.channels' },
    exclusions: [{ findings: ['liquid_damage', 'physical_damage'], clause: 't.liquid' }],
    advisories: [
      {
        findings: ['rooted_firmware_restorable'],
        advisory: 'approval_before_flashing',
        clause: 't.rooted',
      },
    ],
    remedies: {
      covered: [
        {
          remedy: 'free_replacement',
          clause: 't.early-replace',
          when: { withinDaysOfStart: 30, channels: ['official_store'] },
        },
        { remedy: 'free_repair', clause: 't.repair' },
        {
          remedy: 'free_replacement',
          clause: 't.replace',
          when: { maxPerOrder: 1, requires: ['proof_of_purchase'] },
        },
      ],
      notCovered: [{ remedy: 'paid_repair', clause: 't.paid' }],
    },
    intakeTerms: [{ summary: 'Bring the invoice.', clause: 't.docs' }],
    repairWarranty: null,
  };
}
