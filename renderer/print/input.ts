/**
 * What a document is printed from: one plain value, assembled from the ticket as stored, the
 * center's profile, the brand's policy and what the caller adds (parts, payment, signature).
 * Printing reads nothing else, so a document is a pure function of this value, its kind and size.
 */
import type { PlainDate, Period } from '../../shared/dates/plainDate';
import { BRAND_NAMES } from '../../shared/domain/brand';
import type { Cents, Money } from '../../shared/domain/money';
import type { TicketStatus } from '../../shared/domain/ticket';
import type { TroubleshootingOutcome, TroubleshootingResult } from '../../shared/sync/records';
import type { CompiledPolicy } from '../../shared/warranty';
import type { WarrantyDecision, WarrantyFacts } from '../../shared/warranty/types';
import type { CenterProfile, Technician, TicketEventRow } from '../data/db';
import type { TicketDetail } from '../data/queries';
import { receiptLocale } from './format';
import { imageDataUrl } from './html';

export type DocumentKind = 'intake' | 'jobSheet' | 'completion';
export type PaperSize = '80mm' | 'A4';

export const DOCUMENT_KINDS: readonly DocumentKind[] = ['intake', 'jobSheet', 'completion'];
export const PAPER_SIZES: readonly PaperSize[] = ['80mm', 'A4'];

export const isDocumentKind = (x: unknown): x is DocumentKind =>
  typeof x === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(x);
export const isPaperSize = (x: unknown): x is PaperSize =>
  typeof x === 'string' && (PAPER_SIZES as readonly string[]).includes(x);

/** A part on the job: covered lines cost the customer nothing. */
export interface PartLine {
  readonly partNumber: string;
  readonly name: string;
  readonly serial?: string | undefined;
  readonly quantity: number;
  /** In the center's currency. */
  readonly unitPrice: Cents;
  readonly covered: boolean;
}

export interface Payment {
  /** As the counter names it: `Cash`, `UPI`, `Card`. */
  readonly method: string;
  readonly amount: Cents;
}

export interface HistoryLine {
  readonly at: number;
  readonly who: string | null;
  readonly event: TicketEventRow;
}

/** The brand's support steps tried at the counter before the ticket was opened (issue 8). */
export interface TriedAtCounter {
  readonly symptom: string;
  readonly outcome: TroubleshootingOutcome;
  /** Every step of the symptom, in the brand's order, with what it did. */
  readonly steps: readonly {
    readonly text: string;
    readonly tried: boolean;
    readonly result: TroubleshootingResult;
  }[];
  readonly advice: string | null;
}

/** The ticket's (first) troubleshooting event as a document shows it; null when it has none. */
export function triedAtCounterOf(events: readonly TicketEventRow[]): TriedAtCounter | null {
  for (const e of events) {
    if (e.kind !== 'troubleshooting') continue;
    return {
      symptom: e.symptomName,
      outcome: e.outcome,
      steps: e.steps.map((s) => ({ text: s.text, tried: s.tried, result: s.result })),
      advice: e.advice === undefined || e.advice.trim() === '' ? null : e.advice,
    };
  }
  return null;
}

/** The brand's policy, as far as a document quotes it. */
export interface PolicyExtract {
  readonly id: string;
  readonly brand: string;
  readonly title: string;
  readonly version: number;
  readonly intakeTerms: readonly { readonly summary: string; readonly clauseId: string }[];
  readonly repairWarranty: { readonly period: Period; readonly clauseId: string } | null;
}

export interface DocumentInput {
  readonly center: CenterProfile;
  readonly ticket: {
    readonly number: string;
    readonly status: TicketStatus;
    readonly visitDate: PlainDate;
    readonly createdAt: number;
    readonly complaint: string;
    readonly accessories: readonly string[];
    readonly component: WarrantyFacts['component'];
    readonly quote: Money | null;
  };
  readonly customer: { readonly name: string; readonly phone: string } | null;
  readonly device: {
    readonly brand: string;
    readonly model: string;
    readonly serial: string;
    readonly invoiceNumber: string;
    readonly invoiceDate: PlainDate | null;
    readonly activationDate: PlainDate | null;
    readonly purchaseChannel: WarrantyFacts['purchaseChannel'] | null;
  };
  /** The checklist as recorded at intake (from the first decision's facts). */
  readonly checklist: {
    readonly proofOfPurchase: boolean | null;
    readonly warrantyCard: boolean | null;
    readonly warrantySticker: WarrantyFacts['warrantySticker'] | null;
    readonly findings: WarrantyFacts['findings'];
  };
  /** The decision in force (the latest), or null when none was recorded. */
  readonly decision: WarrantyDecision | null;
  readonly policy: PolicyExtract | null;
  readonly receivedBy: string | null;
  /** Diagnosis summaries, oldest first. */
  readonly diagnosis: readonly string[];
  /** What was tried at the counter before the repair, or null when nothing was recorded. */
  readonly triedAtCounter: TriedAtCounter | null;
  readonly history: readonly HistoryLine[];
  readonly parts: readonly PartLine[];
  readonly payment: Payment | null;
  readonly workDone: string | null;
  /** A `data:image/…;base64,` URL of the signature drawn at intake, or null for a blank line. */
  readonly signature: string | null;
  /** The day the watch is handed back (completion receipt; starts a repair warranty). */
  readonly completedOn: PlainDate | null;
  readonly printedAt: number;
  readonly locale: string;
  readonly timeZone: string;
}

export interface DocumentExtras {
  /** The center's technicians (AppSettings.technicians), to print names instead of ids. */
  readonly technicians?: readonly Technician[];
  readonly signatureDataUrl?: string | null;
  /** Empty until the parts issue records them. */
  readonly parts?: readonly PartLine[];
  readonly payment?: Payment | null;
  readonly workDone?: string | null;
  readonly completedOn?: PlainDate | null;
  /** When the document is printed (ms since the epoch), taken at the edge. */
  readonly printedAt: number;
  /** The center's IANA time zone, taken at the edge. */
  readonly timeZone: string;
  /** Defaults to English for the center's country (`en-IN`). */
  readonly locale?: string;
}

export function policyExtract(policy: CompiledPolicy): PolicyExtract {
  const doc = policy.document;
  return {
    id: policy.id,
    brand: policy.brand,
    title: policy.title,
    version: policy.version,
    intakeTerms: doc.intakeTerms.map((t) => ({ summary: t.summary, clauseId: t.clause })),
    repairWarranty:
      doc.repairWarranty === null
        ? null
        : { period: doc.repairWarranty.period, clauseId: doc.repairWarranty.clause },
  };
}

/**
 * Gathers a document's input from a ticket as `getTicket` returns it. `policy` is the policy of
 * the decision in force (`services.policies.get(decision.policyId)`); null prints no terms.
 */
export function documentInputFrom(
  detail: TicketDetail,
  center: CenterProfile,
  policy: CompiledPolicy | null,
  extras: DocumentExtras,
): DocumentInput {
  const { ticket, customer, device } = detail;
  const names = new Map((extras.technicians ?? []).map((t) => [t.id as string, t.name]));
  const nameOf = (id: string): string | null => names.get(id) ?? null;
  const first = detail.decisions[0];
  const latest = detail.decisions[detail.decisions.length - 1];
  const facts = first?.facts;
  const signature =
    extras.signatureDataUrl === undefined || extras.signatureDataUrl === null
      ? null
      : imageDataUrl(extras.signatureDataUrl);

  return {
    center,
    ticket: {
      number: ticket.number,
      status: ticket.status,
      visitDate: ticket.visitDate,
      createdAt: ticket.createdAt,
      complaint: ticket.complaint,
      accessories: ticket.accessories,
      component: ticket.component,
      quote: ticket.quote,
    },
    customer: customer === null ? null : { name: customer.name, phone: customer.phone },
    device: {
      brand: BRAND_NAMES[device?.brand ?? ticket.brand],
      model: device?.model ?? '',
      serial: device?.serial ?? ticket.serial,
      invoiceNumber: device?.invoiceNumber ?? '',
      invoiceDate: device?.invoiceDate ?? facts?.invoiceDate ?? null,
      activationDate: device?.activationDate ?? facts?.activationDate ?? null,
      purchaseChannel: device?.purchaseChannel ?? facts?.purchaseChannel ?? null,
    },
    checklist: {
      proofOfPurchase: facts?.proofOfPurchase ?? null,
      warrantyCard: facts?.warrantyCard ?? null,
      warrantySticker: facts?.warrantySticker ?? null,
      findings: ticket.findings,
    },
    decision: latest?.decision ?? null,
    policy: policy === null ? null : policyExtract(policy),
    receivedBy: nameOf(ticket.receivedBy),
    diagnosis: detail.events.flatMap((e) =>
      e.kind === 'diagnosis' && e.summary.trim() !== '' ? [e.summary] : [],
    ),
    triedAtCounter: triedAtCounterOf(detail.events),
    history: detail.events.map((event) => ({
      at: event.at,
      who: nameOf(event.technicianId),
      event,
    })),
    parts: extras.parts ?? [],
    payment: extras.payment ?? null,
    workDone: extras.workDone ?? null,
    signature,
    completedOn: extras.completedOn ?? null,
    printedAt: extras.printedAt,
    locale: extras.locale ?? receiptLocale(center.country),
    timeZone: extras.timeZone,
  };
}
