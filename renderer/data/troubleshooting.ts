/*
 * The brand's support steps tried at the counter before a repair is opened (issue 8): the
 * bundled knowledge bases, the check that turns what the intake screen sends into the ticket's
 * `troubleshooting` event (createTicket writes it in its one transaction), and the report of
 * walk-ins resolved without a repair.
 */
import { csvRecord, type CsvCell } from '../../shared/lib/csv';
import Dexie from 'dexie';
import { bundledKnowledgeBaseFiles } from '../../policies/knowledgeBase';
import { isPlainDate, toDayNumber, type PlainDate } from '../../shared/dates/plainDate';
import { BRAND_NAMES, BRANDS, isBrandId, type BrandId } from '../../shared/domain/brand';
import { fieldError, type FieldError } from '../../shared/domain/fieldError';
import type { TicketId } from '../../shared/domain/ids';
import { charCount } from '../../shared/domain/text';
import {
  checkInitialStatus,
  INITIAL_STATUSES,
  TICKET_STATUS_LABELS,
  type InitialStatus,
} from '../../shared/domain/ticket';
import { err, ok, type Result } from '../../shared/lib/result';
import {
  TROUBLESHOOTING_OUTCOMES,
  TROUBLESHOOTING_RESULTS,
  type TroubleshootingOutcome,
  type TroubleshootingResult,
} from '../../shared/sync/records';
import { loadKnowledgeBase, type KnowledgeBase } from '../../shared/troubleshooting/load';
import { buildSearchIndex, type SearchIndex } from '../../shared/troubleshooting/search';
import type { CounterDb, TicketEventBody, TicketEventRow } from './db';

// ---------------------------------------------------------------------------------------------
// The bundled knowledge bases, one per brand (their ids are the brand ids)

let loaded: ReadonlyMap<string, KnowledgeBase> | null = null;
const indexes = new Map<string, SearchIndex>();

/** Every bundled knowledge base, validated once on first use (a bad bundled file is a defect). */
function knowledgeBases(): ReadonlyMap<string, KnowledgeBase> {
  loaded ??= new Map(
    bundledKnowledgeBaseFiles.map(({ file, json }) => {
      const kb = loadKnowledgeBase(json, file);
      return [kb.id, kb] as const;
    }),
  );
  return loaded;
}

/** The support answers for a brand's watches, or null when none are bundled. */
export function knowledgeBaseFor(brand: BrandId): KnowledgeBase | null {
  return knowledgeBases().get(brand) ?? null;
}

/** The brand's knowledge base ready to search; built once per brand, then reused. */
export function searchIndexFor(brand: BrandId): SearchIndex | null {
  const kb = knowledgeBaseFor(brand);
  if (kb === null) return null;
  let index = indexes.get(kb.id);
  if (index === undefined) {
    index = buildSearchIndex(kb);
    indexes.set(kb.id, index);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// What the intake sends with createTicket

export interface TroubleshootingStepInput {
  /** The step's position in the symptom's steps, from 0. */
  readonly index: number;
  readonly tried: boolean;
  readonly result: TroubleshootingResult;
}

/**
 * The steps tried for one symptom of the brand's knowledge base, as the intake sends them. The
 * words (symptom name, step texts) are taken from the knowledge base, not from here.
 */
export interface TroubleshootingInput {
  readonly kb: { readonly brand: BrandId; readonly version: number };
  readonly symptomId: string;
  /** Steps not listed count as not tried. */
  readonly steps: readonly TroubleshootingStepInput[];
  readonly outcome: TroubleshootingOutcome;
  /** What the customer was told; blank is left out. */
  readonly advice?: string;
}

export type TroubleshootingEventBody = Extract<TicketEventBody, { kind: 'troubleshooting' }>;
export type TroubleshootingEventRow = Extract<TicketEventRow, { kind: 'troubleshooting' }>;

export const MAX_ADVICE_LENGTH = 2000;

export interface CheckedOpening {
  /** The status the ticket is created in. */
  readonly status: InitialStatus;
  /** The event to append with the ticket's first events; null without troubleshooting. */
  readonly event: TroubleshootingEventBody | null;
}

const FIELD = 'troubleshooting';

/**
 * Checks the troubleshooting part of a new ticket against the watch's brand and the bundled
 * knowledge base, and the status it opens in: "No fault found / advice given" only together with
 * the outcome `resolved`. Every problem names its field and says what to do.
 */
export function checkTicketOpening(
  input: { readonly troubleshooting?: TroubleshootingInput | null; readonly status?: string },
  brand: BrandId,
): Result<CheckedOpening, FieldError[]> {
  const errors: FieldError[] = [];
  const t = input.troubleshooting ?? null;
  const status = input.status ?? 'received';
  const outcomeOk =
    t === null || (TROUBLESHOOTING_OUTCOMES as readonly string[]).includes(t.outcome);
  if (!outcomeOk) {
    errors.push(
      fieldError(FIELD, 'Choose whether it was resolved at the counter or continues to a repair.'),
    );
  }
  const initial = (INITIAL_STATUSES as readonly string[]).includes(status)
    ? (status as InitialStatus)
    : null;
  if (initial === null) {
    errors.push(
      fieldError(
        'status',
        `A new ticket starts as "${TICKET_STATUS_LABELS.received}", or as "${TICKET_STATUS_LABELS.no_fault_found}" when the steps tried at the counter resolved the complaint.`,
      ),
    );
  } else if (outcomeOk) {
    const check = checkInitialStatus(initial, t?.outcome ?? null);
    if (!check.allowed) errors.push(fieldError('status', check.reason));
  }
  if (t === null) {
    return errors.length > 0 || initial === null
      ? err(errors)
      : ok({ status: initial, event: null });
  }

  const event = troubleshootingEvent(t, brand, errors);
  return errors.length > 0 || initial === null || event === null
    ? err(errors)
    : ok({ status: initial, event });
}

/** The event for `t`, or null with the reasons in `errors`. */
function troubleshootingEvent(
  t: TroubleshootingInput,
  brand: BrandId,
  errors: FieldError[],
): TroubleshootingEventBody | null {
  const kbBrand = isBrandId(t.kb.brand) ? t.kb.brand : null;
  if (kbBrand === null || kbBrand !== brand) {
    errors.push(
      fieldError(
        FIELD,
        `The steps tried are for ${kbBrand === null ? 'another brand' : BRAND_NAMES[kbBrand]}, but the watch is a ${BRAND_NAMES[brand]}: choose the symptom again for this brand.`,
      ),
    );
    return null;
  }
  const kb = knowledgeBaseFor(brand);
  if (kb === null) {
    errors.push(
      fieldError(
        FIELD,
        `This counter has no support steps for ${BRAND_NAMES[brand]} watches: create the ticket without them.`,
      ),
    );
    return null;
  }
  if (kb.version !== t.kb.version) {
    errors.push(
      fieldError(
        FIELD,
        `The steps tried come from version ${t.kb.version} of ${BRAND_NAMES[brand]}’s support answers, but this counter has version ${kb.version}: choose the symptom again.`,
      ),
    );
    return null;
  }
  const symptom = kb.symptomById.get(t.symptomId);
  if (symptom === undefined) {
    errors.push(
      fieldError(
        FIELD,
        `${BRAND_NAMES[brand]}’s support answers have no symptom "${t.symptomId}": choose the symptom again.`,
      ),
    );
    return null;
  }

  const given = new Map<number, TroubleshootingStepInput>();
  t.steps.forEach((s, i) => {
    const at = `${FIELD}.steps[${i}]`;
    const n = s.index + 1;
    if (!Number.isInteger(s.index) || s.index < 0 || s.index >= symptom.steps.length) {
      errors.push(fieldError(at, `"${symptom.name}" has no step ${n}: choose the symptom again.`));
    } else if (given.has(s.index)) {
      errors.push(fieldError(at, `Step ${n} is listed twice: record each step once.`));
    } else if (!(TROUBLESHOOTING_RESULTS as readonly string[]).includes(s.result)) {
      errors.push(fieldError(at, `Say what happened after step ${n}: “Helped” or “No change”.`));
    } else if (s.tried && s.result === 'not_tried') {
      errors.push(fieldError(at, `Say what happened after step ${n}: “Helped” or “No change”.`));
    } else if (!s.tried && s.result !== 'not_tried') {
      errors.push(fieldError(at, `Tick “Tried” for step ${n}, or clear what happened.`));
    } else {
      given.set(s.index, s);
    }
  });

  const advice = t.advice ?? '';
  if (charCount(advice) > MAX_ADVICE_LENGTH) {
    errors.push(
      fieldError(
        `${FIELD}.advice`,
        `Shorten the advice to ${MAX_ADVICE_LENGTH} characters or fewer.`,
      ),
    );
  }
  const steps = symptom.steps.map((q, index) => {
    const s = given.get(index);
    return {
      index,
      text: q.text,
      tried: s?.tried ?? false,
      result: s?.result ?? ('not_tried' as const),
    };
  });
  const tried = steps.filter((s) => s.tried);
  if (t.outcome === 'continue' && tried.length === 0) {
    errors.push(
      fieldError(
        FIELD,
        'Tick the steps tried at the counter, or go back and create the ticket without them.',
      ),
    );
  }
  if (
    t.outcome === 'resolved' &&
    !tried.some((s) => s.result === 'helped') &&
    advice.trim() === ''
  ) {
    errors.push(
      fieldError(
        FIELD,
        'Mark the step that helped, or write the advice given: that is what resolved it at the counter.',
      ),
    );
  }
  return {
    kind: 'troubleshooting',
    kb: { brand, version: kb.version },
    symptomId: symptom.id,
    symptomName: symptom.name,
    steps,
    outcome: t.outcome,
    ...(advice.trim() === '' ? {} : { advice }),
  };
}

// ---------------------------------------------------------------------------------------------
// Report: walk-ins resolved at the counter and continued to a repair, by visit date

export interface ReportRangeInput {
  /** `YYYY-MM-DD`, as typed. */
  readonly from: string;
  readonly to: string;
}

export interface SymptomTally {
  readonly brand: BrandId;
  readonly symptomId: string;
  /** As the latest ticket in the range recorded it. */
  readonly symptomName: string;
  readonly resolved: number;
  readonly continued: number;
}

export interface BrandTally {
  readonly brand: BrandId;
  /** Every ticket of the brand's watches in the range. */
  readonly walkIns: number;
  readonly resolved: number;
  readonly continued: number;
}

export interface TroubleshootingReport {
  readonly from: PlainDate;
  readonly to: PlainDate;
  /** By brand (in the counter's brand order), then the most tried first, then by name. */
  readonly bySymptom: readonly SymptomTally[];
  /** The brands with walk-ins in the range, in the counter's brand order. */
  readonly byBrand: readonly BrandTally[];
  readonly total: {
    readonly walkIns: number;
    readonly resolved: number;
    readonly continued: number;
  };
}

export function checkReportRange(
  range: ReportRangeInput,
): Result<{ readonly from: PlainDate; readonly to: PlainDate }, FieldError[]> {
  const errors: FieldError[] = [];
  const from = range.from.trim();
  const to = range.to.trim();
  if (!isPlainDate(from)) errors.push(fieldError('from', 'Enter the first day as a date.'));
  if (!isPlainDate(to)) errors.push(fieldError('to', 'Enter the last day as a date.'));
  if (isPlainDate(from) && isPlainDate(to)) {
    if (from > to) {
      errors.push(fieldError('to', `The last day is before the first (${from}): swap them.`));
    } else {
      return ok({ from, to });
    }
  }
  return err(errors);
}

/** A ticket as the report needs it. */
export interface ReportTicket {
  readonly id: TicketId;
  readonly brand: BrandId;
  readonly visitDate: PlainDate;
}

/**
 * Counts the tickets with a visit date in [from, to] and their troubleshooting events (the first
 * of each ticket). Pure: the query below gathers the rows.
 */
export function tallyTroubleshooting(
  from: PlainDate,
  to: PlainDate,
  tickets: readonly ReportTicket[],
  events: readonly TroubleshootingEventRow[],
): TroubleshootingReport {
  const inRange = new Map<string, ReportTicket>();
  for (const t of tickets) if (t.visitDate >= from && t.visitDate <= to) inRange.set(t.id, t);

  const brands = new Map<BrandId, { walkIns: number; resolved: number; continued: number }>();
  const brandTally = (b: BrandId) => {
    let x = brands.get(b);
    if (x === undefined) {
      x = { walkIns: 0, resolved: 0, continued: 0 };
      brands.set(b, x);
    }
    return x;
  };
  for (const t of inRange.values()) brandTally(t.brand).walkIns += 1;

  interface Tally {
    readonly brand: BrandId;
    readonly symptomId: string;
    symptomName: string;
    resolved: number;
    continued: number;
    /** When the name was recorded: the latest name wins. */
    at: number;
  }
  const symptoms = new Map<string, Tally>();
  const counted = new Set<string>();
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const ticket = inRange.get(e.ticketId);
    if (ticket === undefined || counted.has(e.ticketId)) continue;
    counted.add(e.ticketId);
    // The ticket's brand, not the knowledge base's: the command keeps them equal.
    const key = `${ticket.brand}\u0000${e.symptomId}`;
    let s = symptoms.get(key);
    if (s === undefined) {
      s = {
        brand: ticket.brand,
        symptomId: e.symptomId,
        symptomName: e.symptomName,
        resolved: 0,
        continued: 0,
        at: e.at,
      };
      symptoms.set(key, s);
    }
    if (e.at >= s.at) {
      s.symptomName = e.symptomName;
      s.at = e.at;
    }
    if (e.outcome === 'resolved') {
      s.resolved += 1;
      brandTally(ticket.brand).resolved += 1;
    } else {
      s.continued += 1;
      brandTally(ticket.brand).continued += 1;
    }
  }

  const brandOrder = (b: BrandId) => BRANDS.indexOf(b);
  const bySymptom = [...symptoms.values()]
    .map(({ brand, symptomId, symptomName, resolved, continued }) => ({
      brand,
      symptomId,
      symptomName,
      resolved,
      continued,
    }))
    .sort(
      (a, b) =>
        brandOrder(a.brand) - brandOrder(b.brand) ||
        b.resolved + b.continued - (a.resolved + a.continued) ||
        b.resolved - a.resolved ||
        a.symptomName.localeCompare(b.symptomName),
    );
  const byBrand = [...brands.entries()]
    .map(([brand, x]) => ({ brand, ...x }))
    .sort((a, b) => brandOrder(a.brand) - brandOrder(b.brand));
  const total = { walkIns: 0, resolved: 0, continued: 0 };
  for (const b of byBrand) {
    total.walkIns += b.walkIns;
    total.resolved += b.resolved;
    total.continued += b.continued;
  }
  return { from, to, bySymptom, byBrand, total };
}

const DAY_MS = 86_400_000;
/**
 * A ticket's visit date is the center's calendar date when the intake form opened; its createdAt
 * is the clock when it was saved. They differ by the center's offset from UTC (at most 14 hours)
 * and by how long the form stayed open, so the createdAt window is the range widened by two days
 * each side and the visit date decides.
 */
const WINDOW_MARGIN_MS = 2 * DAY_MS;

/**
 * The report for visit dates [from, to]: walks the tickets by createdAt over the range (widened,
 * see above) and reads those tickets' events by [ticketId+at]; no full scan of either table.
 */
export async function troubleshootingReport(
  db: CounterDb,
  range: ReportRangeInput,
): Promise<Result<TroubleshootingReport, FieldError[]>> {
  const checked = checkReportRange(range);
  if (!checked.ok) return checked;
  const { from, to } = checked.value;
  const lo = toDayNumber(from) * DAY_MS - WINDOW_MARGIN_MS;
  const hi = (toDayNumber(to) + 1) * DAY_MS + WINDOW_MARGIN_MS;
  return db.transaction('r', [db.tickets, db.ticketEvents], async () => {
    const tickets: ReportTicket[] = [];
    await db.tickets
      .where('createdAt')
      .between(lo, hi, true, false)
      .each((t) => {
        if (t.visitDate >= from && t.visitDate <= to) {
          tickets.push({ id: t.id, brand: t.brand, visitDate: t.visitDate });
        }
      });
    const events: TroubleshootingEventRow[] = [];
    if (tickets.length > 0) {
      await db.ticketEvents
        .where('[ticketId+at]')
        .inAnyRange(
          tickets.map((t) => [
            [t.id, Dexie.minKey],
            [t.id, Dexie.maxKey],
          ]),
        )
        .each((e) => {
          if (e.kind === 'troubleshooting') events.push(e);
        });
    }
    return ok(tallyTroubleshooting(from, to, tickets, events));
  });
}

// ---------------------------------------------------------------------------------------------
// CSV

/** One CSV record and its CRLF (RFC 4180, with the formula guard of shared/lib/csv.ts). */
const csvLine = (cells: readonly CsvCell[]): string => `${csvRecord(cells)}\r\n`;

export const REPORT_CSV_HEADER = [
  'From',
  'To',
  'Brand',
  'Symptom ID',
  'Symptom',
  'Resolved at the counter',
  'Continued to repair',
  'Walk-ins',
] as const;

/**
 * One row per brand and symptom, then one per brand ("All symptoms", with its walk-ins) and one
 * for all brands. Every row carries the range, so rows stay meaningful when pasted elsewhere.
 */
export function troubleshootingReportCsv(report: TroubleshootingReport): string {
  const { from, to } = report;
  let out = csvLine(REPORT_CSV_HEADER);
  for (const s of report.bySymptom) {
    out += csvLine([
      from,
      to,
      BRAND_NAMES[s.brand],
      s.symptomId,
      s.symptomName,
      s.resolved,
      s.continued,
      '',
    ]);
  }
  for (const b of report.byBrand) {
    out += csvLine([
      from,
      to,
      BRAND_NAMES[b.brand],
      '',
      'All symptoms',
      b.resolved,
      b.continued,
      b.walkIns,
    ]);
  }
  const all = report.total;
  out += csvLine([
    from,
    to,
    'All brands',
    '',
    'All symptoms',
    all.resolved,
    all.continued,
    all.walkIns,
  ]);
  return out;
}

export const reportFileName = (report: TroubleshootingReport): string =>
  `troubleshooting ${report.from} to ${report.to}.csv`;
