import type { TicketStatus } from '../shared/domain/ticket';
import { isFinalStatus, TICKET_STATUS_LABELS } from '../shared/domain/ticket';
import { missingCaseError } from '../shared/lib/assert';
import type { Result } from '../shared/lib/result';
import type { PartsMutation, PartsMutationOf } from '../shared/parts/mutations';
import type { StockMovement, StockMovementKind } from '../shared/parts/records';
import type { RejectionCode } from '../shared/sync/protocol';
import { bool, text, textOrNull, toJson, type Queryable, type Row } from './db/types';

/*
 * The parts ledger's mutations at HQ (shared/parts/mutations.ts), applied inside push.ts's batch
 * with the same rules as the ticket mutations: state loaded once for the batch, each mutation
 * checked against it and only a mutation that passes changes it, the writes set-based at the end.
 *
 *  - a center writes only its own records: a part line or a defective part of another center's
 *    ticket, or an id another center already has, is rejected;
 *  - an id HQ already has from this center is the same record sent again (a counter restored from
 *    a backup, an entry renumbered): it is acknowledged as applied and written once;
 *  - every movement must be of its mutation's kind, and a line's movement must be the line's.
 */

export type PartsRejection = { readonly code: RejectionCode; readonly message: string };

/** What push.ts knows of a ticket, for the checks here. */
export interface PartsTicket {
  readonly id: string;
  readonly number: string;
  readonly status: TicketStatus;
}

/** push.ts's view of the batch's tickets and center, for the checks here. */
export interface PartsContext {
  readonly centerCode: string;
  readonly deviceId: string;
  /** The ticket if it is this center's (else why not: unknown, or another center's). */
  ownTicket(ticketId: string): Result<PartsTicket, PartsRejection>;
  /** The ticket changed at `at` (its updated_at moves). */
  touchTicket(ticketId: string, at: number): void;
}

interface LineState {
  readonly centerCode: string;
  readonly ticketId: string;
  status: 'fitted' | 'removed';
}

interface DefectiveState {
  readonly centerCode: string;
  shipmentId: string | null;
}

export interface PartsState {
  /** id → center code, for records HQ has (in the database or earlier in the batch). */
  readonly movements: Map<string, string>;
  readonly lines: Map<string, LineState>;
  readonly defective: Map<string, DefectiveState>;
  readonly shipments: Map<string, string>;
  readonly counts: Map<string, string>;
  /** Whether HQ's published catalog lets centers edit it; null before HQ published one. */
  readonly catalogEditable: boolean | null;
}

export interface PartsWrites {
  readonly movements: Record<string, unknown>[];
  readonly lines: Map<string, Record<string, unknown>>;
  readonly defective: Record<string, unknown>[];
  readonly shipments: Record<string, unknown>[];
  /** Defective part id → the shipment it was packed in. */
  readonly shipped: Map<string, string>;
  readonly counts: Record<string, unknown>[];
  readonly thresholds: Map<string, Record<string, unknown>>;
  readonly catalogParts: Map<string, Record<string, unknown>>;
}

export const emptyPartsWrites = (): PartsWrites => ({
  movements: [],
  lines: new Map(),
  defective: [],
  shipments: [],
  shipped: new Map(),
  counts: [],
  thresholds: new Map(),
  catalogParts: new Map(),
});

/** The tickets the parts mutations of a batch name, to load with the batch's tickets. */
export function partsTicketIds(m: PartsMutation): readonly string[] {
  switch (m.name) {
    case 'addPartLine':
    case 'removePartLine':
      return [m.args.line.ticketId];
    case 'recordDefectivePart':
      return [m.args.part.ticketId];
    case 'receiveStock':
    case 'returnStockToHq':
    case 'recordStockCount':
    case 'setLowStockThreshold':
    case 'packReturnShipment':
    case 'saveCatalogPart':
      return [];
    default:
      throw missingCaseError(m);
  }
}

function movementsOf(m: PartsMutation): readonly StockMovement[] {
  switch (m.name) {
    case 'receiveStock':
    case 'returnStockToHq':
    case 'recordStockCount':
      return m.args.movements;
    case 'addPartLine':
    case 'removePartLine':
      return [m.args.movement];
    case 'setLowStockThreshold':
    case 'recordDefectivePart':
    case 'packReturnShipment':
    case 'saveCatalogPart':
      return [];
    default:
      throw missingCaseError(m);
  }
}

// `= ANY($1::text[])` walks the primary key, as in push.ts.

export async function loadPartsState(
  tx: Queryable,
  mutations: readonly PartsMutation[],
): Promise<PartsState> {
  const movementIds = new Set<string>();
  const lineIds = new Set<string>();
  const defectiveIds = new Set<string>();
  const shipmentIds = new Set<string>();
  const countIds = new Set<string>();
  let catalogEdit = false;
  for (const m of mutations) {
    for (const mv of movementsOf(m)) movementIds.add(mv.id);
    if (m.name === 'addPartLine' || m.name === 'removePartLine') lineIds.add(m.args.line.id);
    if (m.name === 'recordDefectivePart') defectiveIds.add(m.args.part.id);
    if (m.name === 'packReturnShipment') {
      shipmentIds.add(m.args.shipment.id);
      for (const id of m.args.shipment.partIds) defectiveIds.add(id);
    }
    if (m.name === 'recordStockCount') countIds.add(m.args.count.id);
    if (m.name === 'saveCatalogPart') catalogEdit = true;
  }
  const select = async (sql: string, ids: Set<string>): Promise<readonly Row[]> =>
    ids.size === 0 ? [] : tx.query(sql, [[...ids]]);
  const owners = async (table: string, ids: Set<string>) =>
    new Map(
      (await select(`SELECT id, center_code FROM ${table} WHERE id = ANY($1::text[])`, ids)).map(
        (r) => [text(r, 'id'), text(r, 'center_code')] as const,
      ),
    );
  const lines = new Map<string, LineState>();
  for (const r of await select(
    'SELECT id, center_code, ticket_id, status FROM part_lines WHERE id = ANY($1::text[]) FOR UPDATE',
    lineIds,
  )) {
    lines.set(text(r, 'id'), {
      centerCode: text(r, 'center_code'),
      ticketId: text(r, 'ticket_id'),
      status: text(r, 'status') === 'removed' ? 'removed' : 'fitted',
    });
  }
  const defective = new Map<string, DefectiveState>();
  for (const r of await select(
    'SELECT id, center_code, shipment_id FROM defective_parts WHERE id = ANY($1::text[]) FOR UPDATE',
    defectiveIds,
  )) {
    defective.set(text(r, 'id'), {
      centerCode: text(r, 'center_code'),
      shipmentId: textOrNull(r, 'shipment_id'),
    });
  }
  let catalogEditable: boolean | null = null;
  if (catalogEdit) {
    const [v] = await tx.query(
      `SELECT (parts ->> 'editableAtCenter')::boolean AS editable
       FROM catalog_versions ORDER BY version DESC LIMIT 1`,
    );
    catalogEditable = v === undefined ? null : bool(v, 'editable');
  }
  return {
    movements: await owners('part_movements', movementIds),
    lines,
    defective,
    shipments: await owners('return_shipments', shipmentIds),
    counts: await owners('stock_counts', countIds),
    catalogEditable,
  };
}

// ---------------------------------------------------------------------------------------------
// Checks

const label = (s: TicketStatus) => `"${TICKET_STATUS_LABELS[s]}"`;
const invalid = (message: string): PartsRejection => ({ code: 'invalid_args', message });
const elsewhere = (what: string, id: string): PartsRejection => ({
  code: 'duplicate_record',
  message: `HQ already has the ${what} ${id} from another center, so this one was not recorded.`,
});

const KIND_NAMES: Readonly<Record<StockMovementKind, string>> = {
  received: 'a delivery',
  fitted: 'a part fitted',
  put_back: 'a part put back',
  returned: 'a return to HQ',
  adjusted: 'a stock count',
};

/** Each movement new (or this center's own, sent again) and of `kind`. */
function checkMovements(
  ctx: PartsContext,
  state: PartsState,
  name: string,
  movements: readonly StockMovement[],
  kind: StockMovementKind,
): PartsRejection | null {
  const seen = new Set<string>();
  for (const mv of movements) {
    if (mv.kind !== kind) {
      return invalid(
        `The change "${name}" carries ${KIND_NAMES[mv.kind]} (movement ${mv.id}); it may carry only ${KIND_NAMES[kind]}.`,
      );
    }
    if (seen.has(mv.id)) return invalid(`The change "${name}" lists the movement ${mv.id} twice.`);
    seen.add(mv.id);
    const owner = state.movements.get(mv.id);
    if (owner !== undefined && owner !== ctx.centerCode) return elsewhere('stock movement', mv.id);
  }
  return null;
}

function addMovements(
  ctx: PartsContext,
  state: PartsState,
  writes: PartsWrites,
  movements: readonly StockMovement[],
  mutationId: number,
): void {
  for (const mv of movements) {
    if (state.movements.has(mv.id)) continue; // sent again: HQ has it
    state.movements.set(mv.id, ctx.centerCode);
    writes.movements.push({
      id: mv.id,
      center_code: ctx.centerCode,
      part_number: mv.partNumber,
      quantity: mv.delta,
      kind: mv.kind,
      ticket_id: mv.kind === 'fitted' || mv.kind === 'put_back' ? mv.ticketId : null,
      at: mv.at,
      device_id: ctx.deviceId,
      mutation_id: mutationId,
      body: mv,
    });
  }
}

function lineChange(
  ctx: PartsContext,
  state: PartsState,
  writes: PartsWrites,
  m: PartsMutationOf<'addPartLine' | 'removePartLine'>,
  mutationId: number,
): PartsRejection | null {
  const { line, movement } = m.args;
  const adding = m.name === 'addPartLine';
  const kind = adding ? 'fitted' : 'put_back';
  const problem = checkMovements(ctx, state, m.name, [movement], kind);
  if (problem !== null) return problem;
  if (
    movement.kind !== kind ||
    movement.lineId !== line.id ||
    movement.ticketId !== line.ticketId ||
    movement.partNumber !== line.partNumber ||
    movement.delta !== (adding ? -line.quantity : line.quantity)
  ) {
    return invalid(
      `The stock movement sent with part line ${line.id} does not match the line (its part, ticket or quantity).`,
    );
  }
  if (line.status !== (adding ? 'fitted' : 'removed')) {
    return invalid(
      `The change "${m.name}" sends part line ${line.id} as ${line.status}, not ${adding ? 'fitted' : 'removed'}.`,
    );
  }
  const ticket = ctx.ownTicket(line.ticketId);
  if (!ticket.ok) return ticket.error;
  const t = ticket.value;
  const known = state.lines.get(line.id);
  if (known !== undefined && (known.centerCode !== ctx.centerCode || known.ticketId !== t.id)) {
    return elsewhere('part line', line.id);
  }
  const sentAgain = state.movements.has(movement.id);
  if (adding) {
    if (known !== undefined) {
      // Sent again with its own movement: HQ has both. Another movement for it: fitted twice.
      return sentAgain
        ? null
        : {
            code: 'duplicate_record',
            message: `HQ already has part line ${line.partName} (${line.partNumber}) on ticket ${t.number}.`,
          };
    }
    if (isFinalStatus(t.status)) {
      return {
        code: 'ticket_closed',
        message: `Ticket ${t.number} is ${label(t.status)} at HQ, which is final: the part ${line.partName} (${line.partNumber}) was not recorded on it.`,
      };
    }
  } else {
    if (known === undefined) {
      return {
        code: 'invalid_transition',
        message: `HQ has no part line ${line.partName} (${line.partNumber}) on ticket ${t.number}, so its removal was not recorded.`,
      };
    }
    if (known.status === 'removed') {
      return sentAgain
        ? null
        : {
            code: 'invalid_transition',
            message: `The part line ${line.partName} (${line.partNumber}) on ticket ${t.number} was already removed at HQ.`,
          };
    }
    if (t.status === 'collected') {
      return {
        code: 'ticket_closed',
        message: `Ticket ${t.number} is ${label(t.status)} at HQ: the watch has left, so its part ${line.partName} (${line.partNumber}) cannot be taken off it.`,
      };
    }
  }

  state.lines.set(line.id, { centerCode: ctx.centerCode, ticketId: t.id, status: line.status });
  writes.lines.set(line.id, {
    id: line.id,
    center_code: ctx.centerCode,
    ticket_id: t.id,
    part_number: line.partNumber,
    quantity: line.quantity,
    status: line.status,
    fitted_at: line.fittedAt,
    removed_at: line.removal?.at ?? null,
    body: line,
  });
  addMovements(ctx, state, writes, [movement], mutationId);
  ctx.touchTicket(t.id, adding ? line.fittedAt : (line.removal?.at ?? line.fittedAt));
  return null;
}

function recordDefectivePart(
  ctx: PartsContext,
  state: PartsState,
  writes: PartsWrites,
  m: PartsMutationOf<'recordDefectivePart'>,
): PartsRejection | null {
  const { part } = m.args;
  if (part.status !== 'held' || part.receivedAt !== null) {
    return invalid(
      `The defective part ${part.partName} (${part.partNumber}) is sent as ${part.status}; a part taken out of a watch starts as held.`,
    );
  }
  const ticket = ctx.ownTicket(part.ticketId);
  if (!ticket.ok) return ticket.error;
  const known = state.defective.get(part.id);
  if (known !== undefined) {
    return known.centerCode === ctx.centerCode ? null : elsewhere('defective part', part.id);
  }
  state.defective.set(part.id, { centerCode: ctx.centerCode, shipmentId: null });
  writes.defective.push({
    id: part.id,
    center_code: ctx.centerCode,
    part_number: part.partNumber,
    ticket_id: part.ticketId,
    serial: part.serial,
    recorded_at: part.recordedAt,
    body: part,
  });
  ctx.touchTicket(part.ticketId, part.recordedAt);
  return null;
}

function packReturnShipment(
  ctx: PartsContext,
  state: PartsState,
  writes: PartsWrites,
  m: PartsMutationOf<'packReturnShipment'>,
): PartsRejection | null {
  const { shipment } = m.args;
  const owner = state.shipments.get(shipment.id);
  if (owner !== undefined) {
    return owner === ctx.centerCode ? null : elsewhere('return shipment', shipment.id);
  }
  for (const id of shipment.partIds) {
    const part = state.defective.get(id);
    if (part === undefined) {
      return {
        code: 'invalid_transition',
        message: `HQ has no defective part ${id} (was the change recording it rejected?), so shipment ${shipment.carrier} ${shipment.trackingNumber} was not recorded.`,
      };
    }
    if (part.centerCode !== ctx.centerCode) {
      return {
        code: 'wrong_center',
        message: `The defective part ${id} belongs to center ${part.centerCode}, so shipment ${shipment.carrier} ${shipment.trackingNumber} was not recorded.`,
      };
    }
    if (part.shipmentId !== null) {
      return {
        code: 'invalid_transition',
        message: `The defective part ${id} was already packed in another shipment (${part.shipmentId}), so shipment ${shipment.carrier} ${shipment.trackingNumber} was not recorded.`,
      };
    }
  }
  state.shipments.set(shipment.id, ctx.centerCode);
  writes.shipments.push({
    id: shipment.id,
    center_code: ctx.centerCode,
    created_at: shipment.packedAt,
    shipped_at: shipment.packedAt,
    carrier: shipment.carrier,
    tracking: shipment.trackingNumber,
    body: shipment,
  });
  for (const id of shipment.partIds) {
    const part = state.defective.get(id);
    if (part !== undefined) part.shipmentId = shipment.id;
    writes.shipped.set(id, shipment.id);
  }
  return null;
}

/** Applies one parts mutation to the batch's state and writes, or says why not. */
export function applyPartsMutation(
  ctx: PartsContext,
  state: PartsState,
  writes: PartsWrites,
  m: PartsMutation,
  mutationId: number,
): PartsRejection | null {
  switch (m.name) {
    case 'receiveStock':
    case 'returnStockToHq': {
      const kind = m.name === 'receiveStock' ? 'received' : 'returned';
      const problem = checkMovements(ctx, state, m.name, m.args.movements, kind);
      if (problem !== null) return problem;
      addMovements(ctx, state, writes, m.args.movements, mutationId);
      return null;
    }
    case 'recordStockCount': {
      const { count, movements } = m.args;
      const owner = state.counts.get(count.id);
      if (owner !== undefined && owner !== ctx.centerCode)
        return elsewhere('stock count', count.id);
      const problem = checkMovements(ctx, state, m.name, movements, 'adjusted');
      if (problem !== null) return problem;
      if (movements.some((mv) => mv.kind === 'adjusted' && mv.countId !== count.id)) {
        return invalid(`A movement of stock count ${count.id} names another count.`);
      }
      if (owner === undefined) {
        state.counts.set(count.id, ctx.centerCode);
        writes.counts.push({
          id: count.id,
          center_code: ctx.centerCode,
          counted_on: count.countedOn,
          at: count.at,
          body: count,
        });
      }
      addMovements(ctx, state, writes, movements, mutationId);
      return null;
    }
    case 'setLowStockThreshold':
      writes.thresholds.set(m.args.partNumber, {
        center_code: ctx.centerCode,
        part_number: m.args.partNumber,
        threshold: m.args.threshold,
      });
      return null;
    case 'addPartLine':
    case 'removePartLine':
      return lineChange(ctx, state, writes, m, mutationId);
    case 'recordDefectivePart':
      return recordDefectivePart(ctx, state, writes, m);
    case 'packReturnShipment':
      return packReturnShipment(ctx, state, writes, m);
    case 'saveCatalogPart':
      if (state.catalogEditable === false) {
        return {
          code: 'invalid_transition',
          message: `HQ manages the parts catalog, so the center's change to ${m.args.part.name} (${m.args.part.partNumber}) was not recorded: ask HQ to add or correct the part.`,
        };
      }
      writes.catalogParts.set(m.args.part.partNumber, {
        center_code: ctx.centerCode,
        part_number: m.args.part.partNumber,
        body: m.args.part,
      });
      return null;
    default:
      throw missingCaseError(m);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

async function insertRows(
  tx: Queryable,
  sql: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  ...params: readonly unknown[]
): Promise<void> {
  if (rows.length > 0) await tx.query(sql, [toJson(rows), ...params]);
}

/** Writes the batch's parts records; after the tickets (lines and parts name them). */
export async function flushParts(tx: Queryable, writes: PartsWrites, now: number): Promise<void> {
  await insertRows(
    tx,
    `INSERT INTO part_lines (id, center_code, ticket_id, part_number, quantity, status, fitted_at,
       removed_at, body)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, ticket_id text,
       part_number text, quantity integer, status text, fitted_at bigint, removed_at bigint,
       body jsonb)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, removed_at = EXCLUDED.removed_at,
       body = EXCLUDED.body`,
    [...writes.lines.values()],
  );
  await insertRows(
    tx,
    `INSERT INTO stock_counts (id, center_code, counted_on, at, body)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, counted_on text,
       at bigint, body jsonb)`,
    writes.counts,
  );
  await insertRows(
    tx,
    `INSERT INTO part_movements (id, center_code, part_number, quantity, kind, ticket_id, at,
       device_id, mutation_id, body)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text,
       part_number text, quantity integer, kind text, ticket_id text, at bigint, device_id text,
       mutation_id bigint, body jsonb)`,
    writes.movements,
  );
  await insertRows(
    tx,
    `INSERT INTO defective_parts (id, center_code, part_number, ticket_id, serial, recorded_at,
       body)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text,
       part_number text, ticket_id text, serial text, recorded_at bigint, body jsonb)`,
    writes.defective,
  );
  await insertRows(
    tx,
    `INSERT INTO return_shipments (id, center_code, created_at, shipped_at, carrier, tracking,
       body)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text,
       created_at bigint, shipped_at bigint, carrier text, tracking text, body jsonb)`,
    writes.shipments,
  );
  // Packed: the admin returns page lists each part under its shipment.
  await insertRows(
    tx,
    `UPDATE defective_parts d SET shipment_id = u.shipment_id
     FROM jsonb_to_recordset($1::jsonb) AS u(id text, shipment_id text)
     WHERE d.id = u.id AND d.shipment_id IS NULL`,
    [...writes.shipped].map(([id, shipment_id]) => ({ id, shipment_id })),
  );
  await insertRows(
    tx,
    `INSERT INTO center_part_thresholds (center_code, part_number, threshold, set_at)
     SELECT center_code, part_number, threshold, $2
     FROM jsonb_to_recordset($1::jsonb) AS r(center_code text, part_number text, threshold integer)
     ON CONFLICT (center_code, part_number) DO UPDATE SET threshold = EXCLUDED.threshold,
       set_at = EXCLUDED.set_at`,
    [...writes.thresholds.values()],
    now,
  );
  await insertRows(
    tx,
    `INSERT INTO center_catalog_parts (center_code, part_number, body, saved_at)
     SELECT center_code, part_number, body, $2
     FROM jsonb_to_recordset($1::jsonb) AS r(center_code text, part_number text, body jsonb)
     ON CONFLICT (center_code, part_number) DO UPDATE SET body = EXCLUDED.body,
       saved_at = EXCLUDED.saved_at`,
    [...writes.catalogParts.values()],
    now,
  );
}
