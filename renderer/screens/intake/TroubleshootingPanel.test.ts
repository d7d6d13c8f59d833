import { describe, expect, it } from 'vitest';
import type { CenterProfile } from '../../data/db';
import {
  customerSummary,
  summaryDocument,
  toTroubleshootingInput,
  type TroubleshootingDraft,
} from './TroubleshootingPanel';

const draft = (over: Partial<TroubleshootingDraft> = {}): TroubleshootingDraft => ({
  brand: 'kospet',
  kbVersion: 1,
  symptomId: 'pairing',
  steps: [
    { tried: true, result: 'no_change' },
    { tried: true, result: 'helped' },
    { tried: false, result: '' },
    { tried: false, result: '' },
  ],
  advice: 'Unpair it from the old phone first.',
  ...over,
});

const CENTER = {
  name: 'Koramangala <Service> Point',
  address: '80 Feet Road',
  phone: null,
} as unknown as CenterProfile;

describe('toTroubleshootingInput', () => {
  it('sends every step in order, for either outcome', () => {
    expect(toTroubleshootingInput(draft(), 'resolved')).toEqual({
      kb: { brand: 'kospet', version: 1 },
      symptomId: 'pairing',
      steps: [
        { index: 0, tried: true, result: 'no_change' },
        { index: 1, tried: true, result: 'helped' },
        { index: 2, tried: false, result: 'not_tried' },
        { index: 3, tried: false, result: 'not_tried' },
      ],
      outcome: 'resolved',
      advice: 'Unpair it from the old phone first.',
    });
    expect(toTroubleshootingInput(draft({ advice: ' ' }), 'continue')).not.toHaveProperty('advice');
  });

  it('sends nothing for a repair when no step was ticked, or no symptom chosen', () => {
    const untouched = draft({ steps: draft().steps.map(() => ({ tried: false, result: '' })) });
    expect(toTroubleshootingInput(untouched, 'continue')).toBeNull();
    expect(toTroubleshootingInput(untouched, 'resolved')).not.toBeNull();
    expect(toTroubleshootingInput(null, 'resolved')).toBeNull();
  });
});

describe('the customer’s summary', () => {
  it('names the symptom, the steps that helped in the brand’s words, and the advice', () => {
    expect(customerSummary(draft())).toEqual({
      symptom: 'Watch will not pair with the phone',
      helped: [
        'Remove all Bluetooth devices on your phone, restart your phone and the watch/band before pairing them again.',
      ],
      advice: 'Unpair it from the old phone first.',
    });
    expect(customerSummary(draft({ kbVersion: 99 }))).toBeNull();
  });

  it('prints as a self-contained 80 mm document with everything typed escaped', () => {
    const summary = customerSummary(draft({ advice: '<img src=x onerror=alert(1)> & "go"' }));
    if (summary === null) throw new Error('no summary');
    const doc = summaryDocument(summary, {
      center: CENTER,
      ticketNumber: 'BLR01-260214-001',
      date: '2026-02-14',
    });
    expect(doc).toMatch(/^<!doctype html>/);
    expect(doc).toContain('width:80mm');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;go&quot;');
    expect(doc).toContain('Koramangala &lt;Service&gt; Point');
    expect(doc).not.toContain('<img');
    expect(doc).not.toContain('<script');
    expect(doc).toContain('No repair was needed. Ticket BLR01-260214-001, 2026-02-14.');
  });
});
