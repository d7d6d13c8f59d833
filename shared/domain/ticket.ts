import { missingCaseError } from '../lib/assert';
import { formatCivil, parsePlainDate, type PlainDate } from '../dates/plainDate';

/**
 * A repair ticket's life. Paid work waits for the customer's approval of the quote; covered work
 * goes straight to parts or repair. `collected`, `cancelled`, `not_repairable` and
 * `no_fault_found` are ends.
 */
export const TICKET_STATUSES = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'awaiting_parts',
  'repairing',
  'ready_for_pickup',
  'collected',
  'cancelled',
  'not_repairable',
  /** Settled by the brand's support steps or advice; no repair (issue 8). */
  'no_fault_found',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export function isTicketStatus(x: unknown): x is TicketStatus {
  return typeof x === 'string' && (TICKET_STATUSES as readonly string[]).includes(x);
}

/** The allowed moves, as data: the UI offers exactly these, the commands accept exactly these. */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  received: ['diagnosing', 'no_fault_found', 'cancelled'],
  // No fault found: to pickup when the watch stays, or closed as advice given when the customer
  // takes it home there and then.
  diagnosing: [
    'awaiting_approval',
    'awaiting_parts',
    'repairing',
    'ready_for_pickup',
    'not_repairable',
    'no_fault_found',
    'cancelled',
  ],
  // The customer declining the quote is a cancellation.
  awaiting_approval: ['awaiting_parts', 'repairing', 'cancelled'],
  awaiting_parts: ['repairing', 'cancelled'],
  // A second fault found while repairing sends it back for parts.
  repairing: ['awaiting_parts', 'ready_for_pickup', 'not_repairable'],
  // The final check at handover can find the fault again.
  ready_for_pickup: ['collected', 'repairing'],
  collected: [],
  cancelled: [],
  not_repairable: [],
  no_fault_found: [],
};

export const isFinalStatus = (s: TicketStatus): boolean => TICKET_TRANSITIONS[s].length === 0;

export const TICKET_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  received: 'Received',
  diagnosing: 'Diagnosing',
  awaiting_approval: 'Awaiting approval',
  awaiting_parts: 'Awaiting parts',
  repairing: 'Repairing',
  ready_for_pickup: 'Ready for pickup',
  collected: 'Collected',
  cancelled: 'Cancelled',
  not_repairable: 'Not repairable',
  no_fault_found: 'No fault found / advice given',
};

/** What the transition check needs to know about the ticket beyond its status. */
export interface TransitionContext {
  /** The charge of the ticket's latest warranty decision. */
  readonly charge: 'free' | 'paid';
  /** Whether a quote has been set. */
  readonly hasQuote: boolean;
}

export type TransitionCheck =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOWED: TransitionCheck = { allowed: true };
const refuse = (reason: string): TransitionCheck => ({ allowed: false, reason });

/** Why a move is refused, in words for the counter, with what to do instead. */
export function checkTransition(
  from: TicketStatus,
  to: TicketStatus,
  context: TransitionContext,
): TransitionCheck {
  const label = (s: TicketStatus) => `"${TICKET_STATUS_LABELS[s]}"`;
  if (from === to) return refuse(`The ticket is already ${label(to)}.`);
  const next = TICKET_TRANSITIONS[from];
  if (next.length === 0) {
    return refuse(
      `The ticket is ${label(from)}, which is final: open a new ticket for a new visit.`,
    );
  }
  if (!next.includes(to)) {
    return refuse(
      `A ticket that is ${label(from)} cannot go to ${label(to)}; it can go to ${next.map(label).join(', ')}.`,
    );
  }
  if (to === 'awaiting_approval') {
    if (context.charge === 'free') {
      return refuse(
        'This repair is covered by the warranty, so there is nothing for the customer to approve: move it to "Awaiting parts" or "Repairing".',
      );
    }
    if (!context.hasQuote) return refuse('Set the quote first: the customer approves a price.');
  }
  if (from === 'awaiting_approval' && (to === 'awaiting_parts' || to === 'repairing')) {
    if (!context.hasQuote) return refuse('Set the quote the customer approved first.');
  }
  return ALLOWED;
}

/** Every status `from` can reach in one move under `context`. */
export function nextStatuses(from: TicketStatus, context: TransitionContext): TicketStatus[] {
  return TICKET_TRANSITIONS[from].filter((to) => checkTransition(from, to, context).allowed);
}

/** The statuses a ticket can be created in. */
export const INITIAL_STATUSES = [
  'received',
  'no_fault_found',
] as const satisfies readonly TicketStatus[];
export type InitialStatus = (typeof INITIAL_STATUSES)[number];

/**
 * How a new ticket may start: "Received", or "No fault found / advice given" when the brand's
 * support steps tried at the counter resolved the complaint, and only then. `outcome` is the
 * troubleshooting outcome recorded with the ticket, null when none was. One rule for the counter's
 * command and for HQ.
 */
export function checkInitialStatus(
  status: TicketStatus,
  outcome: 'resolved' | 'continue' | null,
): TransitionCheck {
  const label = (s: TicketStatus) => `"${TICKET_STATUS_LABELS[s]}"`;
  if (!(INITIAL_STATUSES as readonly TicketStatus[]).includes(status)) {
    return refuse(
      `A new ticket starts as ${label('received')}, or as ${label('no_fault_found')} when the steps tried at the counter resolved the complaint; not as ${label(status)}.`,
    );
  }
  if (status === 'no_fault_found' && outcome !== 'resolved') {
    return refuse(
      `A ticket is closed as ${label('no_fault_found')} at intake only when the steps tried at the counter resolved the complaint: record what was tried and what helped, or create the ticket as ${label('received')}.`,
    );
  }
  if (status === 'received' && outcome === 'resolved') {
    return refuse(
      `The steps tried at the counter resolved the complaint: close the ticket as ${label('no_fault_found')}, or record that it continues to a repair.`,
    );
  }
  return ALLOWED;
}

/** A status's place in the main path, for sorting and progress display. */
export function statusStage(s: TicketStatus): 'open' | 'waiting' | 'done' {
  switch (s) {
    case 'received':
    case 'diagnosing':
    case 'repairing':
      return 'open';
    case 'awaiting_approval':
    case 'awaiting_parts':
    case 'ready_for_pickup':
      return 'waiting';
    case 'collected':
    case 'cancelled':
    case 'not_repairable':
    case 'no_fault_found':
      return 'done';
    default:
      throw missingCaseError(s);
  }
}

// ---------------------------------------------------------------------------------------------
// Ticket numbers: CENTER-YYMMDD-NNN, unique per center without coordination.

declare const centerCodeBrand: unique symbol;
/** A center's short code on its ticket numbers: 2 to 10 upper-case letters and digits. */
export type CenterCode = string & { readonly [centerCodeBrand]: true };

declare const ticketNumberBrand: unique symbol;
export type TicketNumber = string & { readonly [ticketNumberBrand]: true };

const CENTER_CODE = /^[A-Z0-9]{2,10}$/;

export function isCenterCode(x: unknown): x is CenterCode {
  return typeof x === 'string' && CENTER_CODE.test(x);
}

/** Reads a center code as typed (`blr01` → `BLR01`); null when it is not 2–10 letters or digits. */
export function parseCenterCode(s: string): CenterCode | null {
  const c = s.trim().toUpperCase();
  return isCenterCode(c) ? c : null;
}

export interface TicketNumberParts {
  readonly center: CenterCode;
  readonly date: PlainDate;
  /** 1, 2, … within the center's day. */
  readonly sequence: number;
}

/**
 * `BLR01-250701-007`. The sequence is zero-padded to three digits and simply grows past 999
 * (`-1000`), so a busy day never fails to number a ticket. Years are 2000–2099.
 */
export function formatTicketNumber(
  center: CenterCode,
  date: PlainDate,
  sequence: number,
): TicketNumber {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`a ticket sequence is a whole number from 1, got ${sequence}`);
  }
  const year = Number(date.slice(0, 4));
  if (year < 2000 || year > 2099)
    throw new RangeError(`ticket numbers cover 2000–2099, got ${date}`);
  const yymmdd = date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
  return `${center}-${yymmdd}-${String(sequence).padStart(3, '0')}` as TicketNumber;
}

const TICKET_NUMBER = /^([A-Z0-9]{2,10})-(\d{2})(\d{2})(\d{2})-(\d{3,})$/;

/** Reads a ticket number as typed or scanned (any case, surrounding spaces); null when malformed. */
export function parseTicketNumber(s: string): TicketNumberParts | null {
  const m = TICKET_NUMBER.exec(s.trim().toUpperCase());
  if (m === null) return null;
  const [, center, yy, mm, dd, seq] = m;
  if (
    center === undefined ||
    yy === undefined ||
    mm === undefined ||
    dd === undefined ||
    seq === undefined
  ) {
    return null;
  }
  const date = parsePlainDate(formatCivil(2000 + Number(yy), Number(mm), Number(dd)));
  const sequence = Number(seq);
  // "0042" would format back as "042": only the canonical spelling is a ticket number.
  if (date === null || sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  if (seq.length > 3 && seq.startsWith('0')) return null;
  return { center: center as CenterCode, date, sequence };
}

/** The canonical spelling of a ticket number as typed, or null when it is not one. */
export function normalizeTicketNumber(s: string): TicketNumber | null {
  const p = parseTicketNumber(s);
  return p === null ? null : formatTicketNumber(p.center, p.date, p.sequence);
}
