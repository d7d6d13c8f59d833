import { z } from 'zod';
import { isPlainDate, type PlainDate } from '../dates/plainDate';
import { BRANDS, type BrandId } from '../domain/brand';
import { isUuidV7, type Id, type IdSource, type TechnicianId, type TicketId } from '../domain/ids';
import type { Money } from '../domain/money';
import { MAX_SERIAL_LENGTH, normalizeSerial, type SerialNumber } from '../domain/serial';
import { MoneySchema, PartNumberSchema, type PartNumber } from './catalog';

/*
 * The parts ledger's records, as the counter stores them and sends them to HQ. Each type is
 * written out for readers; its schema (for HQ's validation of what arrives) is checked against
 * it by the compiler.
 *
 * Stock is a ledger: every change of what is on the shelf is a movement with a signed `delta`,
 * and on-hand is their sum, never a stored number (DESIGN.md, "Local data"). A part taken out of
 * a watch is not shop stock: it is a defective part, held until it is shipped back to HQ.
 */

export type StockMovementId = Id<'stockMovement'>;
export type PartLineId = Id<'partLine'>;
export type DefectivePartId = Id<'defectivePart'>;
export type ReturnShipmentId = Id<'returnShipment'>;
export type StockCountId = Id<'stockCount'>;

export const newStockMovementId = (next: IdSource): StockMovementId => next() as StockMovementId;
export const newPartLineId = (next: IdSource): PartLineId => next() as PartLineId;
export const newDefectivePartId = (next: IdSource): DefectivePartId => next() as DefectivePartId;
export const newReturnShipmentId = (next: IdSource): ReturnShipmentId => next() as ReturnShipmentId;
export const newStockCountId = (next: IdSource): StockCountId => next() as StockCountId;

export const parseDefectivePartId = (s: string): DefectivePartId | null =>
  isUuidV7(s) ? (s as DefectivePartId) : null;

// ---------------------------------------------------------------------------------------------
// Primitives

const uuid = <T extends string>(what: string) =>
  z.custom<T>((v) => typeof v === 'string' && isUuidV7(v), {
    error: `expected a UUIDv7 ${what} id`,
  });

export const StockMovementIdSchema = uuid<StockMovementId>('stock movement');
export const PartLineIdSchema = uuid<PartLineId>('part line');
export const DefectivePartIdSchema = uuid<DefectivePartId>('defective part');
export const ReturnShipmentIdSchema = uuid<ReturnShipmentId>('return shipment');
export const StockCountIdSchema = uuid<StockCountId>('stock count');
const TicketIdSchema = uuid<TicketId>('ticket');
const TechnicianIdSchema = uuid<TechnicianId>('technician');

const PlainDateSchema = z.custom<PlainDate>((v) => isPlainDate(v), {
  error: 'expected a YYYY-MM-DD calendar date',
});
const SerialSchema = z.custom<SerialNumber>(
  (v) =>
    typeof v === 'string' && v !== '' && v.length <= MAX_SERIAL_LENGTH && normalizeSerial(v) === v,
  { error: 'expected a normalized serial number' },
);
const TimestampSchema = z.number().int().nonnegative();
const BrandSchema = z.enum(BRANDS) satisfies z.ZodType<BrandId>;
/** Free text the counter typed (a reason, a reference); bounded only against absurd records. */
const note = (max: number) => z.string().max(max);

export const MAX_QUANTITY = 10_000;
export const MAX_REFERENCE_LENGTH = 100;
export const MAX_REASON_LENGTH = 500;

// ---------------------------------------------------------------------------------------------
// Stock movements

export const STOCK_MOVEMENT_KINDS = [
  'received',
  'fitted',
  'put_back',
  'returned',
  'adjusted',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

interface MovementBase {
  readonly id: StockMovementId;
  readonly partNumber: PartNumber;
  /** The change to what is on the shelf: positive in, negative out; never 0. */
  readonly delta: number;
  /** When it was written (the counter's clock, ms). */
  readonly at: number;
  /** The center's calendar day it happened, as the UI took it. */
  readonly day: PlainDate;
  readonly by: TechnicianId;
}

export type StockMovement =
  /** A delivery from HQ or a distributor arrived. */
  | (MovementBase & { readonly kind: 'received'; readonly deliveryRef: string })
  /** Taken from the shelf into a watch, on a ticket's part line. */
  | (MovementBase & {
      readonly kind: 'fitted';
      readonly ticketId: TicketId;
      readonly lineId: PartLineId;
    })
  /** A part line was removed from a ticket: the part is back on the shelf. */
  | (MovementBase & {
      readonly kind: 'put_back';
      readonly ticketId: TicketId;
      readonly lineId: PartLineId;
    })
  /** New parts sent back to HQ (surplus, wrong delivery, recall). */
  | (MovementBase & {
      readonly kind: 'returned';
      readonly reference: string;
      readonly reason: string;
    })
  /** A stock count found a different quantity on the shelf. */
  | (MovementBase & {
      readonly kind: 'adjusted';
      readonly countId: StockCountId;
      readonly reason: string;
    });

export type StockMovementOf<K extends StockMovementKind> = Extract<
  StockMovement,
  { readonly kind: K }
>;

const movementBase = {
  id: StockMovementIdSchema,
  partNumber: PartNumberSchema,
  delta: z.number().int().min(-MAX_QUANTITY).max(MAX_QUANTITY),
  at: TimestampSchema,
  day: PlainDateSchema,
  by: TechnicianIdSchema,
};

const SIGN: Readonly<Record<StockMovementKind, 'in' | 'out' | 'either'>> = {
  received: 'in',
  fitted: 'out',
  put_back: 'in',
  returned: 'out',
  adjusted: 'either',
};

export const StockMovementSchema: z.ZodType<StockMovement> = z
  .discriminatedUnion('kind', [
    z.object({
      ...movementBase,
      kind: z.literal('received'),
      deliveryRef: note(MAX_REFERENCE_LENGTH).min(1),
    }),
    z.object({
      ...movementBase,
      kind: z.literal('fitted'),
      ticketId: TicketIdSchema,
      lineId: PartLineIdSchema,
    }),
    z.object({
      ...movementBase,
      kind: z.literal('put_back'),
      ticketId: TicketIdSchema,
      lineId: PartLineIdSchema,
    }),
    z.object({
      ...movementBase,
      kind: z.literal('returned'),
      reference: note(MAX_REFERENCE_LENGTH).min(1),
      reason: note(MAX_REASON_LENGTH),
    }),
    z.object({
      ...movementBase,
      kind: z.literal('adjusted'),
      countId: StockCountIdSchema,
      reason: note(MAX_REASON_LENGTH).min(1),
    }),
  ])
  .refine(
    (m) => {
      const sign = SIGN[m.kind];
      return sign === 'in' ? m.delta > 0 : sign === 'out' ? m.delta < 0 : m.delta !== 0;
    },
    { error: 'the delta’s sign does not match the movement’s kind', path: ['delta'] },
  );

// ---------------------------------------------------------------------------------------------
// Part lines on a ticket

/** Who pays for a part line: the warranty (covered) or the customer (charged). */
export type PartCoverage = 'covered' | 'charged';
export const PART_LINE_STATUSES = ['fitted', 'removed'] as const;
export type PartLineStatus = (typeof PART_LINE_STATUSES)[number];

export interface PartLineRemoval {
  readonly on: PlainDate;
  readonly at: number;
  readonly by: TechnicianId;
  readonly reason: string;
}

export interface PartLine {
  readonly id: PartLineId;
  readonly ticketId: TicketId;
  readonly partNumber: PartNumber;
  /** Copied from the catalog when fitted, so receipts print what was fitted then. */
  readonly partName: string;
  readonly brand: BrandId;
  /** The watch's model, copied from its device record, for the usage report. */
  readonly model: string;
  readonly quantity: number;
  /** The new part's serial, for serialized parts; null otherwise. */
  readonly serial: SerialNumber | null;
  /** The catalog's unit price when fitted. */
  readonly unitPrice: Money;
  /** As the ticket's decision said when the line was added. */
  readonly coverage: PartCoverage;
  /** The decision that set the coverage. */
  readonly policyId: string;
  readonly policyVersion: number;
  readonly status: PartLineStatus;
  readonly fittedOn: PlainDate;
  readonly fittedAt: number;
  readonly fittedBy: TechnicianId;
  /** Set when the line is removed (the part is put back on the shelf). */
  readonly removal: PartLineRemoval | null;
}

export const PartLineSchema: z.ZodType<PartLine> = z
  .object({
    id: PartLineIdSchema,
    ticketId: TicketIdSchema,
    partNumber: PartNumberSchema,
    partName: note(1000),
    brand: BrandSchema,
    model: note(1000),
    quantity: z.number().int().min(1).max(MAX_QUANTITY),
    serial: SerialSchema.nullable(),
    unitPrice: MoneySchema.readonly(),
    coverage: z.enum(['covered', 'charged']),
    policyId: z.string().min(1).max(100),
    policyVersion: z.number().int().positive(),
    status: z.enum(PART_LINE_STATUSES),
    fittedOn: PlainDateSchema,
    fittedAt: TimestampSchema,
    fittedBy: TechnicianIdSchema,
    removal: z
      .object({
        on: PlainDateSchema,
        at: TimestampSchema,
        by: TechnicianIdSchema,
        reason: note(MAX_REASON_LENGTH),
      })
      .readonly()
      .nullable(),
  })
  .readonly()
  .refine((l) => (l.status === 'removed') === (l.removal !== null), {
    error: 'a removed line has its removal, a fitted one has none',
    path: ['removal'],
  })
  .refine((l) => l.serial === null || l.quantity === 1, {
    error: 'a line with a serial is for one part',
    path: ['quantity'],
  });

// ---------------------------------------------------------------------------------------------
// Defective parts and their return to HQ

/**
 * Where a part taken out of a watch is: exactly one of these, always (held at the center for
 * return, on its way in a shipment, or checked in by HQ).
 */
export const DEFECTIVE_PART_STATUSES = ['held', 'shipped', 'received_by_hq'] as const;
export type DefectivePartStatus = (typeof DEFECTIVE_PART_STATUSES)[number];

export interface DefectivePart {
  readonly id: DefectivePartId;
  readonly ticketId: TicketId;
  readonly partNumber: PartNumber;
  readonly partName: string;
  /** The removed part's own serial, where it has one. */
  readonly serial: SerialNumber | null;
  /** Why it came out (the fault found). */
  readonly reason: string;
  /** The catalog says HQ wants it back. */
  readonly mustReturn: boolean;
  /** The center's day it was taken out; the held-too-long flag counts from it. */
  readonly heldSince: PlainDate;
  readonly recordedAt: number;
  readonly by: TechnicianId;
  readonly status: DefectivePartStatus;
  /** The shipment it was packed into; null while held. */
  readonly shipmentId: ReturnShipmentId | null;
  /** HQ's time of receipt, from its receipt; null until then. */
  readonly receivedAt: number | null;
  readonly hqNote: string | null;
}

export const DefectivePartSchema: z.ZodType<DefectivePart> = z
  .object({
    id: DefectivePartIdSchema,
    ticketId: TicketIdSchema,
    partNumber: PartNumberSchema,
    partName: note(1000),
    serial: SerialSchema.nullable(),
    reason: note(MAX_REASON_LENGTH).min(1),
    mustReturn: z.boolean(),
    heldSince: PlainDateSchema,
    recordedAt: TimestampSchema,
    by: TechnicianIdSchema,
    status: z.enum(DEFECTIVE_PART_STATUSES),
    shipmentId: ReturnShipmentIdSchema.nullable(),
    receivedAt: TimestampSchema.nullable(),
    hqNote: note(2000).nullable(),
  })
  .readonly()
  .refine((p) => (p.status === 'held') === (p.shipmentId === null), {
    error: 'a held part is in no shipment; a shipped or received one names its shipment',
    path: ['shipmentId'],
  });

export const RETURN_SHIPMENT_STATUSES = ['in_transit', 'partly_received', 'received'] as const;
export type ReturnShipmentStatus = (typeof RETURN_SHIPMENT_STATUSES)[number];

export const MAX_PARTS_PER_SHIPMENT = 500;

export interface ReturnShipment {
  readonly id: ReturnShipmentId;
  readonly carrier: string;
  readonly trackingNumber: string;
  /** The defective parts packed, each once. */
  readonly partIds: readonly DefectivePartId[];
  readonly packedOn: PlainDate;
  readonly packedAt: number;
  readonly by: TechnicianId;
  readonly status: ReturnShipmentStatus;
  /** HQ's time of its last receipt for this shipment. */
  readonly receivedAt: number | null;
}

export const ReturnShipmentSchema: z.ZodType<ReturnShipment> = z
  .object({
    id: ReturnShipmentIdSchema,
    carrier: note(MAX_REFERENCE_LENGTH).min(1),
    trackingNumber: note(MAX_REFERENCE_LENGTH).min(1),
    partIds: z.array(DefectivePartIdSchema).min(1).max(MAX_PARTS_PER_SHIPMENT).readonly(),
    packedOn: PlainDateSchema,
    packedAt: TimestampSchema,
    by: TechnicianIdSchema,
    status: z.enum(RETURN_SHIPMENT_STATUSES),
    receivedAt: TimestampSchema.nullable(),
  })
  .readonly()
  .refine((s) => new Set(s.partIds).size === s.partIds.length, {
    error: 'a part is listed twice',
    path: ['partIds'],
  });

// ---------------------------------------------------------------------------------------------
// Stock counts

export interface StockCountLine {
  readonly partNumber: PartNumber;
  /** What the ledger said was on the shelf. */
  readonly expected: number;
  /** What was found. */
  readonly counted: number;
}

export interface StockCount {
  readonly id: StockCountId;
  readonly countedOn: PlainDate;
  readonly at: number;
  readonly by: TechnicianId;
  readonly reason: string;
  readonly lines: readonly StockCountLine[];
}

export const StockCountSchema: z.ZodType<StockCount> = z
  .object({
    id: StockCountIdSchema,
    countedOn: PlainDateSchema,
    at: TimestampSchema,
    by: TechnicianIdSchema,
    reason: note(MAX_REASON_LENGTH).min(1),
    lines: z
      .array(
        z
          .object({
            partNumber: PartNumberSchema,
            expected: z.number().int(),
            counted: z
              .number()
              .int()
              .min(0)
              .max(MAX_QUANTITY * 100),
          })
          .readonly(),
      )
      .min(1)
      .max(50_000)
      .readonly(),
  })
  .readonly();

// ---------------------------------------------------------------------------------------------
// HQ's receipt of a return shipment (flows down by sync)

export interface PartReturnReceipt {
  /** The counter's shipment, as it was sent up with `packReturnShipment`. */
  readonly shipmentId: ReturnShipmentId;
  /** When HQ checked the parts in (HQ's clock, ms). */
  readonly receivedAt: number;
  /** The parts HQ checked in. A part of the shipment not listed has not arrived (yet). */
  readonly parts: readonly { readonly partId: DefectivePartId; readonly note: string }[];
}

export const PartReturnReceiptSchema: z.ZodType<PartReturnReceipt> = z
  .object({
    shipmentId: ReturnShipmentIdSchema,
    receivedAt: TimestampSchema,
    parts: z
      .array(z.object({ partId: DefectivePartIdSchema, note: note(2000) }).readonly())
      .min(1)
      .max(MAX_PARTS_PER_SHIPMENT)
      .readonly(),
  })
  .readonly();
