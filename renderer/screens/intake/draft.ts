import { dayNumberOf, isPlainDate, type PlainDate } from '../../../shared/dates/plainDate';
import { isBrandId, type BrandId } from '../../../shared/domain/brand';
import type { IntakeForm } from '../../../shared/domain/intake';
import { evaluate, isCountryCode, type CompiledPolicy } from '../../../shared/warranty';
import type { WarrantyDecision, WarrantyFacts } from '../../../shared/warranty/types';
import {
  COMPONENTS,
  includes,
  PURCHASE_CHANNELS,
  STICKER_STATES,
  type FindingCode,
  type VerifiableFact,
} from '../../../shared/warranty/vocabulary';
import type { CountryCode } from '../../../shared/warranty/countries';

/** The intake form as the screen holds it: text as typed, choices as chosen. */
export interface IntakeDraft {
  readonly serial: string;
  readonly brand: string;
  readonly model: string;
  readonly component: string;
  readonly customer:
    | { readonly kind: 'new' }
    | {
        readonly kind: 'existing';
        readonly id: string;
        readonly name: string;
        readonly phone: string;
      };
  readonly customerName: string;
  readonly phone: string;
  readonly invoiceNumber: string;
  readonly invoiceDate: string;
  readonly proofOfPurchase: boolean;
  readonly activationDate: string;
  readonly purchaseChannel: string;
  readonly purchaseCountry: string;
  readonly warrantyCard: boolean;
  readonly warrantySticker: string;
  readonly findings: readonly FindingCode[];
  readonly accessories: readonly string[];
  readonly otherAccessories: string;
  readonly complaint: string;
  readonly technicianId: string;
  readonly photos: readonly Blob[];
  /** The drawn signature as a PNG data: URL, or null. */
  readonly signature: string | null;
}

export const COMMON_ACCESSORIES = ['Charging cable', 'Charging dock', 'Strap', 'Box', 'Manual'];

export function emptyDraft(defaults: {
  brand: BrandId;
  country: string;
  technicianId: string;
}): IntakeDraft {
  return {
    serial: '',
    brand: defaults.brand,
    model: '',
    component: 'body',
    customer: { kind: 'new' },
    customerName: '',
    phone: '',
    invoiceNumber: '',
    invoiceDate: '',
    proofOfPurchase: false,
    activationDate: '',
    purchaseChannel: '',
    purchaseCountry: defaults.country,
    warrantyCard: false,
    warrantySticker: '',
    findings: [],
    accessories: [],
    otherAccessories: '',
    complaint: '',
    technicianId: defaults.technicianId,
    photos: [],
    signature: null,
  };
}

/** The draft in the shape the domain validates (shared/domain/intake.ts). */
export function draftToForm(d: IntakeDraft): IntakeForm {
  const others = d.otherAccessories
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    customer:
      d.customer.kind === 'existing'
        ? { kind: 'existing', id: d.customer.id }
        : { kind: 'new', name: d.customerName, phone: d.phone },
    brand: d.brand,
    model: d.model,
    serial: d.serial,
    invoiceNumber: d.invoiceNumber,
    invoiceDate: d.invoiceDate,
    activationDate: d.activationDate,
    purchaseChannel: d.purchaseChannel,
    purchaseCountry: d.purchaseCountry,
    component: d.component,
    proofOfPurchase: d.proofOfPurchase,
    warrantyCard: d.warrantyCard,
    warrantySticker: d.warrantySticker,
    findings: d.findings,
    complaint: d.complaint,
    accessories: [...d.accessories, ...others],
    technicianId: d.technicianId,
  };
}

/** Checks the decision still waits for, so the panel can say what may change it. */
export type PendingCheck = 'sticker' | 'channel' | 'country';

export interface DraftDecision {
  readonly policy: CompiledPolicy;
  readonly facts: WarrantyFacts;
  readonly decision: WarrantyDecision;
  readonly pending: readonly PendingCheck[];
}

const usableDate = (text: string, today: PlainDate): PlainDate | undefined => {
  const s = text.trim();
  return isPlainDate(s) && dayNumberOf(s) <= dayNumberOf(today) ? s : undefined;
};

/**
 * The live decision beside the form, on what is filled in so far: dates that are not (yet) valid
 * count as absent, and choices not made yet are assumed the way that promises the least
 * (another platform) or the way most watches come in (sticker intact), and listed as pending.
 */
export function draftDecision(
  draft: IntakeDraft,
  ctx: {
    readonly today: PlainDate;
    readonly serviceCountry: CountryCode;
    readonly policyFor: (brand: BrandId) => CompiledPolicy | undefined;
    readonly unverified: readonly VerifiableFact[];
    /** From HQ's registry, when it answered. */
    readonly freeReplacementsGiven?: number | undefined;
  },
): DraftDecision | null {
  if (!isBrandId(draft.brand)) return null;
  const policy = ctx.policyFor(draft.brand);
  if (policy === undefined) return null;
  const pending: PendingCheck[] = [];
  const sticker = includes(STICKER_STATES, draft.warrantySticker)
    ? draft.warrantySticker
    : 'intact';
  if (sticker !== draft.warrantySticker) pending.push('sticker');
  const channel = includes(PURCHASE_CHANNELS, draft.purchaseChannel)
    ? draft.purchaseChannel
    : 'other_platform';
  if (channel !== draft.purchaseChannel) pending.push('channel');
  const country = draft.purchaseCountry.trim().toUpperCase();
  const purchaseCountry = isCountryCode(country) ? country : ctx.serviceCountry;
  if (!isCountryCode(country)) pending.push('country');
  const facts: WarrantyFacts = {
    component: includes(COMPONENTS, draft.component) ? draft.component : 'body',
    invoiceDate: usableDate(draft.invoiceDate, ctx.today),
    activationDate: usableDate(draft.activationDate, ctx.today),
    proofOfPurchase: draft.proofOfPurchase,
    warrantyCard: draft.warrantyCard,
    purchaseChannel: channel,
    purchaseCountry,
    serviceCountry: ctx.serviceCountry,
    warrantySticker: sticker,
    findings: draft.findings,
    ...(ctx.unverified.length > 0 ? { unverified: ctx.unverified } : {}),
    ...(ctx.freeReplacementsGiven === undefined
      ? {}
      : { freeReplacementsGiven: ctx.freeReplacementsGiven }),
  };
  return { policy, facts, decision: evaluate(policy, facts, ctx.today), pending };
}

/** Which facts are unconfirmed: without HQ's registry answer, the activation date read from the watch. */
export function unverifiedFacts(draft: IntakeDraft, registryConfirmed: boolean): VerifiableFact[] {
  return !registryConfirmed && draft.activationDate.trim() !== '' ? ['activation_date'] : [];
}
