/*
 * Sample tickets for the print tests and the receipts benchmark: a XINJI intake as the counter
 * stores it (row, customer, device, events with the engine's decision), turned into a document
 * input by documentInputFrom. Imported only by *.test.ts files and bench/receipts.ts.
 */
import { bundledPolicyFiles } from '../../policies';
import type { PlainDate } from '../../shared/dates/plainDate';
import type { BrandId } from '../../shared/domain/brand';
import type {
  CustomerId,
  DeviceId,
  EventId,
  PhotoId,
  TechnicianId,
  TicketId,
} from '../../shared/domain/ids';
import type { Cents, CurrencyCode, Money } from '../../shared/domain/money';
import type { PhoneNumber } from '../../shared/domain/phone';
import type { SerialNumber } from '../../shared/domain/serial';
import type { CenterCode, TicketNumber } from '../../shared/domain/ticket';
import { evaluate, loadPolicy, type CompiledPolicy } from '../../shared/warranty';
import type { CountryCode } from '../../shared/warranty/countries';
import type { WarrantyFacts } from '../../shared/warranty/types';
import type { CenterProfile, Technician, TicketEventRow } from '../data/db';
import type { TicketDetail } from '../data/queries';
import { documentInputFrom, type DocumentExtras, type DocumentInput } from './input';

const d = (s: string) => s as PlainDate;

export function samplePolicy(id: BrandId = 'xinji'): CompiledPolicy {
  const file = bundledPolicyFiles.find((f) => f.file === `policies/${id}.json`);
  if (file === undefined) throw new Error(`no bundled policy ${id}`);
  return loadPolicy(file.json, file.file);
}

export const SAMPLE_CENTER: CenterProfile = {
  name: 'Koramangala Service Point',
  code: 'BLR01' as CenterCode,
  address: '80 Feet Road, Koramangala, Bengaluru 560034',
  phone: '+91 80 4123 4567' as PhoneNumber,
  country: 'IN' as CountryCode,
  currency: 'INR' as CurrencyCode,
};

const ARJUN = '0197c2a0-0000-7000-8000-000000000001' as TechnicianId;
const MEERA = '0197c2a0-0000-7000-8000-000000000002' as TechnicianId;

export const SAMPLE_TECHNICIANS: readonly Technician[] = [
  { id: ARJUN, name: 'Arjun', active: true, addedAt: 0 },
  { id: MEERA, name: 'Meera', active: true, addedAt: 0 },
];

/** 1 Jul 2025, 09:00 UTC: 14:30 in Bengaluru. */
export const SAMPLE_AT = Date.UTC(2025, 6, 1, 9, 0, 0);

export interface SampleOptions {
  readonly customerName?: string;
  readonly complaint?: string;
  readonly serial?: string;
  readonly brand?: BrandId;
  readonly invoiceDate?: string | null;
  readonly findings?: WarrantyFacts['findings'];
  readonly sticker?: WarrantyFacts['warrantySticker'];
  readonly quote?: Cents | null;
  readonly accessories?: readonly string[];
  readonly withHistory?: boolean;
}

/** A ticket as getTicket returns it, with the engine's real decision under the brand's policy. */
export function sampleDetail(options: SampleOptions = {}): {
  detail: TicketDetail;
  policy: CompiledPolicy;
} {
  const brand = options.brand ?? 'xinji';
  const policy = samplePolicy(brand);
  const visitDate = d('2025-07-01');
  const invoiceDate = options.invoiceDate === undefined ? '2025-03-15' : options.invoiceDate;
  const facts: WarrantyFacts = {
    component: 'body',
    invoiceDate: invoiceDate === null ? undefined : d(invoiceDate),
    proofOfPurchase: invoiceDate !== null,
    warrantyCard: true,
    purchaseChannel: 'authorized_dealer',
    purchaseCountry: 'IN' as CountryCode,
    serviceCountry: 'IN' as CountryCode,
    warrantySticker: options.sticker ?? 'intact',
    findings: options.findings ?? [],
  };
  const decision = evaluate(policy, facts, visitDate);
  const ticketId = '0197c2a0-0000-7000-8000-0000000000a1' as TicketId;
  const number = 'BLR01-250701-007' as TicketNumber;
  const quote: Money | null =
    options.quote === undefined || options.quote === null
      ? null
      : { amount: options.quote, currency: 'INR' as CurrencyCode };
  let n = 0;
  const event = (at: number, who: TechnicianId, body: Record<string, unknown>): TicketEventRow =>
    ({
      id: `0197c2a0-0000-7000-8000-0000000001${String(++n).padStart(2, '0')}` as EventId,
      ticketId,
      technicianId: who,
      at,
      ...body,
    }) as TicketEventRow;
  const events: TicketEventRow[] = [
    event(SAMPLE_AT, ARJUN, { kind: 'created', number, status: 'received' }),
    event(SAMPLE_AT, ARJUN, { kind: 'decision', cause: 'intake', decision, facts, visitDate }),
  ];
  if (options.withHistory === true) {
    events.push(
      event(SAMPLE_AT + 3_600_000, MEERA, {
        kind: 'status',
        from: 'received',
        to: 'diagnosing',
        reason: '',
      }),
      event(SAMPLE_AT + 7_200_000, MEERA, {
        kind: 'diagnosis',
        newFindings: [],
        summary: 'Display connector loose; reseated and tested for 30 minutes.',
      }),
      event(SAMPLE_AT + 7_300_000, MEERA, {
        kind: 'note',
        text: 'Customer asked for a call before pickup.',
      }),
    );
  }
  const detail: TicketDetail = {
    ticket: {
      id: ticketId,
      number,
      center: SAMPLE_CENTER.code,
      customerId: '0197c2a0-0000-7000-8000-0000000000c1' as CustomerId,
      deviceId: '0197c2a0-0000-7000-8000-0000000000d1' as DeviceId,
      serial: (options.serial ?? 'XJ20240001ABCD') as SerialNumber,
      brand,
      status: 'received',
      visitDate,
      createdAt: SAMPLE_AT,
      updatedAt: SAMPLE_AT,
      receivedBy: ARJUN,
      complaint: options.complaint ?? 'Screen stays black after charging overnight.',
      accessories: options.accessories ?? ['charger', 'original box'],
      component: 'body',
      findings: facts.findings,
      decision: {
        policyId: decision.policyId,
        policyVersion: decision.policyVersion,
        covered: decision.covered,
        charge: decision.charge,
        provisional: decision.provisional,
        lastCoveredDay: decision.lastCoveredDay,
      },
      quote,
    },
    customer: {
      id: '0197c2a0-0000-7000-8000-0000000000c1' as CustomerId,
      name: options.customerName ?? 'Priya Raman',
      phone: '+91 98765 43210' as PhoneNumber,
      createdAt: SAMPLE_AT,
      updatedAt: SAMPLE_AT,
    },
    device: {
      id: '0197c2a0-0000-7000-8000-0000000000d1' as DeviceId,
      brand,
      serial: (options.serial ?? 'XJ20240001ABCD') as SerialNumber,
      model: 'XINJI Cobee C5',
      invoiceNumber: 'INV-7781',
      invoiceDate: invoiceDate === null ? null : d(invoiceDate),
      activationDate: null,
      purchaseChannel: 'authorized_dealer',
      purchaseCountry: 'IN' as CountryCode,
      createdAt: SAMPLE_AT,
      updatedAt: SAMPLE_AT,
    },
    events,
    decisions: events.filter(
      (e): e is Extract<TicketEventRow, { kind: 'decision' }> => e.kind === 'decision',
    ),
    photos: [
      {
        id: '0197c2a0-0000-7000-8000-0000000000f1' as PhotoId,
        ticketId,
        kind: 'signature',
        type: 'image/png',
        size: 1,
        createdAt: SAMPLE_AT,
      },
    ],
  };
  return { detail, policy };
}

/** A document input for a sample ticket, printed at SAMPLE_AT in Bengaluru. */
export function sampleInput(
  options: SampleOptions = {},
  extras: Partial<DocumentExtras> = {},
): DocumentInput {
  const { detail, policy } = sampleDetail(options);
  return documentInputFrom(detail, SAMPLE_CENTER, policy, {
    technicians: SAMPLE_TECHNICIANS,
    printedAt: SAMPLE_AT + 60_000,
    timeZone: 'Asia/Kolkata',
    ...extras,
  });
}
