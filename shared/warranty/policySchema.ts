import { z } from 'zod';
import {
  COMPONENTS,
  DOCUMENTS,
  FINDING_CODES,
  PURCHASE_CHANNELS,
  REMEDIES,
  START_DATES,
  STICKER_STATES,
} from './vocabulary';

/**
 * The declarative form of a brand's warranty policy (one JSON file per brand in policies/).
 * Every rule names the clause it comes from; clauses quote the brand's own text.
 */

const clauseRef = z.string().min(1).describe('the id of a clause in this file');

const period = z.union(
  [
    z.strictObject({ months: z.number().int().positive().max(120) }),
    z.strictObject({ days: z.number().int().positive().max(3650) }),
  ],
  { error: 'expected a period: { "months": N } (1 to 120) or { "days": N } (1 to 3650)' },
);

const componentCoverage = z.discriminatedUnion('covered', [
  z.strictObject({ covered: z.literal(true), period, clause: clauseRef }),
  z.strictObject({ covered: z.literal(false), clause: clauseRef }),
]);

const remedyRule = z.strictObject({
  remedy: z.enum(REMEDIES),
  clause: clauseRef.nullable(),
  note: z.string().optional(),
  /** Only when all of these hold. */
  when: z
    .strictObject({
      channels: z.array(z.enum(PURCHASE_CHANNELS)).min(1).optional(),
      withinDaysOfStart: z.number().int().positive().optional(),
      maxPerOrder: z.number().int().positive().optional(),
      requires: z.array(z.enum(DOCUMENTS)).min(1).optional(),
      components: z.array(z.enum(COMPONENTS)).min(1).optional(),
    })
    .optional(),
});

export const policySchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case id such as "xinji"'),
  brand: z.string().min(1),
  version: z.number().int().positive(),
  title: z.string().min(1),
  /** The documents the clauses are quoted from: id → file name. */
  sources: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().min(1)),
  clauses: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'a dotted clause id such as "xinji.duration"'),
        source: z.string().min(1),
        text: z.string().min(1),
      }),
    )
    .min(1),
  coverage: z.strictObject({
    body: componentCoverage,
    battery: componentCoverage,
    accessory: componentCoverage,
  }),
  periodStart: z.strictObject({
    /** `earliest`: the earlier of the dates present; `first_present`: the first in `from` that is present. */
    rule: z.enum(['earliest', 'first_present']),
    from: z.array(z.enum(START_DATES)).min(1),
    clause: clauseRef,
  }),
  /** Quoted when the visit falls after the last covered day. */
  periodEnd: z.strictObject({ clause: clauseRef }),
  documents: z
    .strictObject({
      /** `all`: every listed document must be shown; `any`: one of them is enough. */
      mode: z.enum(['all', 'any']),
      items: z.array(z.enum(DOCUMENTS)).min(1),
      clause: clauseRef,
      note: z.string().optional(),
    })
    .nullable(),
  sticker: z
    .strictObject({ notCovered: z.array(z.enum(STICKER_STATES)).min(1), clause: clauseRef })
    .nullable(),
  purchaseCountry: z
    .strictObject({ rule: z.literal('same_as_service'), clause: clauseRef })
    .nullable(),
  channels: z
    .strictObject({ covered: z.array(z.enum(PURCHASE_CHANNELS)).min(1), clause: clauseRef })
    .nullable(),
  exclusions: z.array(
    z.strictObject({
      findings: z.array(z.enum(FINDING_CODES)).min(1),
      clause: clauseRef,
      note: z.string().optional(),
    }),
  ),
  advisories: z.array(
    z.strictObject({
      findings: z.array(z.enum(FINDING_CODES)).min(1),
      advisory: z.string().min(1),
      clause: clauseRef,
    }),
  ),
  remedies: z.strictObject({
    /** In order of preference; the first whose conditions hold is the primary remedy. */
    covered: z.array(remedyRule).min(1),
    notCovered: z.array(remedyRule),
  }),
  /** The terms a customer is told at intake, in plain words, each with the clause it comes from. */
  intakeTerms: z.array(z.strictObject({ summary: z.string().min(1), clause: clauseRef })),
  /** A warranty on the repair itself, where the policy gives one. */
  repairWarranty: z.strictObject({ period, clause: clauseRef }).nullable(),
});

export type PolicyDocument = z.infer<typeof policySchema>;
export type RemedyRule = z.infer<typeof remedyRule>;
