import { daysBetween, parsePlainDate, type PlainDate } from '../dates/plainDate';
import { err, ok, type Result } from '../lib/result';
import { isCountryCode, type CountryCode } from '../warranty/countries';
import type { WarrantyFacts } from '../warranty/types';
import {
  COMPONENTS,
  FINDING_CODES,
  PURCHASE_CHANNELS,
  STICKER_STATES,
  includes,
  type Component,
  type FindingCode,
  type PurchaseChannel,
  type StickerState,
} from '../warranty/vocabulary';
import { BRAND_NAMES, isBrandId, type BrandId } from './brand';
import { fieldError, type FieldError } from './fieldError';
import { parseCustomerId, parseTechnicianId, type CustomerId, type TechnicianId } from './ids';
import { normalizePhone, type PhoneNumber } from './phone';
import { charCount, isBlank } from './text';
import { validateSerial, type SerialNumber, type SerialRules } from './serial';

/** The intake form as the counter's inputs hold it: text as typed, unchecked. */
export interface IntakeForm {
  readonly customer:
    | { readonly kind: 'existing'; readonly id: string }
    | { readonly kind: 'new'; readonly name: string; readonly phone: string };
  readonly brand: string;
  readonly model: string;
  readonly serial: string;
  readonly invoiceNumber: string;
  /** `YYYY-MM-DD` from a date input, or '' when there is none. */
  readonly invoiceDate: string;
  readonly activationDate: string;
  readonly purchaseChannel: string;
  readonly purchaseCountry: string;
  readonly component: string;
  readonly proofOfPurchase: boolean;
  readonly warrantyCard: boolean;
  readonly warrantySticker: string;
  readonly findings: readonly string[];
  readonly complaint: string;
  readonly accessories: readonly string[];
  readonly technicianId: string;
}

export interface IntakeSettings {
  readonly serialRules: SerialRules;
  /** The center's country: where the watch is being serviced. */
  readonly serviceCountry: CountryCode;
}

export type IntakeCustomer =
  | { readonly kind: 'existing'; readonly id: CustomerId }
  | { readonly kind: 'new'; readonly name: string; readonly phone: PhoneNumber };

export interface IntakeDevice {
  readonly brand: BrandId;
  readonly model: string;
  readonly serial: SerialNumber;
  readonly invoiceNumber: string;
  readonly invoiceDate: PlainDate | null;
  readonly activationDate: PlainDate | null;
  readonly purchaseChannel: PurchaseChannel;
  readonly purchaseCountry: CountryCode;
}

/** A checked intake: everything a ticket needs, and the facts the warranty engine decides on. */
export interface ValidIntake {
  readonly visitDate: PlainDate;
  readonly customer: IntakeCustomer;
  readonly device: IntakeDevice;
  readonly facts: WarrantyFacts;
  readonly complaint: string;
  readonly accessories: readonly string[];
  readonly technicianId: TechnicianId;
}

export const MAX_NAME_LENGTH = 200;
export const MAX_MODEL_LENGTH = 100;
export const MAX_INVOICE_NUMBER_LENGTH = 64;
export const MAX_COMPLAINT_LENGTH = 2000;
export const MAX_ACCESSORIES = 20;
export const MAX_ACCESSORY_LENGTH = 100;

function tooLong(what: string, s: string, max: number): string | null {
  const n = charCount(s);
  return n > max ? `${what} is ${n} characters long: shorten it to ${max} or fewer.` : null;
}

/**
 * Checks the intake form against the visit date (today, taken once by the UI) and the center's
 * settings. Every problem is reported at once, each with the field and what to do. Names,
 * complaint and accessories are kept exactly as typed, in any script: rendering escapes them.
 */
export function validateIntake(
  form: IntakeForm,
  visitDate: PlainDate,
  settings: IntakeSettings,
): Result<ValidIntake, FieldError[]> {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push(fieldError(field, message));
  };

  // Customer.
  let customer: IntakeCustomer | null = null;
  if (form.customer.kind === 'existing') {
    const id = parseCustomerId(form.customer.id);
    if (id === null) fail('customer.id', 'Choose the customer again from the search results.');
    else customer = { kind: 'existing', id };
  } else {
    const { name } = form.customer;
    const nameProblem = isBlank(name)
      ? "Enter the customer's name as they give it."
      : tooLong("The customer's name", name, MAX_NAME_LENGTH);
    if (nameProblem !== null) fail('customer.name', nameProblem);
    const phone = normalizePhone(form.customer.phone);
    if (!phone.ok) fail('customer.phone', phone.error);
    if (nameProblem === null && phone.ok) customer = { kind: 'new', name, phone: phone.value };
  }

  // The watch.
  const brand = isBrandId(form.brand) ? form.brand : null;
  if (brand === null) {
    fail('brand', `Choose the brand: ${Object.values(BRAND_NAMES).join(', ')}.`);
  }
  let serial: SerialNumber | null = null;
  if (brand !== null) {
    const r = validateSerial(form.serial, brand, settings.serialRules);
    if (r.ok) serial = r.value;
    else fail('serial', r.error);
  } else if (isBlank(form.serial)) {
    fail('serial', 'Enter the serial number: it is on the back of the watch and on the box label.');
  }
  const modelProblem = tooLong('The model', form.model, MAX_MODEL_LENGTH);
  if (modelProblem !== null) fail('model', modelProblem);
  const invoiceNumberProblem = tooLong(
    'The invoice number',
    form.invoiceNumber,
    MAX_INVOICE_NUMBER_LENGTH,
  );
  if (invoiceNumberProblem !== null) fail('invoiceNumber', invoiceNumberProblem);

  // Dates: none may be after the visit.
  const date = (field: 'invoiceDate' | 'activationDate', text: string): PlainDate | null => {
    if (isBlank(text)) return null;
    const d = parsePlainDate(text.trim());
    if (d === null) {
      fail(field, `"${text}" is not a date: pick it in the calendar or type it as YYYY-MM-DD.`);
      return null;
    }
    if (daysBetween(visitDate, d) > 0) {
      fail(
        field,
        field === 'invoiceDate'
          ? `The invoice date ${d} is after today's visit (${visitDate}): check the date on the invoice.`
          : `The activation date ${d} is in the future (today is ${visitDate}): read it again from the watch.`,
      );
      return null;
    }
    return d;
  };
  const invoiceDate = date('invoiceDate', form.invoiceDate);
  const activationDate = date('activationDate', form.activationDate);
  if (form.proofOfPurchase && isBlank(form.invoiceDate)) {
    fail('invoiceDate', 'The invoice is shown: enter the purchase date printed on it.');
  }

  const purchaseChannel: PurchaseChannel | null = includes(PURCHASE_CHANNELS, form.purchaseChannel)
    ? form.purchaseChannel
    : null;
  if (purchaseChannel === null) {
    fail(
      'purchaseChannel',
      'Choose where the watch was bought: official store, authorized dealer or another platform.',
    );
  }
  const country = form.purchaseCountry.trim().toUpperCase();
  const purchaseCountry = isCountryCode(country) ? country : null;
  if (purchaseCountry === null) {
    fail(
      'purchaseCountry',
      isBlank(form.purchaseCountry)
        ? 'Choose the country where the watch was bought.'
        : `"${form.purchaseCountry}" is not a country code: choose the country from the list (two letters, such as IN or DE).`,
    );
  }

  // The checklist.
  const component: Component | null = includes(COMPONENTS, form.component) ? form.component : null;
  if (component === null) {
    fail('component', 'Choose what needs service: the watch body, the battery or an accessory.');
  }
  const sticker: StickerState | null = includes(STICKER_STATES, form.warrantySticker)
    ? form.warrantySticker
    : null;
  if (sticker === null) {
    fail('warrantySticker', 'Check the warranty sticker and mark it intact, missing or altered.');
  }
  const findings: FindingCode[] = [];
  for (const f of form.findings) {
    if (!includes(FINDING_CODES, f)) fail('findings', `"${f}" is not a checklist item: untick it.`);
    else if (!findings.includes(f)) findings.push(f);
  }

  const complaintProblem = isBlank(form.complaint)
    ? 'Describe the problem in the customer’s words.'
    : tooLong('The complaint', form.complaint, MAX_COMPLAINT_LENGTH);
  if (complaintProblem !== null) fail('complaint', complaintProblem);

  if (form.accessories.length > MAX_ACCESSORIES) {
    fail('accessories', `List at most ${MAX_ACCESSORIES} accessories.`);
  }
  const accessories = form.accessories.filter((a) => !isBlank(a));
  for (const a of accessories) {
    const p = tooLong('An accessory', a, MAX_ACCESSORY_LENGTH);
    if (p !== null) {
      fail('accessories', p);
      break;
    }
  }

  const technicianId = parseTechnicianId(form.technicianId);
  if (technicianId === null) fail('technicianId', 'Choose the technician taking the watch in.');

  if (
    errors.length > 0 ||
    customer === null ||
    brand === null ||
    serial === null ||
    purchaseChannel === null ||
    purchaseCountry === null ||
    component === null ||
    sticker === null ||
    technicianId === null
  ) {
    return err(errors);
  }

  const device: IntakeDevice = {
    brand,
    model: form.model,
    serial,
    invoiceNumber: form.invoiceNumber,
    invoiceDate,
    activationDate,
    purchaseChannel,
    purchaseCountry,
  };
  const facts: WarrantyFacts = {
    component,
    invoiceDate: invoiceDate ?? undefined,
    activationDate: activationDate ?? undefined,
    proofOfPurchase: form.proofOfPurchase,
    warrantyCard: form.warrantyCard,
    purchaseChannel,
    purchaseCountry,
    serviceCountry: settings.serviceCountry,
    warrantySticker: sticker,
    findings,
  };
  return ok({
    visitDate,
    customer,
    device,
    facts,
    complaint: form.complaint,
    accessories,
    technicianId,
  });
}
