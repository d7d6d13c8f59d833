import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlainDate, type PlainDate } from '../dates/plainDate';
import { isCountryCode, type CountryCode } from '../warranty/countries';
import { validateIntake, type IntakeForm, type IntakeSettings } from './intake';
import { compileSerialRules, defaultSerialRules } from './serial';

const date = (s: string): PlainDate => {
  const d = parsePlainDate(s);
  if (d === null) throw new Error(`bad date ${s}`);
  return d;
};
const IN = 'IN' as const;
const country = (s: string): CountryCode => {
  if (!isCountryCode(s)) throw new Error(s);
  return s;
};

const TODAY = date('2025-07-01');
const TECH = '0197c2a0-0000-7000-8000-000000000001';
const CUSTOMER = '0197c2a0-0000-7000-8000-000000000002';
const settings: IntakeSettings = { serialRules: defaultSerialRules(), serviceCountry: country(IN) };

const form = (over: Partial<IntakeForm> = {}): IntakeForm => ({
  customer: { kind: 'new', name: 'Priya Raman', phone: '+91 98765 43210' },
  brand: 'xinji',
  model: 'XINJI Cobee C5',
  serial: 'xj2024 0001 abcd',
  invoiceNumber: 'INV-7781',
  invoiceDate: '2025-03-15',
  activationDate: '2025-03-16',
  purchaseChannel: 'authorized_dealer',
  purchaseCountry: 'in',
  component: 'body',
  proofOfPurchase: true,
  warrantyCard: true,
  warrantySticker: 'intact',
  findings: [],
  complaint: 'Screen stays black after charging.',
  accessories: ['charger', 'strap'],
  technicianId: TECH,
  ...over,
});

const errorsOf = (f: IntakeForm, today = TODAY) => {
  const r = validateIntake(f, today, settings);
  return r.ok ? [] : r.error;
};
const fieldsOf = (f: IntakeForm) => errorsOf(f).map((e) => e.field);

describe('validateIntake', () => {
  it('turns a good form into a ticket’s data and the engine’s facts', () => {
    const r = validateIntake(form(), TODAY, settings);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.customer).toEqual({ kind: 'new', name: 'Priya Raman', phone: '+919876543210' });
    expect(r.value.device).toEqual({
      brand: 'xinji',
      model: 'XINJI Cobee C5',
      serial: 'XJ20240001ABCD',
      invoiceNumber: 'INV-7781',
      invoiceDate: '2025-03-15',
      activationDate: '2025-03-16',
      purchaseChannel: 'authorized_dealer',
      purchaseCountry: 'IN',
    });
    expect(r.value.facts).toEqual({
      component: 'body',
      invoiceDate: '2025-03-15',
      activationDate: '2025-03-16',
      proofOfPurchase: true,
      warrantyCard: true,
      purchaseChannel: 'authorized_dealer',
      purchaseCountry: 'IN',
      serviceCountry: 'IN',
      warrantySticker: 'intact',
      findings: [],
    });
    expect(r.value.visitDate).toBe(TODAY);
    expect(r.value.technicianId).toBe(TECH);
  });

  it('accepts an existing customer by id', () => {
    const r = validateIntake(
      form({ customer: { kind: 'existing', id: CUSTOMER } }),
      TODAY,
      settings,
    );
    expect(r.ok && r.value.customer).toEqual({ kind: 'existing', id: CUSTOMER });
    expect(fieldsOf(form({ customer: { kind: 'existing', id: 'x' } }))).toEqual(['customer.id']);
  });

  it('rejects an invoice dated after the visit and says what to check', () => {
    expect(errorsOf(form({ invoiceDate: '2025-07-02' }))).toEqual([
      {
        field: 'invoiceDate',
        message:
          "The invoice date 2025-07-02 is after today's visit (2025-07-01): check the date on the invoice.",
      },
    ]);
    // The visit day itself is fine: bought this morning, broken this afternoon.
    expect(errorsOf(form({ invoiceDate: '2025-07-01', activationDate: '2025-07-01' }))).toEqual([]);
  });

  it('rejects an activation date in the future', () => {
    expect(errorsOf(form({ activationDate: '2026-01-01' }))).toEqual([
      {
        field: 'activationDate',
        message:
          'The activation date 2026-01-01 is in the future (today is 2025-07-01): read it again from the watch.',
      },
    ]);
  });

  it('rejects dates that are not dates', () => {
    const e = errorsOf(form({ invoiceDate: '15/03/2025', activationDate: '2025-02-30' }));
    expect(e.map((x) => x.field)).toEqual(['invoiceDate', 'activationDate']);
    expect(e[0]?.message).toBe(
      '"15/03/2025" is not a date: pick it in the calendar or type it as YYYY-MM-DD.',
    );
  });

  it('asks for the invoice date when the invoice is shown, and not otherwise', () => {
    expect(errorsOf(form({ invoiceDate: '' }))).toEqual([
      {
        field: 'invoiceDate',
        message: 'The invoice is shown: enter the purchase date printed on it.',
      },
    ]);
    const noInvoice = validateIntake(
      form({ invoiceDate: '', proofOfPurchase: false, invoiceNumber: '' }),
      TODAY,
      settings,
    );
    expect(noInvoice.ok).toBe(true);
    if (noInvoice.ok) {
      expect(noInvoice.value.facts.invoiceDate).toBeUndefined();
      expect(noInvoice.value.device.invoiceDate).toBeNull();
    }
  });

  it('rejects a phone that is not a phone, with the phone module’s message', () => {
    expect(errorsOf(form({ customer: { kind: 'new', name: 'A', phone: 'call me' } }))).toEqual([
      {
        field: 'customer.phone',
        message:
          '"c" is not allowed in a phone number: use digits, with an optional + and country code in front.',
      },
    ]);
  });

  it('rejects a serial malformed for the brand, naming the brand', () => {
    const e = errorsOf(form({ serial: 'XJ-1', brand: 'kospet' }));
    expect(e).toHaveLength(1);
    expect(e[0]?.field).toBe('serial');
    expect(e[0]?.message).toContain(
      'is not a KOSPET serial number: expected 8 to 20 letters and digits',
    );
  });

  it('uses the center’s own serial patterns', () => {
    const strict = compileSerialRules({
      xinji: { pattern: 'XJ[0-9]{8}', description: 'XJ and 8 digits' },
    });
    if (!strict.ok) throw new Error('pattern');
    const r = validateIntake(form(), TODAY, { ...settings, serialRules: strict.value });
    expect(r.ok ? [] : r.error.map((e) => e.message)).toEqual([
      '"XJ20240001ABCD" (14 characters) is not a XINJI serial number: expected XJ and 8 digits. Check the label on the back of the watch or on the box.',
    ]);
  });

  it('asks for a missing customer name', () => {
    expect(errorsOf(form({ customer: { kind: 'new', name: '   ', phone: '9876543210' } }))).toEqual(
      [{ field: 'customer.name', message: "Enter the customer's name as they give it." }],
    );
  });

  it('reports every problem at once, each on its field', () => {
    const e = fieldsOf({
      customer: { kind: 'new', name: '', phone: '12' },
      brand: 'acme',
      model: '',
      serial: '',
      invoiceNumber: '',
      invoiceDate: '2030-01-01',
      activationDate: 'soon',
      purchaseChannel: 'flea_market',
      purchaseCountry: 'Narnia',
      component: 'strap',
      proofOfPurchase: false,
      warrantyCard: false,
      warrantySticker: 'torn',
      findings: ['liquid_damage', 'gremlins'],
      complaint: ' ',
      accessories: [],
      technicianId: '',
    });
    expect(e).toEqual([
      'customer.name',
      'customer.phone',
      'brand',
      'serial',
      'invoiceDate',
      'activationDate',
      'purchaseChannel',
      'purchaseCountry',
      'component',
      'warrantySticker',
      'findings',
      'complaint',
      'technicianId',
    ]);
  });

  it('dedupes findings and drops blank accessories', () => {
    const r = validateIntake(
      form({
        findings: ['liquid_damage', 'liquid_damage', 'wear_and_tear'],
        accessories: ['', 'box', '  '],
      }),
      TODAY,
      settings,
    );
    expect(r.ok && r.value.facts.findings).toEqual(['liquid_damage', 'wear_and_tear']);
    expect(r.ok && r.value.accessories).toEqual(['box']);
  });

  it('limits lengths in characters as people count them', () => {
    const emoji = '👍🏽'.repeat(200);
    expect(errorsOf(form({ customer: { kind: 'new', name: emoji, phone: '9876543210' } }))).toEqual(
      [],
    );
    expect(
      fieldsOf(form({ customer: { kind: 'new', name: `${emoji}x`, phone: '9876543210' } })),
    ).toEqual(['customer.name']);
    expect(fieldsOf(form({ complaint: 'x'.repeat(2001) }))).toEqual(['complaint']);
  });

  it('keeps names and the complaint exactly as typed, in any script', () => {
    for (const name of [
      '  José  Ñúñez ',
      'राहुल शर्मा',
      '王小明',
      'محمد علي',
      '<b>Tom</b> & "Jerry"',
      "O'Brien",
    ]) {
      const r = validateIntake(
        form({ customer: { kind: 'new', name, phone: '9876543210' }, complaint: name }),
        TODAY,
        settings,
      );
      expect(r.ok && r.value.customer).toEqual({ kind: 'new', name, phone: '9876543210' });
      expect(r.ok && r.value.complaint).toBe(name);
    }
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
          .filter((s) => s.trim() !== ''),
        (name) => {
          const r = validateIntake(
            form({ customer: { kind: 'new', name, phone: '9876543210' } }),
            TODAY,
            settings,
          );
          expect(r.ok && r.value.customer.kind === 'new' && r.value.customer.name).toBe(name);
        },
      ),
    );
  });
});
