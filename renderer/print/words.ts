/**
 * The receipts' words, in English: what a customer reads at the counter, so plain words, never
 * codes. Kept together so that a center's language can be added as one more file, like the
 * screens' message catalog (renderer/i18n). Switches over the engine's vocabulary are exhaustive:
 * a new finding or reason code fails to compile until it has its words here.
 */
import type { Period } from '../../shared/dates/plainDate';
import { TICKET_STATUS_LABELS, type TicketStatus } from '../../shared/domain/ticket';
import { missingCaseError } from '../../shared/lib/assert';
import type { DecisionReason } from '../../shared/warranty/types';
import type {
  Component,
  DocumentKind as EvidenceKind,
  FindingCode,
  PurchaseChannel,
  Remedy,
  StartDateKind,
  StickerState,
  VerifiableFact,
} from '../../shared/warranty/vocabulary';

export const FINDING_WORDS: Readonly<Record<FindingCode, string>> = {
  physical_damage: 'Physical damage (cracked, dented or broken)',
  liquid_damage: 'Signs of liquid inside',
  wear_and_tear: 'Normal wear and tear',
  rooted_firmware: 'Software rooted or modified',
  rooted_firmware_restorable: 'Software rooted, restorable by an update',
  unauthorized_repair: 'Opened or repaired elsewhere',
  non_genuine_accessory: 'Used with a non-genuine accessory',
  act_of_god: 'Damage from fire, flood, lightning or a similar event',
  extreme_conditions: 'Used in extreme heat, cold or pressure',
  modified: 'Hardware modified',
  serial_label_damaged: 'Serial number label damaged or missing',
  power_supply_fault: 'Damage from a faulty charger or power supply',
  computer_virus: 'Damage from a computer virus',
  transport_damage: 'Damaged in transport',
  continued_use_after_fault: 'Kept in use after the fault appeared',
  medical_use: 'Used as a medical device',
};

export const STICKER_WORDS: Readonly<Record<StickerState, string>> = {
  intact: 'Warranty sticker intact',
  missing: 'Warranty sticker missing',
  altered: 'Warranty sticker altered',
};

export const EVIDENCE_WORDS: Readonly<Record<EvidenceKind, string>> = {
  proof_of_purchase: 'Purchase invoice',
  warranty_card: 'Warranty card',
};

export const COMPONENT_WORDS: Readonly<Record<Component, string>> = {
  body: 'Watch body',
  battery: 'Battery',
  accessory: 'Accessory',
};

export const CHANNEL_WORDS: Readonly<Record<PurchaseChannel, string>> = {
  official_store: 'Official store',
  authorized_dealer: 'Authorized dealer',
  other_platform: 'Another platform',
};

export const START_WORDS: Readonly<Record<StartDateKind, string>> = {
  invoice_date: 'the invoice date',
  activation_date: 'the activation date',
};

const FACT_WORDS: Readonly<Record<VerifiableFact, string>> = {
  activation_date: 'The activation date',
  invoice_date: 'The invoice date',
};

export const REMEDY_WORDS: Readonly<Record<Remedy, string>> = {
  free_repair: 'Free repair',
  free_replacement: 'Free replacement',
  paid_repair: 'Paid repair',
  worry_free_replacement: 'Worry-free replacement (paid)',
};

/** Advisories are codes in the policy files; these are what the customer is told. */
const ADVISORY_WORDS: Readonly<Record<string, string>> = {
  approval_before_flashing: 'The software is re-installed only with your approval.',
};

export const statusWords = (s: TicketStatus): string => TICKET_STATUS_LABELS[s];

export function periodWords(p: Period): string {
  if ('months' in p) return p.months === 1 ? '1 month' : `${p.months} months`;
  return p.days === 1 ? '1 day' : `${p.days} days`;
}

/** One line per reason: what the counter found, in the customer's words. */
export function reasonWords(r: DecisionReason, startDate: string | null): string {
  switch (r.code) {
    case 'start_date':
      return r.startDate === undefined
        ? 'When the warranty starts'
        : `Warranty counted from ${START_WORDS[r.startDate]}${startDate === null ? '' : `, ${startDate}`}`;
    case 'within_period':
      return 'Within the warranty period';
    case 'period_expired':
      return 'The warranty period has ended';
    case 'no_start_date':
      return 'No purchase or activation date to count the warranty from';
    case 'component_not_covered':
      return 'This part is not covered by the warranty';
    case 'missing_document':
      return r.document === undefined
        ? 'A document the warranty asks for was not shown'
        : `${EVIDENCE_WORDS[r.document]} not shown`;
    case 'sticker_not_intact':
      return 'Warranty sticker missing or altered';
    case 'purchased_abroad':
      return 'Bought in another country';
    case 'channel_not_covered':
      return 'Bought where the warranty does not apply';
    case 'excluded_finding':
      return r.finding === undefined
        ? 'A condition the warranty excludes'
        : `Not covered: ${FINDING_WORDS[r.finding].toLowerCase()}`;
    case 'advisory':
      return (
        (r.advisory === undefined ? undefined : ADVISORY_WORDS[r.advisory]) ??
        'Please note this condition of the warranty'
      );
    case 'unverified_fact':
      return r.fact === undefined
        ? 'A date is not yet confirmed'
        : `${FACT_WORDS[r.fact]} is not yet confirmed`;
    default:
      throw missingCaseError(r.code);
  }
}

export type PaperKind = 'intake' | 'jobSheet' | 'completion';

export const W = {
  title: {
    intake: 'Intake receipt',
    jobSheet: 'Job sheet',
    completion: 'Completion receipt',
  } satisfies Record<PaperKind, string>,
  copy: {
    intake: 'Customer copy',
    jobSheet: 'Stays with the watch',
    completion: 'Customer copy',
  } satisfies Record<PaperKind, string>,
  ticket: 'Ticket',
  received: 'Received',
  receivedBy: 'Received by',
  customer: 'Customer',
  phone: 'Phone',
  watch: 'Watch',
  model: 'Model',
  serial: 'Serial',
  invoice: 'Invoice',
  activation: 'Activated',
  boughtFrom: 'Bought from',
  forService: 'For service',
  accessories: 'Handed over with the watch',
  noAccessories: 'Nothing else: the watch only',
  condition: 'Condition at intake',
  noFindings: 'No damage or other condition noted',
  shown: 'shown',
  notShown: 'not shown',
  complaint: 'Complaint',
  decision: 'Warranty decision',
  warranty: 'Warranty',
  charge: 'Charge',
  covered: 'Covered',
  notCovered: 'Not covered',
  free: 'Free',
  paid: 'Paid',
  coveredLong: 'Covered by warranty',
  notCoveredLong: 'Not covered by warranty',
  freeLong: 'free of charge',
  paidLong: 'paid repair',
  lastCoveredDay: 'Last covered day',
  noLastDay: 'None: no date to count the warranty from',
  lastDayToday: 'today is the last covered day',
  daysLeft: (n: number) => (n === 1 ? '1 day left' : `${n} days left`),
  countedFrom: (what: string, date: string) => `Counted from ${what}, ${date}`,
  provisional:
    'Provisional: made on evidence not yet confirmed. It is checked again when the evidence arrives.',
  missing: (docs: string) => `Not shown: ${docs}. Showing it may change this decision.`,
  noDecision: 'No warranty decision has been recorded for this ticket.',
  restsOn: 'The decision rests on',
  remedies: 'What you can have',
  estimate: 'Estimated charge',
  estimateLater:
    'The charge is estimated after diagnosis. No paid work is done without your approval.',
  estimateNote: 'An estimate: paid work starts only after you approve it.',
  terms: 'Terms',
  signature: 'Customer signature',
  signatureAgree: 'I hand over the watch and accept the terms above.',
  technicianSignature: 'Technician',
  policy: (title: string, version: number) => `${title}, version ${version}`,
  printed: 'Printed',
  keepReceipt: 'Keep this receipt: you need it to collect the watch.',
  // Job sheet
  technician: 'For the technician',
  diagnosis: 'Diagnosis',
  workNotes: 'Work notes',
  parts: 'Parts',
  noParts: 'No parts recorded yet.',
  partNumber: 'Part no.',
  partName: 'Part',
  partSerial: 'Serial',
  quantity: 'Qty',
  unitPrice: 'Unit price',
  lineTotal: 'Amount',
  coveredLine: 'Covered',
  history: 'Status history',
  when: 'When',
  what: 'What',
  who: 'By',
  finalCheck: 'Final check done by',
  // Completion
  workDone: 'Work done',
  noWorkRecorded: 'Nothing recorded on the ticket.',
  partsReplaced: 'Parts replaced',
  noPartsReplaced: 'No parts replaced.',
  agreedCharge: 'Agreed repair charge',
  agreedChargeNote: 'The agreed charge includes parts and labour.',
  partsCharged: 'Parts charged',
  total: 'Total',
  payment: 'Payment',
  paidBy: (method: string) => `Paid (${method})`,
  notPaid: 'Not paid yet',
  balance: 'Balance due',
  nothingToPay: 'Nothing to pay: the repair is covered by the warranty.',
  repairWarranty: 'Warranty on this repair',
  repairWarrantyUntil: (period: string, date: string) =>
    `This repair is guaranteed for ${period}, until ${date}.`,
  noRepairWarranty: 'No separate repair warranty.',
  collected: 'Collected on',
  pickupSignature: 'I have received my watch.',
  thanks: 'Thank you for your visit.',
  // History
  historyCreated: (status: string) => `Ticket opened: ${status}`,
  historyStatus: (to: string) => `Moved to ${to}`,
  historyNote: 'Note',
  historyDecision: (covered: boolean, charge: 'free' | 'paid', cause: string) =>
    `Warranty decision ${cause}: ${covered ? 'covered' : 'not covered'}, ${charge === 'free' ? 'free' : 'paid'}`,
  historyDiagnosis: 'Diagnosis',
  historyQuote: (amount: string | null) =>
    amount === null ? 'Quote withdrawn' : `Quote set: ${amount}`,
} as const;
