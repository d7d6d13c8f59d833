/**
 * Mutations as a counter would send them, built from the protocol's types, for HQ's own tests and
 * the benchmark's raw baseline. (The cross-module tests use the counter's real commands.)
 */
import type { PlainDate } from '../../shared/dates/plainDate';
import {
  createUuidV7Source,
  type CustomerId,
  type DeviceId,
  type EventId,
  type IdSource,
  type TechnicianId,
  type TicketId,
} from '../../shared/domain/ids';
import type { PhoneNumber } from '../../shared/domain/phone';
import type { SerialNumber } from '../../shared/domain/serial';
import { formatTicketNumber, type CenterCode, type TicketStatus } from '../../shared/domain/ticket';
import type { MutationOf } from '../../shared/sync/mutations';
import type { PushMutation } from '../../shared/sync/protocol';
import type { WarrantyDecisionData } from '../../shared/sync/records';
import type { CountryCode } from '../../shared/warranty/countries';

/** xorshift32 bytes: the same ids on every run. */
export function seededBytes(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

export function fixtureIds(seed: number, start = Date.UTC(2025, 6, 1)): IdSource {
  let t = start;
  return createUuidV7Source(() => (t += 1), seededBytes(seed));
}

const VISIT = '2025-07-01' as PlainDate;

export function decision(over: Partial<WarrantyDecisionData> = {}): WarrantyDecisionData {
  return {
    policyId: 'xinji',
    policyVersion: 1,
    visitDate: VISIT,
    component: 'body',
    covered: true,
    charge: 'free',
    warrantyStart: '2025-03-15' as PlainDate,
    warrantyStartSource: 'invoice_date',
    lastCoveredDay: '2026-03-15' as PlainDate,
    daysLeft: 257,
    reasons: [
      {
        code: 'within_period',
        effect: 'covers',
        clauseId: 'xinji.duration',
        clauseText: 'The warranty period is 12 months from the date of purchase.',
      },
    ],
    missingEvidence: [],
    provisional: false,
    remedies: [{ remedy: 'free_repair', clauseId: 'xinji.remedy', clauseText: 'Free repair.' }],
    ...over,
  };
}

export interface TicketFixture {
  readonly mutation: MutationOf<'createTicket'>;
  readonly ticketId: TicketId;
  readonly number: string;
}

export function createTicketMutation(input: {
  readonly ids: IdSource;
  readonly center: string;
  readonly sequence: number;
  readonly serial?: string;
  readonly technicianId: string;
  readonly at: number;
  readonly charge?: 'free' | 'paid';
}): TicketFixture {
  const { ids, at } = input;
  const center = input.center as CenterCode;
  const ticketId = ids() as TicketId;
  const customerId = ids() as CustomerId;
  const deviceId = ids() as DeviceId;
  const tech = input.technicianId as TechnicianId;
  const serial = (input.serial ?? `XJ${String(input.sequence).padStart(10, '0')}`) as SerialNumber;
  const number = formatTicketNumber(center, VISIT, input.sequence);
  const d = decision(
    input.charge === 'paid' ? { covered: false, charge: 'paid', remedies: [] } : {},
  );
  const facts = {
    component: 'body' as const,
    invoiceDate: '2025-03-15' as PlainDate,
    proofOfPurchase: true,
    warrantyCard: true,
    purchaseChannel: 'authorized_dealer' as const,
    purchaseCountry: 'IN' as CountryCode,
    serviceCountry: 'IN' as CountryCode,
    warrantySticker: 'intact' as const,
    findings: [],
  };
  return {
    ticketId,
    number,
    mutation: {
      name: 'createTicket',
      args: {
        customer: {
          kind: 'new',
          customer: {
            id: customerId,
            name: 'Priya Raman',
            phone: '+919876543210' as PhoneNumber,
            createdAt: at,
            updatedAt: at,
          },
        },
        device: {
          id: deviceId,
          brand: 'xinji',
          serial,
          model: 'XINJI Cobee C5',
          invoiceNumber: 'INV-7781',
          invoiceDate: '2025-03-15' as PlainDate,
          activationDate: null,
          purchaseChannel: 'authorized_dealer',
          purchaseCountry: 'IN' as CountryCode,
          createdAt: at,
          updatedAt: at,
        },
        ticket: {
          id: ticketId,
          number,
          center,
          customerId,
          deviceId,
          serial,
          brand: 'xinji',
          status: 'received',
          visitDate: VISIT,
          createdAt: at,
          updatedAt: at,
          receivedBy: tech,
          complaint: 'Screen stays black after charging.',
          accessories: ['charger'],
          component: 'body',
          findings: [],
          decision: {
            policyId: d.policyId,
            policyVersion: d.policyVersion,
            covered: d.covered,
            charge: d.charge,
            provisional: d.provisional,
            lastCoveredDay: d.lastCoveredDay,
          },
          quote: null,
        },
        events: [
          {
            id: ids() as EventId,
            ticketId,
            at,
            technicianId: tech,
            kind: 'created',
            number,
            status: 'received',
          },
          {
            id: ids() as EventId,
            ticketId,
            at,
            technicianId: tech,
            kind: 'decision',
            cause: 'intake',
            decision: d,
            facts,
            visitDate: VISIT,
          },
        ],
        photos: [],
      },
    },
  };
}

export function statusMutation(input: {
  readonly ids: IdSource;
  readonly ticketId: string;
  readonly from: TicketStatus;
  readonly to: TicketStatus;
  readonly technicianId: string;
  readonly at: number;
}): MutationOf<'changeStatus'> {
  return {
    name: 'changeStatus',
    args: {
      event: {
        id: input.ids() as EventId,
        ticketId: input.ticketId as TicketId,
        at: input.at,
        technicianId: input.technicianId as TechnicianId,
        kind: 'status',
        from: input.from,
        to: input.to,
        reason: '',
      },
    },
  };
}

export function noteMutation(input: {
  readonly ids: IdSource;
  readonly ticketId: string;
  readonly technicianId: string;
  readonly at: number;
  readonly text: string;
}): MutationOf<'addNote'> {
  return {
    name: 'addNote',
    args: {
      event: {
        id: input.ids() as EventId,
        ticketId: input.ticketId as TicketId,
        at: input.at,
        technicianId: input.technicianId as TechnicianId,
        kind: 'note',
        text: input.text,
      },
    },
  };
}

/** Numbers mutations from `first`, as an outbox would. */
export function numbered(
  first: number,
  mutations: readonly { readonly name: string; readonly args: unknown }[],
  at: number,
): PushMutation[] {
  return mutations.map((m, i) => ({ mutationId: first + i, name: m.name, args: m.args, at }));
}

/**
 * A realistic outbox of `n` mutations: tickets, each followed by a note and two status changes
 * (received → diagnosing → repairing).
 */
export function backlog(
  n: number,
  center: string,
  seed = 1,
  technicianId = '01970000-0000-7000-8000-000000000001',
): PushMutation[] {
  const ids = fixtureIds(seed);
  const out: { name: string; args: unknown }[] = [];
  let seq = 0;
  while (out.length < n) {
    seq += 1;
    const at = Date.UTC(2025, 6, 1, 9) + seq * 1000;
    const t = createTicketMutation({ ids, center, sequence: seq, technicianId, at });
    out.push(t.mutation);
    out.push(
      noteMutation({ ids, ticketId: t.ticketId, technicianId, at: at + 1, text: 'Checked.' }),
    );
    out.push(
      statusMutation({
        ids,
        ticketId: t.ticketId,
        from: 'received',
        to: 'diagnosing',
        technicianId,
        at: at + 2,
      }),
    );
    out.push(
      statusMutation({
        ids,
        ticketId: t.ticketId,
        from: 'diagnosing',
        to: 'repairing',
        technicianId,
        at: at + 3,
      }),
    );
  }
  return numbered(1, out.slice(0, n), Date.UTC(2025, 6, 1, 9));
}

/** A parts catalog in the counter's format (shared/parts/catalog.ts), for publishing tests. */
export function partsCatalog(version: number, name = 'Display assembly'): unknown {
  return {
    version,
    editableAtCenter: false,
    parts: [
      {
        partNumber: 'XJ-C5-LCD',
        brand: 'xinji',
        name,
        models: ['XINJI Cobee C5'],
        unitPrice: { amount: 245000, currency: 'INR' },
        returnToHq: true,
        serialized: true,
        lowStockThreshold: 2,
      },
    ],
  };
}
