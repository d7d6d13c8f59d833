import type { Table } from 'dexie';
import type { PlainDate } from '../../shared/dates/plainDate';
import { BRAND_NAMES, BRANDS, isBrandId, type BrandId } from '../../shared/domain/brand';
import { fieldError, type FieldError } from '../../shared/domain/fieldError';
import {
  createUuidV7Source,
  newCustomerId,
  newDeviceId,
  newEventId,
  newPhotoId,
  newTechnicianId,
  newTicketId,
  type Clock,
  type CustomerId,
  type DeviceId,
  type IdSource,
  type RandomBytes,
  type TechnicianId,
  type TicketId,
} from '../../shared/domain/ids';
import { validateIntake, type IntakeForm, type ValidIntake } from '../../shared/domain/intake';
import { isCents, parseCurrencyCode, type Cents, type Money } from '../../shared/domain/money';
import { normalizePhone } from '../../shared/domain/phone';
import { charCount } from '../../shared/domain/text';
import { compileSerialRules, type SerialPatternSetting } from '../../shared/domain/serial';
import {
  checkTransition,
  formatTicketNumber,
  isFinalStatus,
  isTicketStatus,
  parseCenterCode,
  TICKET_STATUS_LABELS,
  type InitialStatus,
  type TicketNumber,
  type TicketStatus,
} from '../../shared/domain/ticket';
import { err, ok, type Result } from '../../shared/lib/result';
import { isCountryCode } from '../../shared/warranty/countries';
import type { WarrantyDecision, WarrantyFacts } from '../../shared/warranty/types';
import {
  FINDING_CODES,
  includes,
  type FindingCode,
  type VerifiableFact,
} from '../../shared/warranty/vocabulary';
import {
  customerSearchKeys,
  readAppSettings,
  ticketCounterKey,
  type AppSettings,
  type CenterProfile,
  type CounterDb,
  type CustomerRecord,
  type CustomerRef,
  type DecisionSummary,
  type DeviceRow,
  type Mutation,
  type PhotoKind,
  type PhotoMeta,
  type PhotoRow,
  type Technician,
  type TicketEventBody,
  type TicketEventRow,
  type TicketRow,
} from './db';
import { checkTicketOpening, type TroubleshootingInput } from './troubleshooting';
import {
  classifyStorageError,
  describeError,
  type StorageGuard,
  type StorageProblem,
} from './storage';

/*
 * Every user action is one function here: it validates, writes its rows and appends its outbox
 * entry in one Dexie transaction, or writes nothing (DESIGN.md, "Local data"). No network call
 * and no non-Dexie await happens inside a transaction (either would commit it early).
 */

export interface CommandDeps {
  readonly db: CounterDb;
  /** Timestamps rows, events and outbox entries. */
  readonly clock: Clock;
  /** New record ids: a UUIDv7 source, increasing in creation order. */
  readonly ids: IdSource;
  readonly storage: StorageGuard;
}

/** Deps from a clock and a random source (the app passes `Date.now` and `crypto`). */
export function createCommandDeps(input: {
  readonly db: CounterDb;
  readonly clock: Clock;
  readonly random: RandomBytes;
  readonly storage: StorageGuard;
}): CommandDeps {
  return {
    db: input.db,
    clock: input.clock,
    ids: createUuidV7Source(input.clock, input.random),
    storage: input.storage,
  };
}

export type CommandError =
  /** The input is wrong: each error names the field and what to do. Nothing was written. */
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  /** Storage is in trouble (full, not open): writes are blocked until it is fixed. */
  | { readonly kind: 'storage'; readonly problem: StorageProblem }
  /** Something unexpected failed; the transaction was rolled back, so nothing was written. */
  | { readonly kind: 'failed'; readonly message: string; readonly detail: string };

export type CommandResult<T> = Result<T, CommandError>;

export interface Written {
  /** The outbox entry's id: this installation's mutation counter after the action. */
  readonly mutationId: number;
}

const invalid = (errors: readonly FieldError[]): CommandResult<never> =>
  err({ kind: 'invalid', errors });
const invalidField = (field: string, message: string): CommandResult<never> =>
  invalid([fieldError(field, message)]);

const FAILED_MESSAGE =
  'Counter could not save this, and nothing of it was saved. Try again; if it fails again, write down the details and call HQ support.';

/**
 * Runs a command's body in one read-write transaction over `tables`. Blocked storage answers
 * before anything is attempted; a storage failure blocks later writes; any failure rolls back
 * the whole transaction and is answered as data, never dropped.
 */
export async function runCommand<T>(
  deps: CommandDeps,
  tables: (db: CounterDb) => readonly Table[],
  body: () => Promise<CommandResult<T>>,
): Promise<CommandResult<T>> {
  const blocked = deps.storage.problem();
  if (blocked !== null) return err({ kind: 'storage', problem: blocked });
  try {
    return await deps.db.transaction('rw', tables(deps.db), body);
  } catch (e) {
    const problem = classifyStorageError(e);
    if (problem !== null) {
      deps.storage.block(problem);
      return err({ kind: 'storage', problem });
    }
    return err({ kind: 'failed', message: FAILED_MESSAGE, detail: describeError(e) });
  }
}

/** Takes the next mutation id and appends the outbox entry; inside the command's transaction. */
export async function appendOutbox(db: CounterDb, mutation: Mutation, at: number): Promise<number> {
  const row = await db.settings.get('sync');
  if (row?.key !== 'sync') throw new Error('the database has no sync state');
  const mutationId = row.value.nextMutationId;
  await db.settings.put({ key: 'sync', value: { ...row.value, nextMutationId: mutationId + 1 } });
  await db.outbox.add({ ...mutation, mutationId, at });
  return mutationId;
}

export function activeTechnician(
  settings: AppSettings,
  id: TechnicianId,
  field = 'technicianId',
): Result<Technician, FieldError> {
  const t = settings.technicians.find((x) => x.id === id);
  if (t === undefined) {
    return err(
      fieldError(field, 'Choose a technician from the list: this one is not on this counter.'),
    );
  }
  if (!t.active) {
    return err(fieldError(field, `${t.name} is no longer active here: choose another technician.`));
  }
  return ok(t);
}

function summarize(decision: WarrantyDecision): DecisionSummary {
  return {
    policyId: decision.policyId,
    policyVersion: decision.policyVersion,
    covered: decision.covered,
    charge: decision.charge,
    provisional: decision.provisional,
    lastCoveredDay: decision.lastCoveredDay,
  };
}

/** A decision must have been made from these facts, for this visit, under this brand's policy. */
function checkDecision(
  decision: WarrantyDecision,
  facts: WarrantyFacts,
  visitDate: PlainDate,
  brand: BrandId,
  settings: AppSettings,
): FieldError[] {
  const errors: FieldError[] = [];
  if (decision.visitDate !== visitDate) {
    errors.push(
      fieldError(
        'decision',
        `The warranty decision was made for ${decision.visitDate}, not for the visit on ${visitDate}: check the warranty again.`,
      ),
    );
  }
  if (decision.component !== facts.component) {
    errors.push(
      fieldError(
        'decision',
        'The warranty decision was made for another part of the watch: check the warranty again.',
      ),
    );
  }
  const policyId = settings.policyPerBrand[brand];
  if (decision.policyId !== policyId) {
    errors.push(
      fieldError(
        'decision',
        `The warranty decision was made with the "${decision.policyId}" policy, but ${BRAND_NAMES[brand]} watches use "${policyId}": check the warranty again.`,
      ),
    );
  }
  return errors;
}

async function appendEvent(
  deps: CommandDeps,
  ticketId: TicketId,
  technicianId: TechnicianId,
  at: number,
  body: TicketEventBody,
): Promise<TicketEventRow> {
  const event: TicketEventRow = { id: newEventId(deps.ids), ticketId, technicianId, at, ...body };
  await deps.db.ticketEvents.add(event);
  return event;
}

async function loadTicket(db: CounterDb, id: TicketId): Promise<Result<TicketRow, FieldError>> {
  const ticket = await db.tickets.get(id);
  if (ticket === undefined) {
    return err(fieldError('ticketId', 'This ticket is not on this counter: search for it again.'));
  }
  return ok(ticket);
}

// ---------------------------------------------------------------------------------------------
// createTicket

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAX_PHOTOS = 12;

export interface CreateTicketInput {
  readonly form: IntakeForm;
  /** Today at the center, taken once by the UI. */
  readonly visitDate: PlainDate;
  /** `evaluate(policy, facts, visitDate)` on the facts of this form. */
  readonly decision: WarrantyDecision;
  readonly photos?: readonly Blob[];
  /** The customer's signature: a Blob, or a `data:` URL from a canvas. */
  readonly signature?: Blob | string | null;
  /** Facts not confirmed yet (HQ's registry not reached): stored with the decision's facts. */
  readonly unverified?: readonly VerifiableFact[];
  /** From HQ's registry, when it answered: free replacements already given for this watch. */
  readonly freeReplacementsGiven?: number;
  /** The brand's support steps tried at the counter first (renderer/data/troubleshooting.ts). */
  readonly troubleshooting?: TroubleshootingInput | null;
  /**
   * `no_fault_found`: resolved at the counter, allowed only with the troubleshooting outcome
   * `resolved` (which requires it). Default `received`.
   */
  readonly status?: InitialStatus;
}

export interface CreatedTicket extends Written {
  readonly ticketId: TicketId;
  readonly number: TicketNumber;
  readonly customerId: CustomerId;
  readonly deviceId: DeviceId;
  /** The facts the decision was checked against, as stored with it. */
  readonly facts: WarrantyFacts;
}

/** Decodes a `data:<type>;base64,<data>` URL; null when it is not one. */
export function blobFromDataUrl(url: string): Blob | null {
  const m = /^data:([\w.+-]+\/[\w.+-]+)?(?:;[\w-]+=[\w.-]+)*;base64,([A-Za-z0-9+/]*={0,2})$/.exec(
    url,
  );
  if (m === null) return null;
  let binary: string;
  try {
    binary = atob(m[2] ?? '');
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: m[1] ?? 'application/octet-stream' });
}

function checkImages(
  photos: readonly Blob[],
  signature: Blob | string | null | undefined,
): Result<{ kind: PhotoKind; blob: Blob }[], FieldError[]> {
  const errors: FieldError[] = [];
  const out: { kind: PhotoKind; blob: Blob }[] = [];
  if (photos.length > MAX_PHOTOS) {
    errors.push(fieldError('photos', `Keep at most ${MAX_PHOTOS} photos: remove some.`));
  }
  const checkOne = (field: string, kind: PhotoKind, blob: Blob): void => {
    if (!blob.type.startsWith('image/')) {
      errors.push(fieldError(field, 'This is not a picture: take the photo again.'));
    } else if (blob.size === 0) {
      errors.push(fieldError(field, 'This picture is empty: take it again.'));
    } else if (blob.size > MAX_PHOTO_BYTES) {
      errors.push(
        fieldError(field, 'This picture is too large (over 15 MB): take it at a lower resolution.'),
      );
    } else {
      out.push({ kind, blob });
    }
  };
  photos.forEach((p, i) => {
    checkOne(`photos[${i}]`, 'intake', p);
  });
  if (typeof signature === 'string') {
    const blob = blobFromDataUrl(signature);
    if (blob === null)
      errors.push(
        fieldError(
          'signature',
          'The signature did not come through: ask the customer to sign again.',
        ),
      );
    else checkOne('signature', 'signature', blob);
  } else if (signature !== undefined && signature !== null) {
    checkOne('signature', 'signature', signature);
  }
  return errors.length > 0 ? err(errors) : ok(out);
}

function mergeDevice(
  existing: DeviceRow | undefined,
  intake: ValidIntake['device'],
  id: DeviceId,
  now: number,
): DeviceRow {
  // The latest intake's facts win; a field left empty this time keeps what was known.
  const keep = <T>(fresh: T | null, old: T | null | undefined): T | null => fresh ?? old ?? null;
  return {
    id: existing?.id ?? id,
    brand: intake.brand,
    serial: intake.serial,
    model: intake.model.trim() !== '' ? intake.model : (existing?.model ?? ''),
    invoiceNumber:
      intake.invoiceNumber.trim() !== '' ? intake.invoiceNumber : (existing?.invoiceNumber ?? ''),
    invoiceDate: keep(intake.invoiceDate, existing?.invoiceDate),
    activationDate: keep(intake.activationDate, existing?.activationDate),
    purchaseChannel: intake.purchaseChannel,
    purchaseCountry: intake.purchaseCountry,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

/**
 * Takes a watch in: the customer (new or existing), the device (found by brand and serial, or
 * added), the ticket with the next number of the center's day, its first warranty decision,
 * photos and signature — all in one transaction with its outbox entry.
 */
export async function createTicket(
  deps: CommandDeps,
  input: CreateTicketInput,
): Promise<CommandResult<CreatedTicket>> {
  // Decoding and checking pictures happens before the transaction opens.
  const images = checkImages(input.photos ?? [], input.signature);
  return runCommand(
    deps,
    (db) => [
      db.customers,
      db.devices,
      db.tickets,
      db.ticketEvents,
      db.photos,
      db.outbox,
      db.settings,
    ],
    async () => {
      const { db } = deps;
      const settings = await readAppSettings(db);
      const center = settings.center;
      if (center === null) {
        return invalidField(
          'center',
          'Set up the center first (Settings: name, code, country and currency).',
        );
      }
      const rules = compileSerialRules(settings.serialPatterns);
      if (!rules.ok) return invalid(rules.error);
      const intake = validateIntake(input.form, input.visitDate, {
        serialRules: rules.value,
        serviceCountry: center.country,
      });
      const errors: FieldError[] = [];
      if (!intake.ok) errors.push(...intake.error);
      if (!images.ok) errors.push(...images.error);
      if (!intake.ok || !images.ok) return invalid(errors);
      const unverified = input.unverified ?? [];
      const v = {
        ...intake.value,
        facts: {
          ...intake.value.facts,
          ...(unverified.length > 0 ? { unverified } : {}),
          ...(input.freeReplacementsGiven === undefined
            ? {}
            : { freeReplacementsGiven: input.freeReplacementsGiven }),
        },
      };
      errors.push(...checkDecision(input.decision, v.facts, v.visitDate, v.device.brand, settings));
      const opening = checkTicketOpening(input, v.device.brand);
      if (!opening.ok) errors.push(...opening.error);
      const tech = activeTechnician(settings, v.technicianId);
      if (!tech.ok) errors.push(tech.error);
      if (v.customer.kind === 'existing' && (await db.customers.get(v.customer.id)) === undefined) {
        errors.push(
          fieldError(
            'customer.id',
            'This customer is not on this counter: search again or add them as new.',
          ),
        );
      }
      if (errors.length > 0 || !opening.ok) return invalid(errors);
      const { status, event: tried } = opening.value;

      // Validated: from here on, write. One time for every row of the action.
      const now = deps.clock();
      let customerRef: CustomerRef;
      if (v.customer.kind === 'existing') {
        customerRef = { kind: 'existing', id: v.customer.id };
      } else {
        const customer: CustomerRecord = {
          id: newCustomerId(deps.ids),
          name: v.customer.name,
          phone: v.customer.phone,
          createdAt: now,
          updatedAt: now,
        };
        await db.customers.add({ ...customer, ...customerSearchKeys(customer) });
        customerRef = { kind: 'new', customer };
      }
      const customerId = customerRef.kind === 'new' ? customerRef.customer.id : customerRef.id;
      const existing = await db.devices
        .where('[brand+serial]')
        .equals([v.device.brand, v.device.serial])
        .first();
      const device = mergeDevice(existing, v.device, newDeviceId(deps.ids), now);
      await db.devices.put(device);

      // The next number of the center's day; a number already taken (restored data) is skipped.
      const counterKey = ticketCounterKey(center.code, v.visitDate);
      const counter = await db.settings.get(counterKey);
      let sequence = (counter?.key === counterKey ? counter.value.last : 0) + 1;
      let number = formatTicketNumber(center.code, v.visitDate, sequence);
      while ((await db.tickets.where('number').equals(number).count()) > 0) {
        sequence += 1;
        number = formatTicketNumber(center.code, v.visitDate, sequence);
      }
      await db.settings.put({ key: counterKey, value: { last: sequence } });

      const ticketId = newTicketId(deps.ids);
      const ticket: TicketRow = {
        id: ticketId,
        number,
        center: center.code,
        customerId,
        deviceId: device.id,
        serial: device.serial,
        brand: device.brand,
        status,
        visitDate: v.visitDate,
        createdAt: now,
        updatedAt: now,
        receivedBy: v.technicianId,
        complaint: v.complaint,
        accessories: v.accessories,
        component: v.facts.component,
        findings: v.facts.findings,
        decision: summarize(input.decision),
        quote: null,
      };
      await db.tickets.add(ticket);
      const events = [
        await appendEvent(deps, ticketId, v.technicianId, now, {
          kind: 'created',
          number,
          status,
        }),
        await appendEvent(deps, ticketId, v.technicianId, now, {
          kind: 'decision',
          cause: 'intake',
          decision: input.decision,
          facts: v.facts,
          visitDate: v.visitDate,
        }),
        ...(tried === null ? [] : [await appendEvent(deps, ticketId, v.technicianId, now, tried)]),
      ];
      const photos: PhotoMeta[] = [];
      for (const image of images.value) {
        const meta: PhotoMeta = {
          id: newPhotoId(deps.ids),
          ticketId,
          kind: image.kind,
          type: image.blob.type,
          size: image.blob.size,
          createdAt: now,
        };
        const row: PhotoRow = { ...meta, blob: image.blob };
        await db.photos.add(row);
        photos.push(meta);
      }
      const mutationId = await appendOutbox(
        db,
        { name: 'createTicket', args: { customer: customerRef, device, ticket, events, photos } },
        now,
      );
      return ok({
        ticketId,
        number,
        customerId,
        deviceId: device.id,
        facts: v.facts,
        mutationId,
      });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// changeStatus

export const MAX_NOTE_LENGTH = 5000;

export interface ChangeStatusInput {
  readonly ticketId: TicketId;
  readonly to: TicketStatus;
  readonly technicianId: TechnicianId;
  /** Why, in the technician's words (required for cancelling and "not repairable"). */
  readonly reason?: string;
}

/** Moves a ticket along the transition table, attributed to a technician. */
export async function changeStatus(
  deps: CommandDeps,
  input: ChangeStatusInput,
): Promise<CommandResult<Written & { readonly from: TicketStatus }>> {
  return runCommand(
    deps,
    (db) => [db.tickets, db.ticketEvents, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      if (!isTicketStatus(input.to))
        return invalidField('to', 'Choose the new status from the list.');
      const settings = await readAppSettings(db);
      const errors: FieldError[] = [];
      const tech = activeTechnician(settings, input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const loaded = await loadTicket(db, input.ticketId);
      if (!loaded.ok) return invalid([...errors, loaded.error]);
      const ticket = loaded.value;
      const check = checkTransition(ticket.status, input.to, {
        charge: ticket.decision.charge,
        hasQuote: ticket.quote !== null,
      });
      if (!check.allowed) errors.push(fieldError('to', check.reason));
      const reason = input.reason ?? '';
      if ((input.to === 'cancelled' || input.to === 'not_repairable') && reason.trim() === '') {
        errors.push(
          fieldError(
            'reason',
            `Say why the ticket is ${TICKET_STATUS_LABELS[input.to].toLowerCase()}: it is printed on the customer's receipt.`,
          ),
        );
      }
      if (charCount(reason) > MAX_NOTE_LENGTH) {
        errors.push(
          fieldError('reason', `Shorten the reason to ${MAX_NOTE_LENGTH} characters or fewer.`),
        );
      }
      if (errors.length > 0) return invalid(errors);

      const now = deps.clock();
      await db.tickets.update(ticket.id, { status: input.to, updatedAt: now });
      const event = await appendEvent(deps, ticket.id, input.technicianId, now, {
        kind: 'status',
        from: ticket.status,
        to: input.to,
        reason,
      });
      const mutationId = await appendOutbox(db, { name: 'changeStatus', args: { event } }, now);
      return ok({ mutationId, from: ticket.status });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// addNote

export interface AddNoteInput {
  readonly ticketId: TicketId;
  readonly technicianId: TechnicianId;
  /** Kept exactly as typed. */
  readonly text: string;
}

export async function addNote(
  deps: CommandDeps,
  input: AddNoteInput,
): Promise<CommandResult<Written>> {
  return runCommand(
    deps,
    (db) => [db.tickets, db.ticketEvents, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      if (input.text.trim() === '') errors.push(fieldError('text', 'Write the note first.'));
      else if (charCount(input.text) > MAX_NOTE_LENGTH) {
        errors.push(
          fieldError('text', `Shorten the note to ${MAX_NOTE_LENGTH} characters or fewer.`),
        );
      }
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const ticket = await loadTicket(db, input.ticketId);
      if (!ticket.ok) errors.push(ticket.error);
      if (errors.length > 0 || !ticket.ok) return invalid(errors);

      const now = deps.clock();
      await db.tickets.update(ticket.value.id, { updatedAt: now });
      const event = await appendEvent(deps, ticket.value.id, input.technicianId, now, {
        kind: 'note',
        text: input.text,
      });
      const mutationId = await appendOutbox(db, { name: 'addNote', args: { event } }, now);
      return ok({ mutationId });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// recordDiagnosis

export const MAX_DIAGNOSIS_LENGTH = 2000;

export interface RecordDiagnosisInput {
  readonly ticketId: TicketId;
  readonly technicianId: TechnicianId;
  /** What the diagnosis found that the intake did not. */
  readonly newFindings: readonly FindingCode[];
  readonly summary: string;
  /** The ticket's facts with the new findings, and the decision made on them. */
  readonly facts: WarrantyFacts;
  readonly decision: WarrantyDecision;
}

/**
 * Records a diagnosis and the new warranty decision it leads to. The decision is for the day the
 * watch came in: the warranty is judged on the visit, not on how long diagnosis took. Earlier
 * decisions stay in the ticket's history.
 */
export async function recordDiagnosis(
  deps: CommandDeps,
  input: RecordDiagnosisInput,
): Promise<CommandResult<Written>> {
  return runCommand(
    deps,
    (db) => [db.tickets, db.ticketEvents, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const settings = await readAppSettings(db);
      const errors: FieldError[] = [];
      const tech = activeTechnician(settings, input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      for (const f of input.newFindings) {
        if (!includes(FINDING_CODES, f)) {
          errors.push(
            fieldError('newFindings', `"${String(f)}" is not a checklist item: untick it.`),
          );
        } else if (!input.facts.findings.includes(f)) {
          errors.push(
            fieldError(
              'decision',
              'The warranty decision does not include the new findings: check the warranty again.',
            ),
          );
        }
      }
      if (charCount(input.summary) > MAX_DIAGNOSIS_LENGTH) {
        errors.push(
          fieldError(
            'summary',
            `Shorten the diagnosis to ${MAX_DIAGNOSIS_LENGTH} characters or fewer.`,
          ),
        );
      }
      if (input.summary.trim() === '' && input.newFindings.length === 0) {
        errors.push(fieldError('summary', 'Describe what the diagnosis found.'));
      }
      const loaded = await loadTicket(db, input.ticketId);
      if (!loaded.ok) return invalid([...errors, loaded.error]);
      const ticket = loaded.value;
      if (isFinalStatus(ticket.status)) {
        errors.push(
          fieldError(
            'ticketId',
            `This ticket is ${TICKET_STATUS_LABELS[ticket.status].toLowerCase()}: open a new ticket to diagnose the watch again.`,
          ),
        );
      }
      errors.push(
        ...checkDecision(input.decision, input.facts, ticket.visitDate, ticket.brand, settings),
      );
      if (errors.length > 0) return invalid(errors);

      const now = deps.clock();
      await db.tickets.update(ticket.id, {
        findings: input.facts.findings,
        component: input.facts.component,
        decision: summarize(input.decision),
        updatedAt: now,
      });
      const events = [
        await appendEvent(deps, ticket.id, input.technicianId, now, {
          kind: 'diagnosis',
          newFindings: input.newFindings,
          summary: input.summary,
        }),
        await appendEvent(deps, ticket.id, input.technicianId, now, {
          kind: 'decision',
          cause: 'diagnosis',
          decision: input.decision,
          facts: input.facts,
          visitDate: ticket.visitDate,
        }),
      ];
      const mutationId = await appendOutbox(db, { name: 'recordDiagnosis', args: { events } }, now);
      return ok({ mutationId });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// setQuote

export interface SetQuoteInput {
  readonly ticketId: TicketId;
  readonly technicianId: TechnicianId;
  /** In the center's currency's minor units (`parseMoney`); null withdraws the quote. */
  readonly amount: Cents | null;
}

export async function setQuote(
  deps: CommandDeps,
  input: SetQuoteInput,
): Promise<CommandResult<Written & { readonly quote: Money | null }>> {
  return runCommand(
    deps,
    (db) => [db.tickets, db.ticketEvents, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const settings = await readAppSettings(db);
      const errors: FieldError[] = [];
      if (settings.center === null) {
        return invalidField('center', 'Set up the center first (Settings: its currency).');
      }
      if (input.amount !== null && (!isCents(input.amount) || input.amount < 0)) {
        errors.push(
          fieldError('amount', 'Enter the price as a positive amount, for example 450.00.'),
        );
      }
      const tech = activeTechnician(settings, input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const loaded = await loadTicket(db, input.ticketId);
      if (!loaded.ok) return invalid([...errors, loaded.error]);
      const ticket = loaded.value;
      if (isFinalStatus(ticket.status)) {
        errors.push(
          fieldError(
            'ticketId',
            `This ticket is ${TICKET_STATUS_LABELS[ticket.status].toLowerCase()}: its quote can no longer change.`,
          ),
        );
      }
      if (errors.length > 0) return invalid(errors);

      const now = deps.clock();
      const quote: Money | null =
        input.amount === null ? null : { amount: input.amount, currency: settings.center.currency };
      await db.tickets.update(ticket.id, { quote, updatedAt: now });
      const event = await appendEvent(deps, ticket.id, input.technicianId, now, {
        kind: 'quote',
        quote,
      });
      const mutationId = await appendOutbox(db, { name: 'setQuote', args: { event } }, now);
      return ok({ mutationId, quote });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Settings and technicians

export interface CenterForm {
  readonly name: string;
  readonly code: string;
  readonly address: string;
  /** Optional: '' when the center prints no phone. */
  readonly phone: string;
  readonly country: string;
  readonly currency: string;
}

export interface SettingsPatch {
  readonly center?: CenterForm;
  readonly policyPerBrand?: Readonly<Partial<Record<BrandId, string>>>;
  readonly defaultBrand?: string;
  /** Per brand: a pattern, or null to go back to the default. */
  readonly serialPatterns?: Readonly<Partial<Record<BrandId, SerialPatternSetting | null>>>;
}

export function validateCenter(form: CenterForm): Result<CenterProfile, FieldError[]> {
  const errors: FieldError[] = [];
  if (form.name.trim() === '')
    errors.push(fieldError('center.name', 'Enter the center’s name as it is printed on receipts.'));
  const code = parseCenterCode(form.code);
  if (code === null) {
    errors.push(
      fieldError(
        'center.code',
        'Enter the center code from HQ: 2 to 10 letters and digits, such as BLR01. It starts every ticket number.',
      ),
    );
  }
  let phone = null;
  if (form.phone.trim() !== '') {
    const p = normalizePhone(form.phone);
    if (p.ok) phone = p.value;
    else errors.push(fieldError('center.phone', p.error));
  }
  const country = form.country.trim().toUpperCase();
  if (!isCountryCode(country)) {
    errors.push(
      fieldError(
        'center.country',
        'Choose the center’s country from the list (two letters, such as IN).',
      ),
    );
  }
  const currency = parseCurrencyCode(form.currency);
  if (currency === null) {
    errors.push(
      fieldError(
        'center.currency',
        'Choose the currency the center charges in (three letters, such as INR).',
      ),
    );
  }
  if (errors.length > 0 || code === null || currency === null || !isCountryCode(country)) {
    return err(errors);
  }
  return ok({ name: form.name, code, address: form.address, phone, country, currency });
}

export async function updateSettings(
  deps: CommandDeps,
  patch: SettingsPatch,
): Promise<CommandResult<Written & { readonly settings: AppSettings }>> {
  return runCommand(
    deps,
    (db) => [db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const current = await readAppSettings(db);
      const errors: FieldError[] = [];
      let center = current.center;
      if (patch.center !== undefined) {
        const c = validateCenter(patch.center);
        if (c.ok) center = c.value;
        else errors.push(...c.error);
      }
      const policyPerBrand = { ...current.policyPerBrand };
      for (const [brand, id] of Object.entries(patch.policyPerBrand ?? {})) {
        if (!isBrandId(brand)) {
          errors.push(
            fieldError(
              `policyPerBrand.${brand}`,
              `"${brand}" is not a brand this counter services.`,
            ),
          );
        } else if (id.trim() === '') {
          errors.push(
            fieldError(
              `policyPerBrand.${brand}`,
              `Choose the warranty policy for ${BRAND_NAMES[brand]} watches.`,
            ),
          );
        } else {
          policyPerBrand[brand] = id;
        }
      }
      let defaultBrand = current.defaultBrand;
      if (patch.defaultBrand !== undefined) {
        if (isBrandId(patch.defaultBrand)) defaultBrand = patch.defaultBrand;
        else
          errors.push(fieldError('defaultBrand', 'Choose the brand the intake form starts with.'));
      }
      const patternPatch = patch.serialPatterns ?? {};
      for (const brand of Object.keys(patternPatch)) {
        if (!isBrandId(brand)) {
          errors.push(
            fieldError(
              `serialPatterns.${brand}`,
              `"${brand}" is not a brand this counter services.`,
            ),
          );
        }
      }
      const serialPatterns: Partial<Record<BrandId, SerialPatternSetting>> = {};
      for (const brand of BRANDS) {
        // undefined: unchanged; null: back to the default.
        const setting =
          patternPatch[brand] === undefined ? current.serialPatterns[brand] : patternPatch[brand];
        if (setting !== null && setting !== undefined) serialPatterns[brand] = setting;
      }
      const rules = compileSerialRules(serialPatterns);
      if (!rules.ok) errors.push(...rules.error);
      if (errors.length > 0) return invalid(errors);

      const settings: AppSettings = {
        ...current,
        center,
        policyPerBrand,
        defaultBrand,
        serialPatterns,
      };
      await db.settings.put({ key: 'app', value: settings });
      const now = deps.clock();
      const mutationId = await appendOutbox(
        db,
        { name: 'updateSettings', args: { settings } },
        now,
      );
      return ok({ mutationId, settings });
    },
  );
}

export async function addTechnician(
  deps: CommandDeps,
  input: { readonly name: string },
): Promise<CommandResult<Written & { readonly technician: Technician }>> {
  return runCommand(
    deps,
    (db) => [db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const current = await readAppSettings(db);
      const name = input.name;
      if (name.trim() === '') return invalidField('name', 'Enter the technician’s name.');
      if (charCount(name) > 100)
        return invalidField('name', 'Shorten the name to 100 characters or fewer.');
      const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();
      if (current.technicians.some((t) => key(t.name) === key(name))) {
        return invalidField(
          'name',
          `${name.trim()} is already on the list: add a surname or an initial to tell them apart.`,
        );
      }
      const now = deps.clock();
      const technician: Technician = {
        id: newTechnicianId(deps.ids),
        name,
        active: true,
        addedAt: now,
      };
      await db.settings.put({
        key: 'app',
        value: { ...current, technicians: [...current.technicians, technician] },
      });
      const mutationId = await appendOutbox(
        db,
        { name: 'addTechnician', args: { technician } },
        now,
      );
      return ok({ mutationId, technician });
    },
  );
}
