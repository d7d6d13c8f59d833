/**
 * The sync protocol between a counter and HQ, defined once for both sides (DESIGN.md, "Sync with
 * HQ"; STYLE.md 4): versioned paths, JSON bodies validated with these schemas, errors as
 * `{ error: { code, message } }`.
 *
 *   POST /v1/enroll              EnrollRequest  → EnrollResponse     (no token: the one-time code)
 *   POST /v1/sync/push           PushRequest    → PushResponse       (Bearer token)
 *   GET  /v1/sync/pull?after=N   —              → PullResponse       (Bearer token)
 *   GET  /v1/devices/:serial     —              → RegistryAnswer     (Bearer token)
 */
import { z } from 'zod';
import { TICKET_STATUSES } from '../domain/ticket';
import { COMPONENTS, PURCHASE_CHANNELS } from '../warranty/vocabulary';
import {
  BrandIdSchema,
  CenterCodeSchema,
  CountryCodeSchema,
  PlainDateSchema,
  SerialNumberSchema,
  TimestampSchema,
} from './records';

export const API_PATHS = {
  enroll: '/v1/enroll',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
  device: (serial: string) => `/v1/devices/${encodeURIComponent(serial)}`,
} as const;

/** The most mutations one push may carry; a counter sends fewer (its batch size). */
export const MAX_PUSH_MUTATIONS = 1000;
/** The most changes one pull answers with; `limit` asks for fewer. */
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * What went wrong, as a code a program can act on. The message is for a person: what happened and
 * what to do. New codes may appear; clients treat an unknown one by its HTTP status.
 */
export const HQ_ERROR_CODES = [
  'bad_request', // the body or query broke the protocol
  'malformed_json', // the body is not JSON at all
  'body_too_large', // over the size limit: send fewer mutations at once
  'unsupported_media_type', // not application/json
  'missing_token', // no `Authorization: Bearer …`
  'invalid_token', // unknown token: enroll this counter
  'revoked_token', // HQ revoked this counter: enroll it again
  'enrollment_code_invalid', // no such code
  'enrollment_code_expired',
  'enrollment_code_used',
  'installation_elsewhere', // this installation is enrolled at another center
  'unknown_serial', // the registry does not know the watch
  'not_found',
  'internal', // HQ's fault: retry later
] as const;
export type HqErrorCode = (typeof HQ_ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string().min(1), message: z.string() }),
});
export type ErrorBody = z.output<typeof ErrorBodySchema>;

/** Why HQ rejected one mutation (recorded; the queue moves on). */
export const REJECTION_CODES = [
  'invalid_args', // the arguments do not match the mutation's schema
  'unknown_mutation', // a name HQ does not know (a newer counter?)
  'wrong_center', // the record belongs to another center
  'unknown_ticket', // a change to a ticket HQ does not have
  'unknown_customer',
  'invalid_transition', // the status move is not allowed from HQ's current status
  'ticket_closed', // the ticket reached a final status
  'duplicate_record', // an id HQ already has, from another mutation
  'conflict', // the database refused the change (a constraint): nothing of it was applied
  /**
   * HQ already has a different change under this number: the counter's numbering went back (a
   * restored backup). Nothing after it was applied; the counter renumbers its pending changes
   * after `lastMutationId` and sends them again.
   */
  'id_reused',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const MutationErrorSchema = z.object({ code: z.string().min(1), message: z.string() });
export type MutationError = z.output<typeof MutationErrorSchema>;

// ---------------------------------------------------------------------------------------------
// Enrollment

export const EnrollRequestSchema = z.object({
  code: z.string().trim().min(1).max(64),
  deviceName: z.string().trim().min(1).max(100),
  /**
   * The counter's own installation id (the outbox's identity). Enrolling the same installation
   * again at the same center keeps its device id and its last applied mutation id, so a counter
   * that re-enrolls after a revoked token resumes its outbox instead of meeting a gap.
   */
  installationId: z.string().min(1).max(100).optional(),
  appVersion: z.string().max(50).optional(),
});
export type EnrollRequest = z.output<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  deviceId: z.string().min(1),
  token: z.string().min(1),
  centerCode: CenterCodeSchema,
  centerName: z.string(),
  /** The last mutation id HQ applied for this installation (0 for a new one). */
  lastMutationId: z.number().int().nonnegative(),
});
export type EnrollResponse = z.output<typeof EnrollResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Push

/**
 * The envelope only: a mutation whose name or arguments are wrong is rejected on its own by HQ,
 * so one bad entry never fails the batch.
 */
export const PushMutationSchema = z.object({
  mutationId: z.number().int().positive(),
  name: z.string().min(1).max(100),
  args: z.unknown(),
  at: TimestampSchema,
});
export type PushMutation = z.output<typeof PushMutationSchema>;

export const PushRequestSchema = z.object({
  mutations: z.array(PushMutationSchema).max(MAX_PUSH_MUTATIONS),
  /** The highest mutation id the counter has written, so HQ can show its backlog. */
  pendingUpTo: z.number().int().nonnegative().optional(),
  appVersion: z.string().max(50).optional(),
});
export type PushRequest = z.output<typeof PushRequestSchema>;

export const PUSH_STATUSES = ['applied', 'already_applied', 'rejected'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

export const PushResultSchema = z.object({
  mutationId: z.number().int().positive(),
  status: z.enum(PUSH_STATUSES),
  error: MutationErrorSchema.optional(),
});
export type PushResult = z.output<typeof PushResultSchema>;

export const PushResponseSchema = z.object({
  /** Everything up to here is acknowledged: the counter may forget those outbox entries. */
  lastMutationId: z.number().int().nonnegative(),
  results: z.array(PushResultSchema),
  /** Set when the batch stopped at a gap: HQ expected `expected` and got `received`. */
  gap: z.object({ expected: z.number().int(), received: z.number().int() }).optional(),
});
export type PushResponse = z.output<typeof PushResponseSchema>;

// ---------------------------------------------------------------------------------------------
// The registry: what HQ knows about a watch

export const RepairSchema = z.object({
  centerCode: z.string(),
  ticketNumber: z.string(),
  visitDate: PlainDateSchema,
  status: z.enum(TICKET_STATUSES),
  component: z.enum(COMPONENTS),
  covered: z.boolean(),
  charge: z.enum(['free', 'paid']),
});
export type Repair = z.output<typeof RepairSchema>;

export const RegistryAnswerSchema = z.object({
  serial: SerialNumberSchema,
  /** Whether the manufacturer's registry lists the watch (repairs may be known without it). */
  registered: z.boolean(),
  brand: BrandIdSchema.nullable(),
  model: z.string().nullable(),
  activationDate: PlainDateSchema.nullable(),
  sold: z
    .object({
      date: PlainDateSchema.nullable(),
      country: CountryCodeSchema.nullable(),
      channel: z.enum(PURCHASE_CHANNELS).nullable(),
    })
    .nullable(),
  /** Earlier repairs at any center, newest first. */
  repairs: z.array(RepairSchema),
  /** Free replacements already given for this watch. */
  freeReplacementsGiven: z.number().int().nonnegative(),
  /** HQ's time of the answer. */
  answeredAt: TimestampSchema,
});
export type RegistryAnswer = z.output<typeof RegistryAnswerSchema>;

// ---------------------------------------------------------------------------------------------
// Pull: HQ-owned data flowing down, numbered by HQ's one sequence

export const PolicyChangeSchema = z.object({
  seq: z.number().int().positive(),
  kind: z.literal('policy'),
  policyId: z.string().min(1),
  version: z.number().int().positive(),
  /** The policy file as published (validated by HQ with parsePolicy; the counter checks again). */
  document: z.unknown(),
  publishedAt: TimestampSchema,
});

export const CatalogChangeSchema = z.object({
  seq: z.number().int().positive(),
  kind: z.literal('catalog'),
  version: z.number().int().positive(),
  /** The whole catalog as published (validated by HQ with shared/parts' parsePartsCatalog). */
  document: z.unknown(),
  publishedAt: TimestampSchema,
});

export const PartReturnReceiptChangeSchema = z.object({
  seq: z.number().int().positive(),
  kind: z.literal('partReturnReceipt'),
  /** The defective part HQ received back. */
  partId: z.string().min(1),
  shipmentId: z.string().nullable(),
  partNumber: z.string(),
  ticketId: z.string().nullable(),
  receivedAt: TimestampSchema,
  note: z.string(),
});

export const RegistryChangeSchema = z.object({
  seq: z.number().int().positive(),
  kind: z.literal('registry'),
  serial: SerialNumberSchema,
  answer: RegistryAnswerSchema,
});

export const PullChangeSchema = z.discriminatedUnion('kind', [
  PolicyChangeSchema,
  CatalogChangeSchema,
  PartReturnReceiptChangeSchema,
  RegistryChangeSchema,
]);
export type PullChange = z.output<typeof PullChangeSchema>;
export type PullChangeKind = PullChange['kind'];
export type PolicyChange = z.output<typeof PolicyChangeSchema>;
export type CatalogChange = z.output<typeof CatalogChangeSchema>;
export type PartReturnReceiptChange = z.output<typeof PartReturnReceiptChangeSchema>;
export type RegistryChange = z.output<typeof RegistryChangeSchema>;

/**
 * Changes are checked one by one (`PullChangeSchema`), so a kind this counter does not know yet
 * (a newer HQ) is skipped rather than failing the whole pull.
 */
export const PullResponseSchema = z.object({
  changes: z.array(z.looseObject({ seq: z.number().int().positive(), kind: z.string() })),
  /** Ask for changes after this next time. HQ's sequence, never a client clock. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.output<typeof PullResponseSchema>;

export const PullQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
