/**
 * The mutations a counter's outbox holds and HQ applies, defined once (STYLE.md 4). The counter's
 * `Mutation` type (renderer/data/db.ts) is `z.output` of `MutationSchema`; HQ validates each
 * arriving mutation's arguments against the schema of its name, and rejects the one that fails
 * without stopping the queue (DESIGN.md, "Sync with HQ").
 */
import { z } from 'zod';
import { missingCaseError } from '../lib/assert';
import {
  PARTS_MUTATION_ARGS,
  partsMutationTicketId,
  type PartsMutationName,
} from '../parts/mutations';
import {
  AppSettingsSchema,
  CustomerRefSchema,
  PhotoMetaSchema,
  TechnicianSchema,
  TicketEventSchema,
  TicketRecordSchema,
  WatchRecordSchema,
} from './records';

/** The arguments of each mutation, by name. Arguments are plain JSON: no Blobs (photos go apart). */
export const MUTATION_ARGS = {
  createTicket: z
    .object({
      customer: CustomerRefSchema,
      device: WatchRecordSchema,
      ticket: TicketRecordSchema,
      events: z.array(TicketEventSchema).min(1).max(50).readonly(),
      photos: z.array(PhotoMetaSchema).max(50).readonly(),
    })
    .readonly(),
  changeStatus: z.object({ event: TicketEventSchema }).readonly(),
  addNote: z.object({ event: TicketEventSchema }).readonly(),
  recordDiagnosis: z
    .object({ events: z.array(TicketEventSchema).min(1).max(10).readonly() })
    .readonly(),
  setQuote: z.object({ event: TicketEventSchema }).readonly(),
  updateSettings: z.object({ settings: AppSettingsSchema }).readonly(),
  addTechnician: z.object({ technician: TechnicianSchema }).readonly(),
  // The parts ledger's mutations, defined once in shared/parts/mutations.ts.
  ...PARTS_MUTATION_ARGS,
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as readonly MutationName[];

export const isMutationName = (x: unknown): x is MutationName =>
  typeof x === 'string' && Object.hasOwn(MUTATION_ARGS, x);

const variant = <N extends MutationName>(name: N) =>
  z.object({ name: z.literal(name), args: MUTATION_ARGS[name] }).readonly();

/** One mutation: its name and its arguments. */
export const MutationSchema = z.discriminatedUnion('name', [
  variant('createTicket'),
  variant('changeStatus'),
  variant('addNote'),
  variant('recordDiagnosis'),
  variant('setQuote'),
  variant('updateSettings'),
  variant('addTechnician'),
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

export type Mutation = z.output<typeof MutationSchema>;
export type MutationOf<N extends MutationName> = Extract<Mutation, { readonly name: N }>;

/** Compiles only while every name in MUTATION_ARGS has its variant in MutationSchema. */
export type EveryNameHasAVariant =
  Exclude<MutationName, Mutation['name']> extends never ? true : never;
export const EVERY_NAME_HAS_A_VARIANT: EveryNameHasAVariant = true;

const PARTS_NAMES: ReadonlySet<string> = new Set(Object.keys(PARTS_MUTATION_ARGS));

/** Whether `m` is one of the parts ledger's mutations (shared/parts/mutations.ts). */
export const isPartsMutation = (
  m: Mutation,
): m is Extract<Mutation, { readonly name: PartsMutationName }> => PARTS_NAMES.has(m.name);

/** Compiles only while every parts ledger mutation is in MUTATION_ARGS. */
export type PartsNamesMatch = [PartsMutationName] extends [Extract<MutationName, PartsMutationName>]
  ? true
  : never;
export const PARTS_NAMES_MATCH: PartsNamesMatch = true;

/**
 * The ticket a mutation concerns, so a rejection can be shown on it; null for settings and stock.
 * A name this build does not know (an entry written by a newer counter, restored here) gives null.
 */
export function mutationTicketId(m: Mutation): string | null {
  if (isPartsMutation(m)) return partsMutationTicketId(m);
  switch (m.name) {
    case 'createTicket':
      return m.args.ticket.id;
    case 'changeStatus':
    case 'addNote':
    case 'setQuote':
      return m.args.event.ticketId;
    case 'recordDiagnosis':
      return m.args.events[0]?.ticketId ?? null;
    case 'updateSettings':
    case 'addTechnician':
      return null;
    default:
      // Every known name is handled above (the compiler checks it). An unknown one (an entry of a
      // newer version) has no ticket: made, not thrown, so it never breaks a sync round.
      missingCaseError(m);
      return null;
  }
}

/** The same as `mutationTicketId`, for a mutation that may not have passed validation. */
export function rawMutationTicketId(name: string, args: unknown): string | null {
  const parsed = MutationSchema.safeParse({ name, args });
  if (parsed.success) return mutationTicketId(parsed.data);
  if (typeof args !== 'object' || args === null) return null;
  const a = args as Record<string, unknown>;
  const idOf = (o: unknown, key: string): string | null => {
    if (typeof o !== 'object' || o === null) return null;
    const v = (o as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : null;
  };
  return (
    idOf(a['ticket'], 'id') ??
    idOf(a['event'], 'ticketId') ??
    (Array.isArray(a['events']) ? idOf(a['events'][0], 'ticketId') : null) ??
    idOf(a['line'], 'ticketId') ??
    idOf(a['part'], 'ticketId')
  );
}
