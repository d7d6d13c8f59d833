import { z } from 'zod';
import { missingCaseError } from '../lib/assert';
import { CatalogPartSchema, MAX_LOW_STOCK_THRESHOLD, PartNumberSchema } from './catalog';
import {
  DefectivePartSchema,
  PartLineSchema,
  ReturnShipmentSchema,
  StockCountSchema,
  StockMovementSchema,
} from './records';

/*
 * The parts ledger's outbox mutations: their names and argument schemas, defined once here so the
 * counter and HQ agree on them; shared/sync/mutations.ts includes them in the protocol's list.
 *
 * Each carries the rows exactly as the counter wrote them, so HQ can replay the ledger.
 */

const movements = z.array(StockMovementSchema).min(1).max(500).readonly();

export const PARTS_MUTATION_ARGS = {
  /** A delivery: one `received` movement per part. */
  receiveStock: z.object({ movements }).readonly(),
  /** New parts sent back to HQ: one `returned` movement per part. */
  returnStockToHq: z.object({ movements }).readonly(),
  /** A stock count and the `adjusted` movements it led to (none when all matched). */
  recordStockCount: z
    .object({
      count: StockCountSchema,
      movements: z.array(StockMovementSchema).max(50_000).readonly(),
    })
    .readonly(),
  setLowStockThreshold: z
    .object({
      partNumber: PartNumberSchema,
      threshold: z.number().int().min(0).max(MAX_LOW_STOCK_THRESHOLD),
    })
    .readonly(),
  /** A part line fitted on a ticket and its `fitted` movement. */
  addPartLine: z.object({ line: PartLineSchema, movement: StockMovementSchema }).readonly(),
  /** A part line removed (status `removed`) and its `put_back` movement. */
  removePartLine: z.object({ line: PartLineSchema, movement: StockMovementSchema }).readonly(),
  /** A part taken out of a watch, now held for return. */
  recordDefectivePart: z.object({ part: DefectivePartSchema }).readonly(),
  /** A return shipment; its parts (listed in it) are now `shipped`. */
  packReturnShipment: z.object({ shipment: ReturnShipmentSchema }).readonly(),
  /** A catalog part added or changed at the center (only where HQ allows it). */
  saveCatalogPart: z.object({ part: CatalogPartSchema.readonly() }).readonly(),
} as const;

export type PartsMutationName = keyof typeof PARTS_MUTATION_ARGS;
export const PARTS_MUTATION_NAMES = Object.keys(
  PARTS_MUTATION_ARGS,
) as readonly PartsMutationName[];

const variant = <N extends PartsMutationName>(name: N) =>
  z.object({ name: z.literal(name), args: PARTS_MUTATION_ARGS[name] }).readonly();

export const PartsMutationSchema = z.discriminatedUnion('name', [
  variant('receiveStock'),
  variant('returnStockToHq'),
  variant('recordStockCount'),
  variant('setLowStockThreshold'),
  variant('addPartLine'),
  variant('removePartLine'),
  variant('recordDefectivePart'),
  variant('packReturnShipment'),
  variant('saveCatalogPart'),
]);

export type PartsMutation = z.output<typeof PartsMutationSchema>;
export type PartsMutationOf<N extends PartsMutationName> = Extract<
  PartsMutation,
  { readonly name: N }
>;

/** Compiles only while every name has its variant in PartsMutationSchema. */
export type EveryPartsNameHasAVariant =
  Exclude<PartsMutationName, PartsMutation['name']> extends never ? true : never;
export const EVERY_PARTS_NAME_HAS_A_VARIANT: EveryPartsNameHasAVariant = true;

/** The ticket a parts mutation concerns, so a rejection can be shown on it; null for stock. */
export function partsMutationTicketId(m: PartsMutation): string | null {
  switch (m.name) {
    case 'addPartLine':
    case 'removePartLine':
      return m.args.line.ticketId;
    case 'recordDefectivePart':
      return m.args.part.ticketId;
    case 'receiveStock':
    case 'returnStockToHq':
    case 'recordStockCount':
    case 'setLowStockThreshold':
    case 'packReturnShipment':
    case 'saveCatalogPart':
      return null;
    default:
      throw missingCaseError(m);
  }
}
