import type { Collection, Table } from 'dexie';
import { addDays, type PlainDate } from '../../shared/dates/plainDate';
import { BRAND_NAMES } from '../../shared/domain/brand';
import { fieldError, type FieldError } from '../../shared/domain/fieldError';
import type { TechnicianId, TicketId } from '../../shared/domain/ids';
import { MAX_SERIAL_LENGTH, normalizeSerial, type SerialNumber } from '../../shared/domain/serial';
import { charCount } from '../../shared/domain/text';
import { isFinalStatus, TICKET_STATUS_LABELS } from '../../shared/domain/ticket';
import { err, ok, type Result } from '../../shared/lib/result';
import {
  catalogMeta,
  mergeCatalog,
  parsePartNumber,
  validateCatalogPartForm,
  type CatalogPartForm,
  type CatalogPartRow,
  type PartNumber,
  type PartsCatalog,
  type PartsCatalogMeta,
} from '../../shared/parts/catalog';
import { coverageFor, summarizePartLines, type PartLinesSummary } from '../../shared/parts/lines';
import {
  MAX_PARTS_PER_SHIPMENT,
  MAX_QUANTITY,
  MAX_REASON_LENGTH,
  MAX_REFERENCE_LENGTH,
  newDefectivePartId,
  newPartLineId,
  newReturnShipmentId,
  newStockCountId,
  newStockMovementId,
  PartReturnReceiptSchema,
  type DefectivePart,
  type DefectivePartId,
  type PartLine,
  type PartLineId,
  type PartReturnReceipt,
  type ReturnShipment,
  type ReturnShipmentStatus,
  type StockCount,
  type StockCountLine,
  type StockMovement,
  type StockMovementOf,
} from '../../shared/parts/records';
import {
  buildUsageReport,
  checkDateRange,
  HELD_TOO_LONG_DAYS,
  usageReportCsv,
  type DateRange,
  type UsageReport,
} from '../../shared/parts/report';
import {
  activeTechnician,
  appendOutbox,
  runCommand,
  type CommandDeps,
  type CommandResult,
  type Written,
} from './commands';
import { readAppSettings, starterPartsCatalog, type CounterDb, type TicketRow } from './db';

/*
 * The parts ledger at the counter (issue 5): the catalog, stock as a ledger of movements, part
 * lines on tickets, defective parts held for return and their shipments, and the usage report.
 *
 * Stock is never stored: on-hand is the sum of a part's movements, and every command that moves
 * stock checks that sum inside its own transaction, so it can never go below zero. Each command
 * validates everything first and then writes its rows and its outbox entry in one transaction,
 * or writes nothing (the pattern of commands.ts, whose `runCommand` it uses).
 */

const invalid = (errors: readonly FieldError[]): CommandResult<never> =>
  err({ kind: 'invalid', errors });

/** A part from the catalog by the number as typed; the error names the field. */
async function findPart(
  db: CounterDb,
  raw: string,
  field: string,
): Promise<Result<CatalogPartRow, FieldError>> {
  if (raw.trim() === '') {
    return err(fieldError(field, 'Enter the part number from the part’s label or bag.'));
  }
  const pn = parsePartNumber(raw);
  const part = pn === null ? undefined : await db.partsCatalog.get(pn);
  if (part === undefined) {
    return err(
      fieldError(
        field,
        `There is no part "${raw.trim()}" in the parts catalog: check the number on the part’s label or bag, or ask HQ to add it.`,
      ),
    );
  }
  return ok(part);
}

const describePart = (p: Pick<CatalogPartRow, 'partNumber' | 'name'>): string =>
  `${p.name} (${p.partNumber})`;

function checkQuantity(quantity: number, field: string): FieldError | null {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    return fieldError(field, 'Enter how many parts: a whole number, 1 or more.');
  }
  if (quantity > MAX_QUANTITY) {
    return fieldError(field, `Enter at most ${MAX_QUANTITY} parts per line.`);
  }
  return null;
}

function checkText(
  value: string,
  field: string,
  max: number,
  emptyMessage: string | null,
): FieldError | null {
  if (emptyMessage !== null && value.trim() === '') return fieldError(field, emptyMessage);
  if (charCount(value) > max) {
    return fieldError(field, `Shorten this to ${max} characters or fewer.`);
  }
  return null;
}

const pushIf = (errors: FieldError[], e: FieldError | null): void => {
  if (e !== null) errors.push(e);
};

// ---------------------------------------------------------------------------------------------
// On-hand: derived from the movements, never stored

/**
 * What is on the shelf of one part: the sum of its movements, read in one `getAll` over its
 * [partNumber+at] range (about twice as fast as stepping a cursor over the same rows).
 */
export async function onHand(db: CounterDb, partNumber: PartNumber): Promise<number> {
  const movements = await db.stockMovements
    .where('[partNumber+at]')
    .between([partNumber, -Infinity], [partNumber, Infinity], true, true)
    .toArray();
  let sum = 0;
  for (const m of movements) sum += m.delta;
  return sum;
}

/** Rows per read when summing every movement: bounded memory, few round trips. */
const ON_HAND_PAGE = 20_000;

/**
 * On-hand of every part that has movements (a part with none is absent: it has 0), summed from
 * the whole ledger in one read-only transaction. Pages of the table in primary-key order are
 * read with `getAll` (no per-row cursor step); only `partNumber` and `delta` are used.
 */
export async function onHandForAll(db: CounterDb): Promise<Map<PartNumber, number>> {
  return db.transaction('r', db.stockMovements, async () => {
    const sums = new Map<PartNumber, number>();
    let after: StockMovement['id'] | null = null;
    for (;;) {
      const range: Collection<StockMovement, StockMovement['id']> =
        after === null
          ? db.stockMovements.toCollection()
          : db.stockMovements.where(':id').above(after);
      const page: StockMovement[] = await range.limit(ON_HAND_PAGE).toArray();
      for (const m of page) sums.set(m.partNumber, (sums.get(m.partNumber) ?? 0) + m.delta);
      const last: StockMovement | undefined = page.at(-1);
      if (last === undefined || page.length < ON_HAND_PAGE) return sums;
      after = last.id;
    }
  });
}

/** A part's movements, newest first. */
export async function stockHistory(
  db: CounterDb,
  partNumber: PartNumber,
  limit = 100,
): Promise<StockMovement[]> {
  return db.stockMovements
    .where('[partNumber+at]')
    .between([partNumber, -Infinity], [partNumber, Infinity], true, true)
    .reverse()
    .limit(limit)
    .toArray();
}

export interface StockLevel {
  readonly part: CatalogPartRow;
  readonly onHand: number;
}

/**
 * The parts at or below their low-stock threshold, fewest first. A threshold of 0 turns the
 * alert off for that part (the center does not stock it).
 */
export async function lowStock(db: CounterDb): Promise<StockLevel[]> {
  const [catalog, sums] = await Promise.all([db.partsCatalog.toArray(), onHandForAll(db)]);
  return catalog
    .filter((p) => !p.discontinued && p.lowStockThreshold > 0)
    .map((part) => ({ part, onHand: sums.get(part.partNumber) ?? 0 }))
    .filter((s) => s.onHand <= s.part.lowStockThreshold)
    .sort((a, b) => a.onHand - b.onHand || (a.part.partNumber < b.part.partNumber ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Catalog

/** The catalog's version and whether the center may edit it; the starter file's until HQ's. */
export async function readCatalogMeta(db: CounterDb): Promise<PartsCatalogMeta> {
  const row = await db.settings.get('partsCatalog');
  return row?.key === 'partsCatalog' ? row.value : catalogMeta(starterPartsCatalog(), 'starter');
}

export interface CatalogFilter {
  readonly brand?: CatalogPartRow['brand'];
  /** Only parts that fit this model (as the device record names it, any case). */
  readonly model?: string;
  readonly includeDiscontinued?: boolean;
}

const modelKey = (m: string): string =>
  m.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The catalog, by part number. */
export async function listCatalog(
  db: CounterDb,
  filter: CatalogFilter = {},
): Promise<CatalogPartRow[]> {
  const model = filter.model === undefined ? null : modelKey(filter.model);
  return (await db.partsCatalog.toArray()).filter(
    (p) =>
      (filter.includeDiscontinued === true || !p.discontinued) &&
      (filter.brand === undefined || p.brand === filter.brand) &&
      (model === null || p.models.some((m) => modelKey(m) === model)),
  );
}

export interface SaveCatalogPartInput {
  readonly technicianId: TechnicianId;
  readonly form: CatalogPartForm;
}

/**
 * Adds or changes a catalog part at the center, only where HQ allows it (`editableAtCenter`).
 * A threshold set here is the center's own and survives HQ's next catalog.
 */
export async function saveCatalogPart(
  deps: CommandDeps,
  input: SaveCatalogPartInput,
): Promise<CommandResult<Written & { readonly part: CatalogPartRow }>> {
  return runCommand(
    deps,
    (db) => [db.partsCatalog, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const meta = await readCatalogMeta(db);
      if (!meta.editableAtCenter) {
        return invalid([
          fieldError(
            'catalog',
            'HQ manages the parts catalog for this center, so it cannot be changed here: ask HQ to add or correct the part.',
          ),
        ]);
      }
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const form = validateCatalogPartForm(input.form);
      if (!form.ok) errors.push(...form.error);
      if (errors.length > 0 || !form.ok) return invalid(errors);

      const before = await db.partsCatalog.get(form.value.partNumber);
      const part: CatalogPartRow = {
        ...form.value,
        thresholdSetAtCenter:
          (before?.thresholdSetAtCenter ?? false) ||
          before?.lowStockThreshold !== form.value.lowStockThreshold,
        discontinued: false,
      };
      await db.partsCatalog.put(part);
      const mutationId = await appendOutbox(
        db,
        { name: 'saveCatalogPart', args: { part: form.value } },
        deps.clock(),
      );
      return ok({ mutationId, part });
    },
  );
}

export interface SetLowStockThresholdInput {
  readonly technicianId: TechnicianId;
  readonly partNumber: string;
  readonly threshold: number;
}

/** The center's own low-stock level for a part (allowed whoever owns the catalog). */
export async function setLowStockThreshold(
  deps: CommandDeps,
  input: SetLowStockThresholdInput,
): Promise<CommandResult<Written>> {
  return runCommand(
    deps,
    (db) => [db.partsCatalog, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const part = await findPart(db, input.partNumber, 'partNumber');
      if (!part.ok) errors.push(part.error);
      if (
        !Number.isSafeInteger(input.threshold) ||
        input.threshold < 0 ||
        input.threshold > MAX_QUANTITY
      ) {
        errors.push(
          fieldError(
            'threshold',
            'Enter the low-stock level as a whole number: 0 turns the alert off.',
          ),
        );
      }
      if (errors.length > 0 || !part.ok) return invalid(errors);

      await db.partsCatalog.put({
        ...part.value,
        lowStockThreshold: input.threshold,
        thresholdSetAtCenter: true,
      });
      const mutationId = await appendOutbox(
        db,
        {
          name: 'setLowStockThreshold',
          args: { partNumber: part.value.partNumber, threshold: input.threshold },
        },
        deps.clock(),
      );
      return ok({ mutationId });
    },
  );
}

/**
 * HQ's catalog, as sync delivers it: replaces the counter's (keeping the center's own
 * thresholds, and parts HQ dropped as discontinued). HQ-owned data flowing down: no outbox
 * entry. Runs inside the caller's transaction when it includes `partsCatalog` and `settings`.
 */
export async function applyHqCatalog(db: CounterDb, catalog: PartsCatalog): Promise<void> {
  await db.transaction('rw', [db.partsCatalog, db.settings], async () => {
    const rows = mergeCatalog(await db.partsCatalog.toArray(), catalog);
    await db.partsCatalog.bulkPut(rows);
    await db.settings.put({ key: 'partsCatalog', value: catalogMeta(catalog, 'hq') });
  });
}

// ---------------------------------------------------------------------------------------------
// Receiving, returning and counting stock

export interface StockLineInput {
  /** As typed or scanned. */
  readonly partNumber: string;
  readonly quantity: number;
}

interface CheckedLine {
  /** Its place in the input, for error fields. */
  readonly index: number;
  readonly part: CatalogPartRow;
  readonly quantity: number;
}

/** Checks each line (known part, listed once, a positive quantity); errors name `lines[i]`. */
async function checkStockLines(
  db: CounterDb,
  lines: readonly StockLineInput[],
  errors: FieldError[],
): Promise<CheckedLine[]> {
  if (lines.length === 0) errors.push(fieldError('lines', 'Add at least one part.'));
  if (lines.length > 500) errors.push(fieldError('lines', 'Enter at most 500 lines at a time.'));
  const checked: CheckedLine[] = [];
  const seen = new Map<PartNumber, number>();
  for (const [i, line] of lines.entries()) {
    const part = await findPart(db, line.partNumber, `lines[${i}].partNumber`);
    const q = checkQuantity(line.quantity, `lines[${i}].quantity`);
    if (!part.ok) errors.push(part.error);
    pushIf(errors, q);
    if (!part.ok || q !== null) continue;
    const first = seen.get(part.value.partNumber);
    if (first !== undefined) {
      errors.push(
        fieldError(
          `lines[${i}].partNumber`,
          `${part.value.partNumber} is already on line ${first + 1}: add the quantities into that line.`,
        ),
      );
      continue;
    }
    seen.set(part.value.partNumber, i);
    checked.push({ index: i, part: part.value, quantity: line.quantity });
  }
  return checked;
}

export interface ReceiveStockInput {
  readonly technicianId: TechnicianId;
  /** Today at the center, taken once by the UI. */
  readonly today: PlainDate;
  /** The delivery note or invoice number on the box. */
  readonly deliveryRef: string;
  readonly lines: readonly StockLineInput[];
}

/** A delivery arrived: one `received` movement per part. */
export async function receiveStock(
  deps: CommandDeps,
  input: ReceiveStockInput,
): Promise<CommandResult<Written & { readonly movements: readonly StockMovement[] }>> {
  return runCommand(
    deps,
    (db) => [db.partsCatalog, db.stockMovements, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const deliveryRef = input.deliveryRef.trim();
      pushIf(
        errors,
        checkText(
          deliveryRef,
          'deliveryRef',
          MAX_REFERENCE_LENGTH,
          'Enter the delivery note number printed on the delivery.',
        ),
      );
      if (deliveryRef !== '') {
        const earlier = await db.stockMovements.where('deliveryRef').equals(deliveryRef).first();
        if (earlier !== undefined) {
          errors.push(
            fieldError(
              'deliveryRef',
              `Delivery ${deliveryRef} was already received on ${earlier.day}: check the delivery note. If this really is a second box of it, add "-2" to the number.`,
            ),
          );
        }
      }
      const lines = await checkStockLines(db, input.lines, errors);
      if (errors.length > 0) return invalid(errors);

      const at = deps.clock();
      const movements = lines.map(({ part, quantity }): StockMovementOf<'received'> => ({
        id: newStockMovementId(deps.ids),
        kind: 'received',
        partNumber: part.partNumber,
        delta: quantity,
        at,
        day: input.today,
        by: input.technicianId,
        deliveryRef,
      }));
      await db.stockMovements.bulkAdd(movements);
      const mutationId = await appendOutbox(db, { name: 'receiveStock', args: { movements } }, at);
      return ok({ mutationId, movements });
    },
  );
}

export interface ReturnStockInput {
  readonly technicianId: TechnicianId;
  readonly today: PlainDate;
  /** HQ's return authorization or the dispatch note. */
  readonly reference: string;
  readonly reason: string;
  readonly lines: readonly StockLineInput[];
}

/** New parts sent back to HQ (surplus, wrong delivery, recall): never more than is on hand. */
export async function returnStockToHq(
  deps: CommandDeps,
  input: ReturnStockInput,
): Promise<CommandResult<Written & { readonly movements: readonly StockMovement[] }>> {
  return runCommand(
    deps,
    (db) => [db.partsCatalog, db.stockMovements, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const reference = input.reference.trim();
      pushIf(
        errors,
        checkText(
          reference,
          'reference',
          MAX_REFERENCE_LENGTH,
          'Enter HQ’s return authorization or the dispatch note number.',
        ),
      );
      pushIf(errors, checkText(input.reason, 'reason', MAX_REASON_LENGTH, null));
      const lines = await checkStockLines(db, input.lines, errors);
      for (const { index, part, quantity } of lines) {
        const have = await onHand(db, part.partNumber);
        if (quantity > have) {
          errors.push(
            fieldError(
              `lines[${index}].quantity`,
              `Only ${have} of ${describePart(part)} are in stock: return ${have} or fewer.`,
            ),
          );
        }
      }
      if (errors.length > 0) return invalid(errors);

      const at = deps.clock();
      const movements = lines.map(({ part, quantity }): StockMovementOf<'returned'> => ({
        id: newStockMovementId(deps.ids),
        kind: 'returned',
        partNumber: part.partNumber,
        delta: -quantity,
        at,
        day: input.today,
        by: input.technicianId,
        reference,
        reason: input.reason,
      }));
      await db.stockMovements.bulkAdd(movements);
      const mutationId = await appendOutbox(
        db,
        { name: 'returnStockToHq', args: { movements } },
        at,
      );
      return ok({ mutationId, movements });
    },
  );
}

export interface StockCountInput {
  readonly technicianId: TechnicianId;
  readonly today: PlainDate;
  /** Why the shelf differs (or "monthly count"): kept on each adjustment. */
  readonly reason: string;
  readonly counts: readonly { readonly partNumber: string; readonly counted: number }[];
}

export interface RecordedCount extends Written {
  readonly count: StockCount;
  /** One `adjusted` movement per part whose count differed from the ledger. */
  readonly adjustments: readonly StockMovement[];
}

/** A stock count: each part found different from the ledger gets an adjustment to the count. */
export async function recordStockCount(
  deps: CommandDeps,
  input: StockCountInput,
): Promise<CommandResult<RecordedCount>> {
  return runCommand(
    deps,
    (db) => [db.partsCatalog, db.stockMovements, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      pushIf(
        errors,
        checkText(
          input.reason,
          'reason',
          MAX_REASON_LENGTH,
          'Say why the stock was counted, or what explains the difference.',
        ),
      );
      if (input.counts.length === 0) errors.push(fieldError('counts', 'Count at least one part.'));
      const lines: StockCountLine[] = [];
      const seen = new Map<PartNumber, number>();
      for (const [i, c] of input.counts.entries()) {
        const part = await findPart(db, c.partNumber, `counts[${i}].partNumber`);
        if (!part.ok) {
          errors.push(part.error);
          continue;
        }
        if (!Number.isSafeInteger(c.counted) || c.counted < 0 || c.counted > MAX_QUANTITY * 100) {
          errors.push(
            fieldError(
              `counts[${i}].counted`,
              'Enter how many are on the shelf: a whole number, 0 or more.',
            ),
          );
          continue;
        }
        const first = seen.get(part.value.partNumber);
        if (first !== undefined) {
          errors.push(
            fieldError(
              `counts[${i}].partNumber`,
              `${part.value.partNumber} was already counted on line ${first + 1}: enter it once, with the total.`,
            ),
          );
          continue;
        }
        seen.set(part.value.partNumber, i);
        lines.push({
          partNumber: part.value.partNumber,
          expected: await onHand(db, part.value.partNumber),
          counted: c.counted,
        });
      }
      if (errors.length > 0) return invalid(errors);

      const at = deps.clock();
      const count: StockCount = {
        id: newStockCountId(deps.ids),
        countedOn: input.today,
        at,
        by: input.technicianId,
        reason: input.reason,
        lines,
      };
      const adjustments = lines
        .filter((l) => l.counted !== l.expected)
        .map((l): StockMovementOf<'adjusted'> => ({
          id: newStockMovementId(deps.ids),
          kind: 'adjusted',
          partNumber: l.partNumber,
          delta: l.counted - l.expected,
          at,
          day: input.today,
          by: input.technicianId,
          countId: count.id,
          reason: input.reason,
        }));
      await db.stockMovements.bulkAdd(adjustments);
      const mutationId = await appendOutbox(
        db,
        { name: 'recordStockCount', args: { count, movements: adjustments } },
        at,
      );
      return ok({ mutationId, count, adjustments });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Parts on a ticket

async function loadTicket(
  db: CounterDb,
  id: TicketId,
  field = 'ticketId',
): Promise<Result<TicketRow, FieldError>> {
  const ticket = await db.tickets.get(id);
  if (ticket === undefined) {
    return err(fieldError(field, 'This ticket is not on this counter: search for it again.'));
  }
  return ok(ticket);
}

/** The serial as typed or scanned, normalized; null when empty. */
function readSerial(raw: string | undefined): Result<SerialNumber | null, string> {
  const s = normalizeSerial(raw ?? '');
  if (s === '') return ok(null);
  if (s.length > MAX_SERIAL_LENGTH) {
    return err(
      `That is ${s.length} characters, too long for a serial number: scan or type only the serial from the part’s label.`,
    );
  }
  return ok(s as SerialNumber);
}

export interface AddPartLineInput {
  readonly ticketId: TicketId;
  readonly technicianId: TechnicianId;
  readonly today: PlainDate;
  readonly partNumber: string;
  readonly quantity: number;
  /** The new part's serial: required for serialized parts, empty otherwise. */
  readonly serial?: string;
}

/**
 * Fits a part on a ticket: the line (covered or charged as the ticket's decision says, at the
 * catalog's price) and its `fitted` movement, in one transaction.
 */
export async function addPartLine(
  deps: CommandDeps,
  input: AddPartLineInput,
): Promise<CommandResult<Written & { readonly line: PartLine }>> {
  return runCommand(
    deps,
    (db) => [
      db.tickets,
      db.devices,
      db.partsCatalog,
      db.stockMovements,
      db.partLines,
      db.defectiveParts,
      db.outbox,
      db.settings,
    ],
    async () => {
      const { db } = deps;
      const settings = await readAppSettings(db);
      const errors: FieldError[] = [];
      const tech = activeTechnician(settings, input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const loaded = await loadTicket(db, input.ticketId);
      if (!loaded.ok) errors.push(loaded.error);
      const found = await findPart(db, input.partNumber, 'partNumber');
      if (!found.ok) errors.push(found.error);
      pushIf(errors, checkQuantity(input.quantity, 'quantity'));
      const serial = readSerial(input.serial);
      if (!serial.ok) errors.push(fieldError('serial', serial.error));
      if (!loaded.ok || !found.ok || !serial.ok) return invalid(errors);
      const ticket = loaded.value;
      const part = found.value;

      if (isFinalStatus(ticket.status)) {
        errors.push(
          fieldError(
            'ticketId',
            `This ticket is ${TICKET_STATUS_LABELS[ticket.status].toLowerCase()}: parts can no longer be fitted on it.`,
          ),
        );
      }
      if (part.discontinued) {
        errors.push(
          fieldError(
            'partNumber',
            `HQ no longer lists ${describePart(part)}: choose the part that replaces it.`,
          ),
        );
      }
      if (part.brand !== ticket.brand) {
        errors.push(
          fieldError(
            'partNumber',
            `${describePart(part)} is a ${BRAND_NAMES[part.brand]} part, and this is a ${BRAND_NAMES[ticket.brand]} watch: choose a ${BRAND_NAMES[ticket.brand]} part.`,
          ),
        );
      }
      const device = await db.devices.get(ticket.deviceId);
      const model = device?.model ?? '';
      if (
        model.trim() !== '' &&
        part.brand === ticket.brand &&
        !part.models.some((m) => modelKey(m) === modelKey(model))
      ) {
        errors.push(
          fieldError(
            'partNumber',
            `${describePart(part)} fits ${part.models.join(', ')}, not the ${model} on this ticket: choose a part for this model.`,
          ),
        );
      }
      const center = settings.center;
      if (center === null) {
        errors.push(fieldError('center', 'Set up the center first (Settings: its currency).'));
      } else if (part.unitPrice.currency !== center.currency) {
        errors.push(
          fieldError(
            'partNumber',
            `The catalog prices ${describePart(part)} in ${part.unitPrice.currency}, but this center charges in ${center.currency}: ask HQ for the catalog in ${center.currency}.`,
          ),
        );
      }
      if (part.serialized) {
        if (serial.value === null) {
          errors.push(
            fieldError(
              'serial',
              `Enter the serial number printed on the new ${part.name}: each one is tracked.`,
            ),
          );
        } else {
          errors.push(...(await checkFitSerial(db, part, serial.value, input.ticketId)));
        }
        if (input.quantity > 1) {
          errors.push(
            fieldError(
              'quantity',
              `Each ${part.name} has its own serial: fit them one at a time, with quantity 1.`,
            ),
          );
        }
      } else if (serial.value !== null) {
        errors.push(
          fieldError('serial', `${describePart(part)} has no serial number: leave it empty.`),
        );
      }
      if (errors.length > 0) return invalid(errors);
      const have = await onHand(db, part.partNumber);
      if (input.quantity > have) {
        return invalid([
          fieldError(
            'quantity',
            have === 0
              ? `${describePart(part)} is out of stock: receive the delivery first, then fit it.`
              : `Only ${have} of ${describePart(part)} ${have === 1 ? 'is' : 'are'} in stock: fit ${have} or fewer, or receive the delivery first.`,
          ),
        ]);
      }

      const at = deps.clock();
      const line: PartLine = {
        id: newPartLineId(deps.ids),
        ticketId: ticket.id,
        partNumber: part.partNumber,
        partName: part.name,
        brand: part.brand,
        model,
        quantity: input.quantity,
        serial: serial.value,
        unitPrice: part.unitPrice,
        coverage: coverageFor(ticket.decision.charge),
        policyId: ticket.decision.policyId,
        policyVersion: ticket.decision.policyVersion,
        status: 'fitted',
        fittedOn: input.today,
        fittedAt: at,
        fittedBy: input.technicianId,
        removal: null,
      };
      const movement: StockMovementOf<'fitted'> = {
        id: newStockMovementId(deps.ids),
        kind: 'fitted',
        partNumber: part.partNumber,
        delta: -input.quantity,
        at,
        day: input.today,
        by: input.technicianId,
        ticketId: ticket.id,
        lineId: line.id,
      };
      await db.partLines.add(line);
      await db.stockMovements.add(movement);
      await db.tickets.update(ticket.id, { updatedAt: at });
      const mutationId = await appendOutbox(
        db,
        { name: 'addPartLine', args: { line, movement } },
        at,
      );
      return ok({ mutationId, line });
    },
  );
}

/** A new part's serial must not be in a watch already, nor be a part taken out as defective. */
async function checkFitSerial(
  db: CounterDb,
  part: CatalogPartRow,
  serial: SerialNumber,
  ticketId: TicketId,
): Promise<FieldError[]> {
  const fitted = (await db.partLines.where('serial').equals(serial).toArray()).find(
    (l) => l.status === 'fitted' && l.partNumber === part.partNumber,
  );
  if (fitted !== undefined) {
    const where =
      fitted.ticketId === ticketId
        ? 'on this ticket'
        : `on ticket ${(await db.tickets.get(fitted.ticketId))?.number ?? fitted.ticketId}`;
    return [
      fieldError(
        'serial',
        `${part.name} ${serial} is already fitted ${where}: check the serial on the new part’s label.`,
      ),
    ];
  }
  const removed = (await db.defectiveParts.where('serial').equals(serial).toArray()).find(
    (d) => d.partNumber === part.partNumber,
  );
  if (removed !== undefined) {
    return [
      fieldError(
        'serial',
        `${part.name} ${serial} was taken out of a watch as defective on ${removed.heldSince}: it cannot be fitted. Check the serial on the new part’s label.`,
      ),
    ];
  }
  return [];
}

export interface RemovePartLineInput {
  readonly lineId: PartLineId;
  readonly technicianId: TechnicianId;
  readonly today: PlainDate;
  /** Why the line comes off (wrong part, customer declined…). */
  readonly reason: string;
}

/** Takes a part line off its ticket: the part goes back on the shelf (`put_back`). */
export async function removePartLine(
  deps: CommandDeps,
  input: RemovePartLineInput,
): Promise<CommandResult<Written & { readonly line: PartLine }>> {
  return runCommand(
    deps,
    (db) => [db.tickets, db.partLines, db.stockMovements, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      pushIf(errors, checkText(input.reason, 'reason', MAX_REASON_LENGTH, null));
      const line = await db.partLines.get(input.lineId);
      if (line === undefined) {
        return invalid([
          ...errors,
          fieldError('lineId', 'This part line is not on this counter: open the ticket again.'),
        ]);
      }
      if (line.status === 'removed') {
        errors.push(
          fieldError(
            'lineId',
            `This ${line.partName} was already taken off the ticket on ${line.removal?.on ?? 'an earlier day'}.`,
          ),
        );
      }
      const ticket = await loadTicket(db, line.ticketId, 'lineId');
      if (!ticket.ok) errors.push(ticket.error);
      else if (ticket.value.status === 'collected') {
        errors.push(
          fieldError(
            'lineId',
            'The watch was collected with this part in it: the line can no longer be removed.',
          ),
        );
      }
      if (errors.length > 0) return invalid(errors);

      const at = deps.clock();
      const removed: PartLine = {
        ...line,
        status: 'removed',
        removal: { on: input.today, at, by: input.technicianId, reason: input.reason },
      };
      const movement: StockMovementOf<'put_back'> = {
        id: newStockMovementId(deps.ids),
        kind: 'put_back',
        partNumber: line.partNumber,
        delta: line.quantity,
        at,
        day: input.today,
        by: input.technicianId,
        ticketId: line.ticketId,
        lineId: line.id,
      };
      await db.partLines.put(removed);
      await db.stockMovements.add(movement);
      await db.tickets.update(line.ticketId, { updatedAt: at });
      const mutationId = await appendOutbox(
        db,
        { name: 'removePartLine', args: { line: removed, movement } },
        at,
      );
      return ok({ mutationId, line: removed });
    },
  );
}

/** A ticket's part lines, fitted and removed, in the order they were added. */
export async function ticketPartLines(db: CounterDb, ticketId: TicketId): Promise<PartLine[]> {
  const lines = await db.partLines.where('ticketId').equals(ticketId).toArray();
  return lines.sort((a, b) => a.fittedAt - b.fittedAt || (a.id < b.id ? -1 : 1));
}

/** The ticket's fitted lines with their totals (covered vs charged) for the quote and receipts. */
export async function ticketPartsSummary(
  db: CounterDb,
  ticketId: TicketId,
): Promise<Result<PartLinesSummary, string>> {
  const [settings, lines] = await Promise.all([readAppSettings(db), ticketPartLines(db, ticketId)]);
  if (settings.center === null) return err('Set up the center first (Settings: its currency).');
  return summarizePartLines(lines, settings.center.currency);
}

// ---------------------------------------------------------------------------------------------
// Defective parts and return shipments

export interface RecordDefectivePartInput {
  readonly ticketId: TicketId;
  readonly technicianId: TechnicianId;
  readonly today: PlainDate;
  readonly partNumber: string;
  /** The removed part's own serial; required when the catalog says the part is serialized. */
  readonly serial: string;
  /** The fault found. */
  readonly reason: string;
}

/** A part taken out of a watch: held for return to HQ, not shop stock. */
export async function recordDefectivePart(
  deps: CommandDeps,
  input: RecordDefectivePartInput,
): Promise<CommandResult<Written & { readonly part: DefectivePart }>> {
  return runCommand(
    deps,
    (db) => [db.tickets, db.partsCatalog, db.defectiveParts, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const ticket = await loadTicket(db, input.ticketId);
      if (!ticket.ok) errors.push(ticket.error);
      const found = await findPart(db, input.partNumber, 'partNumber');
      if (!found.ok) errors.push(found.error);
      pushIf(
        errors,
        checkText(
          input.reason,
          'reason',
          MAX_REASON_LENGTH,
          'Say what is wrong with the part (HQ checks it against the reason).',
        ),
      );
      const serial = readSerial(input.serial);
      if (!serial.ok) errors.push(fieldError('serial', serial.error));
      if (!found.ok || !serial.ok || !ticket.ok) return invalid(errors);
      const part = found.value;
      if (part.brand !== ticket.value.brand) {
        errors.push(
          fieldError(
            'partNumber',
            `${describePart(part)} is a ${BRAND_NAMES[part.brand]} part, and this is a ${BRAND_NAMES[ticket.value.brand]} watch: choose the part that came out of it.`,
          ),
        );
      }
      if (part.serialized && serial.value === null) {
        errors.push(
          fieldError(
            'serial',
            `Enter the serial number printed on the ${part.name} taken out: HQ checks each one.`,
          ),
        );
      }
      if (serial.value !== null) {
        const earlier = (
          await db.defectiveParts.where('serial').equals(serial.value).toArray()
        ).find((d) => d.partNumber === part.partNumber && d.status !== 'received_by_hq');
        if (earlier !== undefined) {
          errors.push(
            fieldError(
              'serial',
              `${part.name} ${serial.value} was already recorded as taken out on ${earlier.heldSince}: check the serial, or leave it if it is the same part.`,
            ),
          );
        }
      }
      if (errors.length > 0) return invalid(errors);

      const at = deps.clock();
      const defective: DefectivePart = {
        id: newDefectivePartId(deps.ids),
        ticketId: ticket.value.id,
        partNumber: part.partNumber,
        partName: part.name,
        serial: serial.value,
        reason: input.reason,
        mustReturn: part.returnToHq,
        heldSince: input.today,
        recordedAt: at,
        by: input.technicianId,
        status: 'held',
        shipmentId: null,
        receivedAt: null,
        hqNote: null,
      };
      await db.defectiveParts.add(defective);
      await db.tickets.update(ticket.value.id, { updatedAt: at });
      const mutationId = await appendOutbox(
        db,
        { name: 'recordDefectivePart', args: { part: defective } },
        at,
      );
      return ok({ mutationId, part: defective });
    },
  );
}

export interface PackReturnShipmentInput {
  readonly technicianId: TechnicianId;
  readonly today: PlainDate;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly partIds: readonly string[];
}

/** Packs held defective parts into a return shipment: each becomes `shipped`, once. */
export async function packReturnShipment(
  deps: CommandDeps,
  input: PackReturnShipmentInput,
): Promise<CommandResult<Written & { readonly shipment: ReturnShipment }>> {
  return runCommand(
    deps,
    (db) => [db.defectiveParts, db.returnShipments, db.outbox, db.settings],
    async () => {
      const { db } = deps;
      const errors: FieldError[] = [];
      const tech = activeTechnician(await readAppSettings(db), input.technicianId);
      if (!tech.ok) errors.push(tech.error);
      const carrier = input.carrier.trim();
      const trackingNumber = input.trackingNumber.trim();
      pushIf(
        errors,
        checkText(carrier, 'carrier', MAX_REFERENCE_LENGTH, 'Enter the courier’s name.'),
      );
      pushIf(
        errors,
        checkText(
          trackingNumber,
          'trackingNumber',
          MAX_REFERENCE_LENGTH,
          'Enter the tracking number from the courier’s receipt.',
        ),
      );
      if (trackingNumber !== '') {
        const same = (
          await db.returnShipments.where('trackingNumber').equals(trackingNumber).toArray()
        ).find((s) => s.carrier.toLowerCase() === carrier.toLowerCase());
        if (same !== undefined) {
          errors.push(
            fieldError(
              'trackingNumber',
              `${carrier} ${trackingNumber} was already used for a shipment packed on ${same.packedOn}: check the tracking number.`,
            ),
          );
        }
      }
      if (input.partIds.length === 0) {
        errors.push(fieldError('partIds', 'Choose the defective parts in the box.'));
      } else if (input.partIds.length > MAX_PARTS_PER_SHIPMENT) {
        errors.push(
          fieldError(
            'partIds',
            `Pack at most ${MAX_PARTS_PER_SHIPMENT} parts per shipment: split them into two boxes.`,
          ),
        );
      }
      const parts: DefectivePart[] = [];
      const seen = new Map<string, number>();
      for (const [i, id] of input.partIds.entries()) {
        const field = `partIds[${i}]`;
        const first = seen.get(id);
        if (first !== undefined) {
          errors.push(
            fieldError(field, `This part is already in the list (line ${first + 1}): remove one.`),
          );
          continue;
        }
        seen.set(id, i);
        const part = await db.defectiveParts.get(id as DefectivePartId);
        if (part === undefined) {
          errors.push(
            fieldError(field, 'This defective part is not on this counter: refresh the list.'),
          );
        } else if (part.status === 'shipped') {
          const shipment =
            part.shipmentId === null ? undefined : await db.returnShipments.get(part.shipmentId);
          errors.push(
            fieldError(
              field,
              `${describeDefective(part)} was already shipped${shipment === undefined ? '' : ` with ${shipment.carrier} ${shipment.trackingNumber} on ${shipment.packedOn}`}: take it out of this list.`,
            ),
          );
        } else if (part.status === 'received_by_hq') {
          errors.push(
            fieldError(
              field,
              `HQ has already received ${describeDefective(part)}: take it out of this list.`,
            ),
          );
        } else {
          parts.push(part);
        }
      }
      if (errors.length > 0) return invalid(errors);

      const at = deps.clock();
      const shipment: ReturnShipment = {
        id: newReturnShipmentId(deps.ids),
        carrier,
        trackingNumber,
        partIds: parts.map((p) => p.id),
        packedOn: input.today,
        packedAt: at,
        by: input.technicianId,
        status: 'in_transit',
        receivedAt: null,
      };
      await db.returnShipments.add(shipment);
      await db.defectiveParts.bulkPut(
        parts.map((p) => ({ ...p, status: 'shipped' as const, shipmentId: shipment.id })),
      );
      const mutationId = await appendOutbox(
        db,
        { name: 'packReturnShipment', args: { shipment } },
        at,
      );
      return ok({ mutationId, shipment });
    },
  );
}

const describeDefective = (p: DefectivePart): string =>
  p.serial === null ? `${p.partName} (${p.partNumber})` : `${p.partName} ${p.serial}`;

export interface ReceiptOutcome {
  /** Closed by this receipt. */
  readonly received: readonly DefectivePartId[];
  /** Closed by an earlier receipt (sync may deliver one twice). */
  readonly alreadyReceived: readonly DefectivePartId[];
  /** Not on this counter: nothing written for them. */
  readonly unknown: readonly DefectivePartId[];
  /** Received by HQ but not packed in this shipment here: HQ is the authority, so closed. */
  readonly outsideShipment: readonly DefectivePartId[];
}

/** The tables `applyReturnReceipt` writes, for a caller that runs it in its own transaction. */
export const returnReceiptTables = (db: CounterDb): readonly Table[] => [
  db.defectiveParts,
  db.returnShipments,
];

/**
 * HQ's receipt of a return shipment, as sync delivers it: each part HQ checked in is closed
 * (`received_by_hq`) and the shipment is marked received, or partly while some of its parts
 * are not listed yet. Idempotent. HQ-owned data flowing down: no outbox entry. Runs inside the
 * caller's transaction when that one includes `returnReceiptTables(db)`. A malformed receipt
 * (which the sync's own validation should have stopped) throws, so that transaction rolls back.
 */
export async function applyReturnReceipt(
  db: CounterDb,
  receipt: PartReturnReceipt,
): Promise<ReceiptOutcome> {
  const checked = PartReturnReceiptSchema.parse(receipt);
  return db.transaction('rw', returnReceiptTables(db), async () => {
    const received: DefectivePartId[] = [];
    const alreadyReceived: DefectivePartId[] = [];
    const unknown: DefectivePartId[] = [];
    const outsideShipment: DefectivePartId[] = [];
    for (const { partId, note } of checked.parts) {
      const part = await db.defectiveParts.get(partId);
      if (part === undefined) {
        unknown.push(partId);
        continue;
      }
      if (part.status === 'received_by_hq') {
        alreadyReceived.push(partId);
        continue;
      }
      if (part.shipmentId !== checked.shipmentId) outsideShipment.push(partId);
      await db.defectiveParts.put({
        ...part,
        status: 'received_by_hq',
        shipmentId: part.shipmentId ?? checked.shipmentId,
        receivedAt: checked.receivedAt,
        hqNote: note,
      });
      received.push(partId);
    }
    const shipment = await db.returnShipments.get(checked.shipmentId);
    if (shipment !== undefined) {
      const statuses = (await db.defectiveParts.bulkGet([...shipment.partIds])).map(
        (p) => p?.status,
      );
      // The shipment's status follows its parts; while HQ has checked in none, it stays as it is.
      if (statuses.some((s) => s === 'received_by_hq')) {
        const status: ReturnShipmentStatus = statuses.every((s) => s === 'received_by_hq')
          ? 'received'
          : 'partly_received';
        await db.returnShipments.put({ ...shipment, status, receivedAt: checked.receivedAt });
      }
    }
    return { received, alreadyReceived, unknown, outsideShipment };
  });
}

/** Defective parts held at the center (not shipped yet), oldest first. */
export async function heldDefectiveParts(db: CounterDb): Promise<DefectivePart[]> {
  return db.defectiveParts
    .where('[status+heldSince]')
    .between(['held', ''], ['held', '\uffff'], true, true)
    .toArray();
}

/** Held longer than 30 days on `today` (the center's date, passed in), oldest first. */
export async function heldTooLong(db: CounterDb, today: PlainDate): Promise<DefectivePart[]> {
  const latest = addDays(today, -(HELD_TOO_LONG_DAYS + 1));
  return db.defectiveParts
    .where('[status+heldSince]')
    .between(['held', ''], ['held', latest], true, true)
    .toArray();
}

export async function ticketDefectiveParts(
  db: CounterDb,
  ticketId: TicketId,
): Promise<DefectivePart[]> {
  const parts = await db.defectiveParts.where('ticketId').equals(ticketId).toArray();
  return parts.sort((a, b) => a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : 1));
}

/** Return shipments, newest first. */
export async function listReturnShipments(db: CounterDb, limit = 100): Promise<ReturnShipment[]> {
  return db.returnShipments.orderBy('packedAt').reverse().limit(limit).toArray();
}

// ---------------------------------------------------------------------------------------------
// Reports

/**
 * Parts used from `from` to `to` (both inclusive, the center's days), per model and part and per
 * part, covered vs charged value, in the center's currency. Reads only the lines fitted in the
 * range ([status+fittedOn]).
 */
export async function partsUsageReport(
  db: CounterDb,
  range: DateRange,
): Promise<Result<UsageReport, FieldError[]>> {
  const checked = checkDateRange(range);
  if (!checked.ok) return err([fieldError('to', checked.error)]);
  const settings = await readAppSettings(db);
  if (settings.center === null) {
    return err([fieldError('center', 'Set up the center first (Settings: its currency).')]);
  }
  const lines = await db.partLines
    .where('[status+fittedOn]')
    .between(['fitted', range.from], ['fitted', range.to], true, true)
    .toArray();
  return ok(buildUsageReport(lines, range, settings.center.currency));
}

/** The usage report as CSV, ready to save (RFC 4180, formula cells guarded). */
export async function partsUsageCsv(
  db: CounterDb,
  range: DateRange,
  grouping: 'by_model' | 'by_part',
): Promise<Result<string, FieldError[]>> {
  const report = await partsUsageReport(db, range);
  return report.ok ? ok(usageReportCsv(report.value, grouping)) : report;
}
