import {
  checkInitialStatus,
  checkTransition,
  isFinalStatus,
  isTicketStatus,
  TICKET_STATUS_LABELS,
  type TicketStatus,
} from '../shared/domain/ticket';
import { missingCaseError } from '../shared/lib/assert';
import { err, ok, type Result } from '../shared/lib/result';
import {
  isMutationName,
  isPartsMutation,
  MutationSchema,
  rawMutationTicketId,
  type Mutation,
  type MutationOf,
} from '../shared/sync/mutations';
import type {
  MutationError,
  PushMutation,
  PushRequest,
  PushResponse,
  PushResult,
  RejectionCode,
} from '../shared/sync/protocol';
import {
  summarizeDecision,
  type AppSettingsData,
  type DecisionSummaryData,
  type MoneyData,
  type TicketEventData,
} from '../shared/sync/records';
import type { AuthedDevice } from './centers';
import { appendChanges } from './changes';
import type { HqContext } from './context';
import {
  int,
  intOrNull,
  json,
  sqlState,
  text,
  textOrNull,
  toJson,
  type Queryable,
  type Row,
} from './db/types';
import { describeIssues, HqError } from './errors';
import {
  applyPartsMutation,
  emptyPartsWrites,
  flushParts,
  loadPartsState,
  partsTicketIds,
  type PartsContext,
  type PartsState,
  type PartsWrites,
} from './parts';
import { registryChangesFor } from './registry';
import { sha256 } from './secrets';

/*
 * Applying a counter's outbox (DESIGN.md, "Sync with HQ"). A batch is applied in one database
 * transaction with the device's row locked, so two copies of one request (a retry racing the
 * original) are applied once: the second sees the first's last id.
 *
 *  - an id at or below the device's last applied id is acknowledged again (`already_applied`, or
 *    `rejected` with its original error, so a lost response never loses a rejection);
 *  - the first new id must be last + 1, and ids must follow on by one: a gap stops the batch;
 *  - a mutation that breaks a business rule is recorded as rejected and the last id still
 *    advances, so one bad entry never blocks the queue.
 *
 * The parts ledger's mutations (receiveStock … saveCatalogPart) follow the same rules in
 * hq/parts.ts, inside the same batch and transaction.
 *
 * The batch is checked against state loaded once and applied with a handful of set-based
 * statements, whatever its size. Should the database still refuse a write (a constraint the checks
 * did not foresee, a race with another counter), the batch is re-run one mutation at a time, each
 * in a savepoint, and only the mutation the database refused is rejected.
 */

type Rejection = { readonly code: RejectionCode; readonly message: string };
const reject = (code: RejectionCode, message: string): Result<never, Rejection> =>
  err({ code, message });

interface TicketState {
  readonly id: string;
  readonly centerCode: string;
  readonly number: string;
  status: TicketStatus;
  decision: DecisionSummaryData;
  quote: MoneyData | null;
  findings: readonly string[];
  component: string;
  updatedAt: number;
  /** Created in this batch: inserted with its final state. */
  readonly insert: Readonly<Record<string, unknown>> | null;
  dirty: boolean;
}

interface State {
  readonly device: AuthedDevice;
  readonly tickets: Map<string, TicketState>;
  /** id → center code, for records that exist (in the database or earlier in the batch). */
  readonly customers: Map<string, string>;
  readonly watches: Map<string, string>;
  readonly technicians: Map<string, string>;
  readonly events: Set<string>;
  readonly photos: Set<string>;
  /** The parts ledger's records the batch names (hq/parts.ts). */
  readonly parts: PartsState;
}

interface Writes {
  readonly customers: Map<string, Record<string, unknown>>;
  readonly watches: Map<string, Record<string, unknown>>;
  readonly technicians: Map<string, Record<string, unknown>>;
  readonly events: Record<string, unknown>[];
  readonly photos: Record<string, unknown>[];
  settings: AppSettingsData | null;
  readonly newTicketSerials: Set<string>;
  readonly parts: PartsWrites;
}

interface Applied {
  readonly mutationId: number;
  readonly name: string;
  readonly args: unknown;
  readonly at: number;
  readonly rejection: Rejection | null;
}

/** What a mutation says, fingerprinted: the same entry sent again has the same digest. */
const digestOf = (m: { readonly name: string; readonly args: unknown }): string =>
  sha256(`${m.name}\n${JSON.stringify(m.args ?? null)}`);

// ---------------------------------------------------------------------------------------------
// Validation and loading

function parseMutation(m: PushMutation): Result<Mutation, Rejection> {
  if (!isMutationName(m.name)) {
    return reject(
      'unknown_mutation',
      `HQ does not know the change "${m.name}": HQ may need an update before it can take it.`,
    );
  }
  const r = MutationSchema.safeParse({ name: m.name, args: m.args });
  if (!r.success) {
    return reject(
      'invalid_args',
      `The change "${m.name}" is malformed: ${describeIssues(r.error)}.`,
    );
  }
  return ok(r.data);
}

function eventsOf(m: Mutation): readonly TicketEventData[] {
  if (isPartsMutation(m)) return [];
  switch (m.name) {
    case 'createTicket':
    case 'recordDiagnosis':
      return m.args.events;
    case 'changeStatus':
    case 'addNote':
    case 'setQuote':
      return [m.args.event];
    case 'updateSettings':
    case 'addTechnician':
      return [];
    default:
      throw missingCaseError(m);
  }
}

// `= ANY($1::text[])` walks the primary key; `IN (SELECT jsonb_array_elements…)` would scan.

async function loadState(
  tx: Queryable,
  device: AuthedDevice,
  mutations: readonly Mutation[],
): Promise<State> {
  const ticketIds = new Set<string>();
  const customerIds = new Set<string>();
  const watchIds = new Set<string>();
  const technicianIds = new Set<string>();
  const eventIds = new Set<string>();
  const photoIds = new Set<string>();
  for (const m of mutations) {
    if (isPartsMutation(m)) {
      for (const id of partsTicketIds(m)) ticketIds.add(id);
      continue;
    }
    for (const e of eventsOf(m)) {
      ticketIds.add(e.ticketId);
      eventIds.add(e.id);
    }
    if (m.name === 'createTicket') {
      const a = m.args;
      ticketIds.add(a.ticket.id);
      customerIds.add(a.customer.kind === 'new' ? a.customer.customer.id : a.customer.id);
      watchIds.add(a.device.id);
      for (const p of a.photos) photoIds.add(p.id);
    } else if (m.name === 'addTechnician') {
      technicianIds.add(m.args.technician.id);
    } else if (m.name === 'updateSettings') {
      for (const t of m.args.settings.technicians) technicianIds.add(t.id);
    }
  }
  const select = async (sql: string, ids: Set<string>): Promise<Row[]> =>
    ids.size === 0 ? [] : tx.query(sql, [[...ids]]);
  const ticketRows = await select(
    `SELECT id, center_code, number, status, decision, quote, findings, component, updated_at
     FROM tickets WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    ticketIds,
  );
  const owners = async (table: string, ids: Set<string>) =>
    new Map(
      (await select(`SELECT id, center_code FROM ${table} WHERE id = ANY($1::text[])`, ids)).map(
        (r) => [text(r, 'id'), text(r, 'center_code')] as const,
      ),
    );
  const ids = async (table: string, set: Set<string>) =>
    new Set(
      (await select(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, set)).map((r) =>
        text(r, 'id'),
      ),
    );
  const tickets = new Map<string, TicketState>();
  for (const r of ticketRows) {
    const status = text(r, 'status');
    if (!isTicketStatus(status)) throw new Error(`ticket ${text(r, 'id')} has status ${status}`);
    tickets.set(text(r, 'id'), {
      id: text(r, 'id'),
      centerCode: text(r, 'center_code'),
      number: text(r, 'number'),
      status,
      // Written by this module from validated mutations.
      decision: json(r, 'decision') as DecisionSummaryData,
      quote: json(r, 'quote') as MoneyData | null,
      findings: json(r, 'findings') as string[],
      component: text(r, 'component'),
      updatedAt: int(r, 'updated_at'),
      insert: null,
      dirty: false,
    });
  }
  return {
    device,
    tickets,
    customers: await owners('customers', customerIds),
    watches: await owners('watches', watchIds),
    technicians: await owners('technicians', technicianIds),
    events: await ids('ticket_events', eventIds),
    photos: await ids('photos', photoIds),
    parts: await loadPartsState(
      tx,
      mutations.filter((m) => isPartsMutation(m)),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Business rules: each check reads the state; only a mutation that passes changes it.

const label = (s: TicketStatus) => `"${TICKET_STATUS_LABELS[s]}"`;

function ownTicket(state: State, ticketId: string): Result<TicketState, Rejection> {
  const t = state.tickets.get(ticketId);
  if (t === undefined) {
    return reject(
      'unknown_ticket',
      'HQ does not have this ticket, so the change to it was not recorded.',
    );
  }
  if (t.centerCode !== state.device.centerCode) {
    return reject(
      'wrong_center',
      `Ticket ${t.number} belongs to center ${t.centerCode}; this counter is enrolled at ${state.device.centerCode}, so HQ did not record the change.`,
    );
  }
  return ok(t);
}

function newEvents(
  state: State,
  events: readonly TicketEventData[],
  ticketId: string,
): Rejection | null {
  const seen = new Set<string>();
  for (const e of events) {
    if (e.ticketId !== ticketId) {
      return { code: 'invalid_args', message: 'The change mixes events of different tickets.' };
    }
    if (state.events.has(e.id) || seen.has(e.id)) {
      return { code: 'duplicate_record', message: `HQ already has the ticket event ${e.id}.` };
    }
    seen.add(e.id);
  }
  return null;
}

function addEvents(
  state: State,
  writes: Writes,
  events: readonly TicketEventData[],
  mutationId: number,
): void {
  for (const e of events) {
    state.events.add(e.id);
    writes.events.push({
      id: e.id,
      ticket_id: e.ticketId,
      kind: e.kind,
      at: e.at,
      technician_id: e.technicianId,
      body: e,
      device_id: state.device.id,
      mutation_id: mutationId,
    });
  }
}

function touch(t: TicketState, at: number): void {
  t.updatedAt = Math.max(t.updatedAt, at);
  t.dirty = true;
}

function createTicket(
  state: State,
  writes: Writes,
  m: MutationOf<'createTicket'>,
  mutationId: number,
): Rejection | null {
  const { customer, device: watch, ticket, events, photos } = m.args;
  const center = state.device.centerCode;
  if (ticket.center !== center) {
    return {
      code: 'wrong_center',
      message: `Ticket ${ticket.number} is numbered for center ${ticket.center}, but this counter is enrolled at ${center}. Check the center code in Settings.`,
    };
  }
  if (state.tickets.has(ticket.id)) {
    return { code: 'duplicate_record', message: `HQ already has ticket ${ticket.number}.` };
  }
  const customerId = customer.kind === 'new' ? customer.customer.id : customer.id;
  if (customerId !== ticket.customerId || watch.id !== ticket.deviceId) {
    return {
      code: 'invalid_args',
      message: 'The ticket names another customer or watch than the ones sent with it.',
    };
  }
  const customerCenter = state.customers.get(customerId);
  if (customer.kind === 'existing' && customerCenter === undefined) {
    return {
      code: 'unknown_customer',
      message: `HQ does not have the customer of ticket ${ticket.number}, so the ticket was not recorded.`,
    };
  }
  if (customerCenter !== undefined && customerCenter !== center) {
    return { code: 'wrong_center', message: 'The customer belongs to another center.' };
  }
  const watchCenter = state.watches.get(watch.id);
  if (watchCenter !== undefined && watchCenter !== center) {
    return { code: 'wrong_center', message: 'The watch record belongs to another center.' };
  }
  const eventProblem = newEvents(state, events, ticket.id);
  if (eventProblem !== null) return eventProblem;
  const openingProblem = openingStatus(m.args);
  if (openingProblem !== null) return openingProblem;
  for (const p of photos) {
    if (p.ticketId !== ticket.id || state.photos.has(p.id)) {
      return { code: 'invalid_args', message: 'A photo of the ticket is not its own.' };
    }
  }

  if (customer.kind === 'new') {
    const c = customer.customer;
    state.customers.set(c.id, center);
    writes.customers.set(c.id, {
      id: c.id,
      center_code: center,
      name: c.name,
      phone: c.phone,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    });
  }
  state.watches.set(watch.id, center);
  writes.watches.set(watch.id, {
    id: watch.id,
    center_code: center,
    brand: watch.brand,
    serial: watch.serial,
    model: watch.model,
    invoice_number: watch.invoiceNumber,
    invoice_date: watch.invoiceDate,
    activation_date: watch.activationDate,
    purchase_channel: watch.purchaseChannel,
    purchase_country: watch.purchaseCountry,
    created_at: watch.createdAt,
    updated_at: watch.updatedAt,
  });
  state.tickets.set(ticket.id, {
    id: ticket.id,
    centerCode: center,
    number: ticket.number,
    status: ticket.status,
    decision: ticket.decision,
    quote: ticket.quote,
    findings: ticket.findings,
    component: ticket.component,
    updatedAt: ticket.updatedAt,
    insert: {
      id: ticket.id,
      center_code: center,
      device_id: state.device.id,
      number: ticket.number,
      customer_id: ticket.customerId,
      watch_id: ticket.deviceId,
      serial: ticket.serial,
      brand: ticket.brand,
      visit_date: ticket.visitDate,
      received_by: ticket.receivedBy,
      complaint: ticket.complaint,
      accessories: ticket.accessories,
      created_at: ticket.createdAt,
    },
    dirty: true,
  });
  writes.newTicketSerials.add(ticket.serial);
  addEvents(state, writes, events, mutationId);
  for (const p of photos) {
    state.photos.add(p.id);
    writes.photos.push({
      id: p.id,
      ticket_id: p.ticketId,
      kind: p.kind,
      type: p.type,
      size: p.size,
      created_at: p.createdAt,
    });
  }
  return null;
}

/**
 * A new ticket starts as "Received", or closed as "No fault found" when the steps tried at the
 * counter (its `troubleshooting` event) resolved the complaint: the counter's own rule.
 */
function openingStatus({ ticket, events }: MutationOf<'createTicket'>['args']): Rejection | null {
  for (const e of events) {
    if (e.kind === 'created' && e.status !== ticket.status) {
      return {
        code: 'invalid_args',
        message: `Ticket ${ticket.number} says it is ${label(ticket.status)}, but its first event says ${label(e.status)}.`,
      };
    }
  }
  const tried = events.flatMap((e) => (e.kind === 'troubleshooting' ? [e] : []));
  if (tried.length > 1) {
    return {
      code: 'invalid_args',
      message: `Ticket ${ticket.number} records the steps tried at the counter more than once.`,
    };
  }
  const check = checkInitialStatus(ticket.status, tried[0]?.outcome ?? null);
  return check.allowed
    ? null
    : { code: 'invalid_transition', message: `Ticket ${ticket.number}: ${check.reason}` };
}

function wrongKind(name: string): Rejection {
  return { code: 'invalid_args', message: `The change "${name}" carries the wrong kind of event.` };
}

function ticketChange(
  state: State,
  writes: Writes,
  m: MutationOf<'changeStatus' | 'addNote' | 'setQuote' | 'recordDiagnosis'>,
  mutationId: number,
): Rejection | null {
  const events = eventsOf(m);
  const first = events[0];
  if (first === undefined) return wrongKind(m.name);
  const loaded = ownTicket(state, first.ticketId);
  if (!loaded.ok) return loaded.error;
  const t = loaded.value;
  const eventProblem = newEvents(state, events, t.id);
  if (eventProblem !== null) return eventProblem;
  const closed: Rejection = {
    code: 'ticket_closed',
    message: `Ticket ${t.number} is ${label(t.status)} at HQ, which is final: the change was not recorded.`,
  };

  switch (m.name) {
    case 'changeStatus': {
      const e = m.args.event;
      if (e.kind !== 'status') return wrongKind(m.name);
      if (e.from !== t.status) {
        return {
          code: 'invalid_transition',
          message: `Ticket ${t.number} is ${label(t.status)} at HQ, not ${label(e.from)}, so it cannot move to ${label(e.to)}.`,
        };
      }
      const check = checkTransition(e.from, e.to, {
        charge: t.decision.charge,
        hasQuote: t.quote !== null,
      });
      if (!check.allowed) return { code: 'invalid_transition', message: check.reason };
      t.status = e.to;
      touch(t, e.at);
      break;
    }
    case 'addNote': {
      const e = m.args.event;
      if (e.kind !== 'note') return wrongKind(m.name);
      touch(t, e.at);
      break;
    }
    case 'setQuote': {
      const e = m.args.event;
      if (e.kind !== 'quote') return wrongKind(m.name);
      if (isFinalStatus(t.status)) return closed;
      t.quote = e.quote;
      touch(t, e.at);
      break;
    }
    case 'recordDiagnosis': {
      if (isFinalStatus(t.status)) return closed;
      if (m.args.events.some((e) => e.kind !== 'diagnosis' && e.kind !== 'decision')) {
        return wrongKind(m.name);
      }
      for (const e of m.args.events) {
        if (e.kind === 'decision') {
          t.decision = summarizeDecision(e.decision);
          t.findings = e.facts.findings;
          t.component = e.facts.component;
        }
        touch(t, e.at);
      }
      break;
    }
    default:
      throw missingCaseError(m);
  }
  addEvents(state, writes, events, mutationId);
  return null;
}

function technicianRow(state: State, t: AppSettingsData['technicians'][number]) {
  return {
    id: t.id,
    center_code: state.device.centerCode,
    name: t.name,
    active: t.active,
    added_at: t.addedAt,
  };
}

function otherCentersTechnician(state: State, ids: readonly string[]): Rejection | null {
  for (const id of ids) {
    const owner = state.technicians.get(id);
    if (owner !== undefined && owner !== state.device.centerCode) {
      return { code: 'duplicate_record', message: 'A technician id belongs to another center.' };
    }
  }
  return null;
}

function partsContext(state: State): PartsContext {
  return {
    centerCode: state.device.centerCode,
    deviceId: state.device.id,
    ownTicket: (id) => ownTicket(state, id),
    touchTicket: (id, at) => {
      const t = state.tickets.get(id);
      if (t !== undefined) touch(t, at);
    },
  };
}

function applyOne(state: State, writes: Writes, m: Mutation, mutationId: number): Rejection | null {
  if (isPartsMutation(m)) {
    return applyPartsMutation(partsContext(state), state.parts, writes.parts, m, mutationId);
  }
  switch (m.name) {
    case 'createTicket':
      return createTicket(state, writes, m, mutationId);
    case 'changeStatus':
    case 'addNote':
    case 'setQuote':
    case 'recordDiagnosis':
      return ticketChange(state, writes, m, mutationId);
    case 'updateSettings': {
      const s = m.args.settings;
      if (s.center !== null && s.center.code !== state.device.centerCode) {
        return {
          code: 'wrong_center',
          message: `The counter's settings are for center ${s.center.code}, but it is enrolled at ${state.device.centerCode}. Correct the center code in Settings.`,
        };
      }
      const problem = otherCentersTechnician(
        state,
        s.technicians.map((t) => t.id),
      );
      if (problem !== null) return problem;
      writes.settings = s;
      for (const t of s.technicians) {
        state.technicians.set(t.id, state.device.centerCode);
        writes.technicians.set(t.id, technicianRow(state, t));
      }
      return null;
    }
    case 'addTechnician': {
      const t = m.args.technician;
      const problem = otherCentersTechnician(state, [t.id]);
      if (problem !== null) return problem;
      state.technicians.set(t.id, state.device.centerCode);
      writes.technicians.set(t.id, technicianRow(state, t));
      return null;
    }
    default:
      throw missingCaseError(m);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** One set-based statement over `rows`, passed as a single JSON parameter ($1). */
async function insertRows(
  tx: Queryable,
  sql: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  ...params: readonly unknown[]
): Promise<void> {
  if (rows.length > 0) await tx.query(sql, [toJson(rows), ...params]);
}

async function flush(
  tx: Queryable,
  state: State,
  writes: Writes,
  applied: readonly Applied[],
  now: number,
): Promise<void> {
  await insertRows(
    tx,
    `INSERT INTO customers (id, center_code, name, phone, created_at, updated_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, name text,
       phone text, created_at bigint, updated_at bigint)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone,
       updated_at = EXCLUDED.updated_at`,
    [...writes.customers.values()],
  );
  await insertRows(
    tx,
    `INSERT INTO watches (id, center_code, brand, serial, model, invoice_number, invoice_date,
       activation_date, purchase_channel, purchase_country, created_at, updated_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, brand text,
       serial text, model text, invoice_number text, invoice_date text, activation_date text,
       purchase_channel text, purchase_country text, created_at bigint, updated_at bigint)
     ON CONFLICT (id) DO UPDATE SET brand = EXCLUDED.brand, serial = EXCLUDED.serial,
       model = EXCLUDED.model, invoice_number = EXCLUDED.invoice_number,
       invoice_date = EXCLUDED.invoice_date, activation_date = EXCLUDED.activation_date,
       purchase_channel = EXCLUDED.purchase_channel, purchase_country = EXCLUDED.purchase_country,
       updated_at = EXCLUDED.updated_at`,
    [...writes.watches.values()],
  );
  const dirty = [...state.tickets.values()].filter((t) => t.dirty);
  const current = (t: TicketState) => ({
    status: t.status,
    decision: t.decision,
    quote: t.quote,
    findings: t.findings,
    component: t.component,
    updated_at: t.updatedAt,
  });
  await insertRows(
    tx,
    `INSERT INTO tickets (id, center_code, device_id, number, customer_id, watch_id, serial, brand,
       status, visit_date, component, findings, decision, quote, received_by, complaint,
       accessories, created_at, updated_at)
     SELECT id, center_code, device_id, number, customer_id, watch_id, serial, brand, status,
       visit_date, component, findings, decision, quote, received_by, complaint, accessories,
       created_at, updated_at
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, device_id text,
       number text, customer_id text, watch_id text, serial text, brand text, status text,
       visit_date text, component text, findings jsonb, decision jsonb, quote jsonb,
       received_by text, complaint text, accessories jsonb, created_at bigint, updated_at bigint)`,
    dirty.flatMap((t) => (t.insert === null ? [] : [{ ...t.insert, ...current(t) }])),
  );
  await insertRows(
    tx,
    `UPDATE tickets t SET status = u.status, decision = u.decision, quote = u.quote,
       findings = u.findings, component = u.component, updated_at = u.updated_at
     FROM jsonb_to_recordset($1::jsonb) AS u(id text, status text, decision jsonb, quote jsonb,
       findings jsonb, component text, updated_at bigint)
     WHERE t.id = u.id`,
    dirty.flatMap((t) => (t.insert === null ? [{ id: t.id, ...current(t) }] : [])),
  );
  await insertRows(
    tx,
    `INSERT INTO ticket_events (id, ticket_id, kind, at, technician_id, body, device_id,
       mutation_id)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, ticket_id text, kind text,
       at bigint, technician_id text, body jsonb, device_id text, mutation_id bigint)`,
    writes.events,
  );
  await insertRows(
    tx,
    `INSERT INTO photos (id, ticket_id, kind, type, size, created_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, ticket_id text, kind text,
       type text, size bigint, created_at bigint)`,
    writes.photos,
  );
  await flushParts(tx, writes.parts, now);
  await insertRows(
    tx,
    `INSERT INTO technicians (id, center_code, name, active, added_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, name text,
       active boolean, added_at bigint)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, active = EXCLUDED.active`,
    [...writes.technicians.values()],
  );
  if (writes.settings !== null) {
    await tx.query('UPDATE devices SET settings = $2::jsonb WHERE id = $1', [
      state.device.id,
      toJson(writes.settings),
    ]);
  }
  await logMutations(tx, state.device.id, applied, now);
}

async function logMutations(
  tx: Queryable,
  deviceId: string,
  applied: readonly Applied[],
  now: number,
): Promise<void> {
  await insertRows(
    tx,
    `INSERT INTO mutation_log (device_id, mutation_id, name, args, client_at, received_at, status,
       digest)
     SELECT device_id, mutation_id, name, COALESCE(args, 'null'::jsonb), client_at, $2, status,
       digest
     FROM jsonb_to_recordset($1::jsonb) AS r(device_id text, mutation_id bigint, name text,
       args jsonb, client_at bigint, status text, digest text)`,
    applied.map((a) => ({
      device_id: deviceId,
      mutation_id: a.mutationId,
      name: a.name,
      args: a.args ?? null,
      client_at: a.at,
      status: a.rejection === null ? 'applied' : 'rejected',
      digest: digestOf(a),
    })),
    now,
  );
  await insertRows(
    tx,
    `INSERT INTO rejected_mutations (device_id, mutation_id, name, ticket_id, code, message,
       rejected_at)
     SELECT device_id, mutation_id, name, ticket_id, code, message, rejected_at
     FROM jsonb_to_recordset($1::jsonb) AS r(device_id text, mutation_id bigint, name text,
       ticket_id text, code text, message text, rejected_at bigint)`,
    applied.flatMap((a) =>
      a.rejection === null
        ? []
        : [
            {
              device_id: deviceId,
              mutation_id: a.mutationId,
              name: a.name,
              ticket_id: rawMutationTicketId(a.name, a.args),
              code: a.rejection.code,
              message: a.rejection.message,
              rejected_at: now,
            },
          ],
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// A run of new mutations, in order

function emptyWrites(): Writes {
  return {
    customers: new Map(),
    watches: new Map(),
    technicians: new Map(),
    events: [],
    photos: [],
    settings: null,
    newTicketSerials: new Set(),
    parts: emptyPartsWrites(),
  };
}

/** Checks and applies `run` (consecutive new ids); returns each one's outcome. */
async function applyRun(
  tx: Queryable,
  device: AuthedDevice,
  run: readonly PushMutation[],
  now: number,
  serials: Set<string>,
): Promise<Applied[]> {
  const parsed = run.map((m) => ({ m, p: parseMutation(m) }));
  const state = await loadState(
    tx,
    device,
    parsed.flatMap(({ p }) => (p.ok ? [p.value] : [])),
  );
  const writes = emptyWrites();
  const applied = parsed.map(({ m, p }): Applied => {
    const rejection = p.ok ? applyOne(state, writes, p.value, m.mutationId) : p.error;
    return { mutationId: m.mutationId, name: m.name, args: m.args, at: m.at, rejection };
  });
  await flush(tx, state, writes, applied, now);
  for (const s of writes.newTicketSerials) serials.add(s);
  return applied;
}

/** Mutation by mutation, each in a savepoint: a write the database refuses rejects only its own. */
async function applyOneByOne(
  tx: Queryable,
  device: AuthedDevice,
  run: readonly PushMutation[],
  now: number,
  serials: Set<string>,
): Promise<Applied[]> {
  const out: Applied[] = [];
  for (const m of run) {
    await tx.query('SAVEPOINT one_mutation');
    try {
      out.push(...(await applyRun(tx, device, [m], now, serials)));
      await tx.query('RELEASE SAVEPOINT one_mutation');
    } catch (e) {
      const state = sqlState(e);
      if (state === null) throw e;
      await tx.query('ROLLBACK TO SAVEPOINT one_mutation');
      const refused: Applied = {
        mutationId: m.mutationId,
        name: m.name,
        args: m.args,
        at: m.at,
        rejection: {
          code: 'conflict',
          message: `HQ's database refused this change (${state}), so none of it was recorded.`,
        },
      };
      await logMutations(tx, device.id, [refused], now);
      out.push(refused);
    }
  }
  return out;
}

type Mode = 'batch' | 'one-by-one';

async function pushIn(
  tx: Queryable,
  device: AuthedDevice,
  req: PushRequest,
  now: number,
  mode: Mode,
): Promise<PushResponse> {
  const [row] = await tx.query(
    'SELECT last_mutation_id, revoked_at FROM devices WHERE id = $1 FOR UPDATE',
    [device.id],
  );
  if (row === undefined || intOrNull(row, 'revoked_at') !== null) {
    throw new HqError(
      401,
      'revoked_token',
      'HQ has revoked this counter’s access. Enroll it again.',
    );
  }
  const last = int(row, 'last_mutation_id');

  // In id order, each id once: a request may repeat one, and the first copy decides.
  const byId = new Map<number, PushMutation>();
  for (const m of [...req.mutations].sort((a, b) => a.mutationId - b.mutationId)) {
    if (!byId.has(m.mutationId)) byId.set(m.mutationId, m);
  }
  const acked: number[] = [];
  const run: PushMutation[] = [];
  let gap: PushResponse['gap'];
  let expected = last + 1;
  for (const m of byId.values()) {
    if (m.mutationId <= last) {
      acked.push(m.mutationId);
    } else if (m.mutationId === expected) {
      run.push(m);
      expected += 1;
    } else {
      gap = { expected, received: m.mutationId };
      break;
    }
  }

  // What HQ already has under the acknowledged numbers: the same entry again, or another one.
  const earlier = new Map<number, MutationError | null>();
  const reused = new Set<number>();
  if (acked.length > 0) {
    const rows = await tx.query(
      `SELECT l.mutation_id, l.digest, r.code, r.message
       FROM mutation_log l LEFT JOIN rejected_mutations r
         ON r.device_id = l.device_id AND r.mutation_id = l.mutation_id
       WHERE l.device_id = $1 AND l.mutation_id = ANY($2::bigint[])`,
      [device.id, acked],
    );
    for (const r of rows) {
      const id = int(r, 'mutation_id');
      const code = textOrNull(r, 'code');
      earlier.set(id, code === null ? null : { code, message: text(r, 'message') });
      const sent = byId.get(id);
      if (sent !== undefined && digestOf(sent) !== text(r, 'digest')) reused.add(id);
    }
  }
  // After a reused number nothing new is applied: the counter renumbers and sends it all again,
  // in its order.
  if (reused.size > 0) run.length = 0;

  const serials = new Set<string>();
  const applied =
    run.length === 0
      ? []
      : mode === 'batch'
        ? await applyRun(tx, device, run, now, serials)
        : await applyOneByOne(tx, device, run, now, serials);
  const rejectedCount = applied.filter((a) => a.rejection !== null).length;
  const lastMutationId = last + run.length;
  await tx.query(
    `UPDATE devices SET last_mutation_id = $2, pending_up_to = GREATEST(pending_up_to, $2, $3),
       rejected_count = rejected_count + $4, last_seen_at = $5, last_push_at = $5,
       app_version = COALESCE($6, app_version)
     WHERE id = $1`,
    [device.id, lastMutationId, req.pendingUpTo ?? 0, rejectedCount, now, req.appVersion ?? null],
  );
  // Registry answers for the watches this center just took in, so a decision made offline can be
  // checked again. Last, so the change log's lock is held only to the commit.
  await appendChanges(tx, await registryChangesFor(tx, [...serials], device.centerCode, now), now);

  const results: PushResult[] = [
    ...acked.map((id): PushResult => {
      if (reused.has(id)) {
        return {
          mutationId: id,
          status: 'rejected',
          error: {
            code: 'id_reused',
            message: `HQ already has another change numbered ${id} from this counter (was it restored from a backup?). The counter numbers its changes again and sends them.`,
          },
        };
      }
      const error = earlier.get(id) ?? null;
      return error === null
        ? { mutationId: id, status: 'already_applied' }
        : { mutationId: id, status: 'rejected', error };
    }),
    ...applied.map((a): PushResult =>
      a.rejection === null
        ? { mutationId: a.mutationId, status: 'applied' }
        : { mutationId: a.mutationId, status: 'rejected', error: a.rejection },
    ),
  ];
  return { lastMutationId, results, ...(gap === undefined ? {} : { gap }) };
}

/** Applies a push from `device` (DESIGN.md's semantics; see the top of this file). */
export async function applyPush(
  ctx: HqContext,
  device: AuthedDevice,
  req: PushRequest,
): Promise<PushResponse> {
  const now = ctx.clock();
  try {
    return await ctx.db.transaction((tx) => pushIn(tx, device, req, now, 'batch'));
  } catch (e) {
    if (sqlState(e) === null) throw e;
    return ctx.db.transaction((tx) => pushIn(tx, device, req, now, 'one-by-one'));
  }
}
