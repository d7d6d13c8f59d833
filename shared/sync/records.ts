/**
 * The records a counter sends up, as zod schemas: one definition for the client's outbox types
 * (renderer/data/db.ts derives `Mutation` from these) and for HQ's validation of what arrives.
 *
 * Branded primitives (ids, dates, serials, money) are checked with the same predicates the
 * domain uses and typed as their brands, so a parsed record is as well typed as one the counter
 * built. Objects strip fields they do not know (a newer counter may send more; HQ keeps the raw
 * arguments in its mutation log anyway).
 */
import { z } from 'zod';
import { isPlainDate, type PlainDate } from '../dates/plainDate';
import { BRANDS, type BrandId } from '../domain/brand';
import {
  isUuidV7,
  type CustomerId,
  type DeviceId,
  type EventId,
  type PhotoId,
  type TechnicianId,
  type TicketId,
} from '../domain/ids';
import { isCents, isCurrencyCode, type Cents, type CurrencyCode } from '../domain/money';
import { MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, type PhoneNumber } from '../domain/phone';
import { MAX_SERIAL_LENGTH, normalizeSerial, type SerialNumber } from '../domain/serial';
import {
  isCenterCode,
  normalizeTicketNumber,
  TICKET_STATUSES,
  type CenterCode,
  type TicketNumber,
} from '../domain/ticket';
import { isCountryCode, type CountryCode } from '../warranty/countries';
import type { ReasonCode } from '../warranty/types';
import {
  COMPONENTS,
  DOCUMENTS,
  FINDING_CODES,
  PURCHASE_CHANNELS,
  REMEDIES,
  START_DATES,
  STICKER_STATES,
  VERIFIABLE_FACTS,
} from '../warranty/vocabulary';

// ---------------------------------------------------------------------------------------------
// Branded primitives

/** A string checked by the domain's own predicate and typed as its brand. */
const branded = <T extends string>(check: (s: string) => boolean, expected: string) =>
  z.custom<T>((v) => typeof v === 'string' && check(v), { error: `expected ${expected}` });

const uuid = <T extends string>(what: string) => branded<T>(isUuidV7, `a UUIDv7 ${what} id`);

export const TicketIdSchema = uuid<TicketId>('ticket');
export const CustomerIdSchema = uuid<CustomerId>('customer');
export const DeviceIdSchema = uuid<DeviceId>('device');
export const EventIdSchema = uuid<EventId>('event');
export const PhotoIdSchema = uuid<PhotoId>('photo');
export const TechnicianIdSchema = uuid<TechnicianId>('technician');

export const PlainDateSchema = branded<PlainDate>(isPlainDate, 'a YYYY-MM-DD calendar date');
export const CountryCodeSchema = branded<CountryCode>(isCountryCode, 'an ISO 3166 country code');
export const CurrencyCodeSchema = branded<CurrencyCode>(
  isCurrencyCode,
  'an ISO 4217 currency code',
);
export const CenterCodeSchema = branded<CenterCode>(isCenterCode, '2 to 10 letters and digits');
export const TicketNumberSchema = branded<TicketNumber>(
  (s) => normalizeTicketNumber(s) === s,
  'a ticket number such as BLR01-250701-007',
);

const PHONE = new RegExp(`^\\+?[0-9]{${MIN_PHONE_DIGITS},${MAX_PHONE_DIGITS}}$`);
export const PhoneNumberSchema = branded<PhoneNumber>(
  (s) => PHONE.test(s),
  'a stored phone number (an optional + and 7 to 15 digits)',
);

export const SerialNumberSchema = branded<SerialNumber>(
  (s) => s !== '' && s.length <= MAX_SERIAL_LENGTH && normalizeSerial(s) === s,
  'a normalized serial number',
);

export const CentsSchema = z.custom<Cents>(isCents, { error: 'expected whole minor units' });

export const BrandIdSchema = z.enum(BRANDS) satisfies z.ZodType<BrandId>;

/** Milliseconds since the epoch, as the counter's clock gave them. */
export const TimestampSchema = z.number().int().nonnegative();

/*
 * Text is bounded only to keep one record from being absurd: the counter's own limits count
 * characters as people do (graphemes), which can be many code units each, so these caps sit far
 * above them and the request's body limit bounds the total.
 */
const SHORT_TEXT = 10_000;
const LONG_TEXT = 200_000;
const text = (max: number) => z.string().max(max);

// ---------------------------------------------------------------------------------------------
// The warranty decision, as made and stored with its facts

/** Every `ReasonCode`; the check below fails to compile when the union gains a member. */
export const REASON_CODES = [
  'start_date',
  'within_period',
  'period_expired',
  'no_start_date',
  'component_not_covered',
  'missing_document',
  'sticker_not_intact',
  'purchased_abroad',
  'channel_not_covered',
  'excluded_finding',
  'advisory',
  'unverified_fact',
] as const satisfies readonly ReasonCode[];
/** Compiles only while every `ReasonCode` is listed above. */
export type AllReasonCodesListed =
  Exclude<ReasonCode, (typeof REASON_CODES)[number]> extends never ? true : never;
export const ALL_REASON_CODES_LISTED: AllReasonCodesListed = true;

export const WarrantyFactsSchema = z
  .object({
    component: z.enum(COMPONENTS),
    invoiceDate: PlainDateSchema.optional(),
    activationDate: PlainDateSchema.optional(),
    proofOfPurchase: z.boolean(),
    warrantyCard: z.boolean(),
    purchaseChannel: z.enum(PURCHASE_CHANNELS),
    purchaseCountry: CountryCodeSchema,
    serviceCountry: CountryCodeSchema,
    warrantySticker: z.enum(STICKER_STATES),
    findings: z.array(z.enum(FINDING_CODES)).readonly(),
    freeReplacementsGiven: z.number().int().nonnegative().optional(),
    unverified: z.array(z.enum(VERIFIABLE_FACTS)).readonly().optional(),
  })
  .readonly();

const DecisionReasonSchema = z
  .object({
    code: z.enum(REASON_CODES),
    effect: z.enum(['covers', 'excludes', 'note']),
    clauseId: text(SHORT_TEXT),
    clauseText: text(LONG_TEXT),
    finding: z.enum(FINDING_CODES).optional(),
    document: z.enum(DOCUMENTS).optional(),
    startDate: z.enum(START_DATES).optional(),
    fact: z.enum(VERIFIABLE_FACTS).optional(),
    advisory: text(LONG_TEXT).optional(),
  })
  .readonly();

const RemedyOptionSchema = z
  .object({
    remedy: z.enum(REMEDIES),
    clauseId: text(SHORT_TEXT).nullable(),
    clauseText: text(LONG_TEXT).nullable(),
  })
  .readonly();

export const WarrantyDecisionSchema = z
  .object({
    policyId: text(SHORT_TEXT),
    policyVersion: z.number().int().positive(),
    visitDate: PlainDateSchema,
    component: z.enum(COMPONENTS),
    covered: z.boolean(),
    charge: z.enum(['free', 'paid']),
    warrantyStart: PlainDateSchema.nullable(),
    warrantyStartSource: z.enum(START_DATES).nullable(),
    lastCoveredDay: PlainDateSchema.nullable(),
    daysLeft: z.number().int().nullable(),
    reasons: z.array(DecisionReasonSchema).max(200).readonly(),
    missingEvidence: z.array(z.enum(DOCUMENTS)).readonly(),
    provisional: z.boolean(),
    remedies: z.array(RemedyOptionSchema).max(20).readonly(),
  })
  .readonly();

export const DecisionSummarySchema = z
  .object({
    policyId: text(SHORT_TEXT),
    policyVersion: z.number().int().positive(),
    covered: z.boolean(),
    charge: z.enum(['free', 'paid']),
    provisional: z.boolean(),
    lastCoveredDay: PlainDateSchema.nullable(),
  })
  .readonly();

export const MoneySchema = z
  .object({ amount: CentsSchema, currency: CurrencyCodeSchema })
  .readonly();

// ---------------------------------------------------------------------------------------------
// Records

export const CustomerRecordSchema = z
  .object({
    id: CustomerIdSchema,
    name: text(SHORT_TEXT),
    phone: PhoneNumberSchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .readonly();

/** A watch (the counter's `devices` row; HQ calls them watches, apart from enrolled counters). */
export const WatchRecordSchema = z
  .object({
    id: DeviceIdSchema,
    brand: BrandIdSchema,
    serial: SerialNumberSchema,
    model: text(SHORT_TEXT),
    invoiceNumber: text(SHORT_TEXT),
    invoiceDate: PlainDateSchema.nullable(),
    activationDate: PlainDateSchema.nullable(),
    purchaseChannel: z.enum(PURCHASE_CHANNELS),
    purchaseCountry: CountryCodeSchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .readonly();

export const TicketRecordSchema = z
  .object({
    id: TicketIdSchema,
    number: TicketNumberSchema,
    center: CenterCodeSchema,
    customerId: CustomerIdSchema,
    deviceId: DeviceIdSchema,
    serial: SerialNumberSchema,
    brand: BrandIdSchema,
    status: z.enum(TICKET_STATUSES),
    visitDate: PlainDateSchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    receivedBy: TechnicianIdSchema,
    complaint: text(LONG_TEXT),
    accessories: z.array(text(SHORT_TEXT)).max(50).readonly(),
    component: z.enum(COMPONENTS),
    findings: z.array(z.enum(FINDING_CODES)).readonly(),
    decision: DecisionSummarySchema,
    quote: MoneySchema.nullable(),
  })
  .readonly();

const eventBase = {
  id: EventIdSchema,
  ticketId: TicketIdSchema,
  at: TimestampSchema,
  technicianId: TechnicianIdSchema,
};

/** What a support step tried at the counter did (issue 8). */
export const TROUBLESHOOTING_RESULTS = ['helped', 'no_change', 'not_tried'] as const;
export type TroubleshootingResult = (typeof TROUBLESHOOTING_RESULTS)[number];

/** `resolved`: settled at the counter, no repair; `continue`: the ticket goes on to a repair. */
export const TROUBLESHOOTING_OUTCOMES = ['resolved', 'continue'] as const;
export type TroubleshootingOutcome = (typeof TROUBLESHOOTING_OUTCOMES)[number];

const TroubleshootingStepSchema = z
  .object({
    /** The step's position in the symptom's steps, from 0. */
    index: z.number().int().nonnegative().max(999),
    text: text(LONG_TEXT),
    tried: z.boolean(),
    result: z.enum(TROUBLESHOOTING_RESULTS),
  })
  .readonly();

/**
 * The brand's support steps tried at the counter for one symptom, and how it ended. The words
 * are copied from the knowledge base (its id is the brand; its version), so the ticket shows
 * them as they were tried even after the file changes.
 */
const troubleshootingFields = {
  kb: z.object({ brand: BrandIdSchema, version: z.number().int().positive() }).readonly(),
  symptomId: text(SHORT_TEXT),
  symptomName: text(SHORT_TEXT),
  steps: z.array(TroubleshootingStepSchema).min(1).max(100).readonly(),
  outcome: z.enum(TROUBLESHOOTING_OUTCOMES),
  /** What the customer was told, in the technician's words. */
  advice: text(LONG_TEXT).optional(),
};

export const TroubleshootingSchema = z.object(troubleshootingFields).readonly();

export const TICKET_EVENT_KINDS = [
  'created',
  'status',
  'note',
  'decision',
  'diagnosis',
  'quote',
  'troubleshooting',
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** Something that happened to a ticket: appended, never edited. */
export const TicketEventSchema = z
  .discriminatedUnion('kind', [
    z.object({
      ...eventBase,
      kind: z.literal('created'),
      number: TicketNumberSchema,
      status: z.enum(TICKET_STATUSES),
    }),
    z.object({
      ...eventBase,
      kind: z.literal('status'),
      from: z.enum(TICKET_STATUSES),
      to: z.enum(TICKET_STATUSES),
      reason: text(LONG_TEXT),
    }),
    z.object({ ...eventBase, kind: z.literal('note'), text: text(LONG_TEXT) }),
    z.object({
      ...eventBase,
      kind: z.literal('decision'),
      cause: z.enum(['intake', 'diagnosis']),
      decision: WarrantyDecisionSchema,
      facts: WarrantyFactsSchema,
      visitDate: PlainDateSchema,
    }),
    z.object({
      ...eventBase,
      kind: z.literal('diagnosis'),
      newFindings: z.array(z.enum(FINDING_CODES)).readonly(),
      summary: text(LONG_TEXT),
    }),
    z.object({ ...eventBase, kind: z.literal('quote'), quote: MoneySchema.nullable() }),
    z.object({ ...eventBase, kind: z.literal('troubleshooting'), ...troubleshootingFields }),
  ])
  .readonly();

export const PhotoMetaSchema = z
  .object({
    id: PhotoIdSchema,
    ticketId: TicketIdSchema,
    kind: z.enum(['intake', 'signature']),
    type: text(SHORT_TEXT),
    size: z.number().int().nonnegative(),
    createdAt: TimestampSchema,
  })
  .readonly();

export const CustomerRefSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('new'), customer: CustomerRecordSchema }),
    z.object({ kind: z.literal('existing'), id: CustomerIdSchema }),
  ])
  .readonly();

export const CenterProfileSchema = z
  .object({
    name: text(SHORT_TEXT),
    code: CenterCodeSchema,
    address: text(SHORT_TEXT),
    phone: PhoneNumberSchema.nullable(),
    country: CountryCodeSchema,
    currency: CurrencyCodeSchema,
  })
  .readonly();

export const TechnicianSchema = z
  .object({
    id: TechnicianIdSchema,
    name: text(SHORT_TEXT),
    active: z.boolean(),
    addedAt: TimestampSchema,
  })
  .readonly();

const SerialPatternSettingSchema = z
  .object({ pattern: text(SHORT_TEXT), description: text(SHORT_TEXT) })
  .readonly();

export const AppSettingsSchema = z
  .object({
    center: CenterProfileSchema.nullable(),
    technicians: z.array(TechnicianSchema).max(500).readonly(),
    policyPerBrand: z.record(BrandIdSchema, text(SHORT_TEXT)).readonly(),
    defaultBrand: BrandIdSchema,
    serialPatterns: z.partialRecord(BrandIdSchema, SerialPatternSettingSchema).readonly(),
  })
  .readonly();

export type CustomerRecordData = z.output<typeof CustomerRecordSchema>;
export type WatchRecordData = z.output<typeof WatchRecordSchema>;
export type TicketRecordData = z.output<typeof TicketRecordSchema>;
export type TicketEventData = z.output<typeof TicketEventSchema>;
export type PhotoMetaData = z.output<typeof PhotoMetaSchema>;
export type CustomerRefData = z.output<typeof CustomerRefSchema>;
export type AppSettingsData = z.output<typeof AppSettingsSchema>;
export type TechnicianData = z.output<typeof TechnicianSchema>;
export type WarrantyDecisionData = z.output<typeof WarrantyDecisionSchema>;
export type MoneyData = z.output<typeof MoneySchema>;
export type DecisionSummaryData = z.output<typeof DecisionSummarySchema>;
export type TroubleshootingData = z.output<typeof TroubleshootingSchema>;

/** The latest decision as a ticket row keeps it (the full decision is its event). */
export function summarizeDecision(d: WarrantyDecisionData): DecisionSummaryData {
  return {
    policyId: d.policyId,
    policyVersion: d.policyVersion,
    covered: d.covered,
    charge: d.charge,
    provisional: d.provisional,
    lastCoveredDay: d.lastCoveredDay,
  };
}
