import { z } from 'zod';

/**
 * The declarative form of a brand's troubleshooting knowledge base (one JSON file per brand in
 * policies/): the symptoms a customer walks in with, and for each the brand's own support
 * answers, in order, quoted word for word from the brand's text, tried at the counter before a
 * repair is opened.
 *
 * Where a brand's text says nothing about a symptom, the file may start from another brand's
 * answers, and says so: `origin: "common"` with `basedOn` naming the brand whose text it quotes.
 * Nothing here ever puts words in a brand's mouth.
 */

const ID = /^[a-z][a-z0-9-]*$/;

export const ORIGINS = ['brand', 'common'] as const;
/** `brand`: the file's own brand wrote it. `common`: another brand's answer, used where this
 * brand's text is silent; `basedOn` names that brand. */
export type Origin = (typeof ORIGINS)[number];

const origin = z.enum(ORIGINS, {
  error: 'expected "brand" (the brand of this file wrote it) or "common" (with "basedOn")',
});

const basedOn = z
  .string()
  .regex(ID, 'expected the id of the knowledge base the common text comes from, such as "kospet"');

/**
 * A sentence quoted from a source document. `note` is ours, in plain words for the technician
 * (never shown as the brand's words). `origin`/`basedOn` override the symptom's for this quote.
 */
const quote = z.strictObject({
  text: z.string().trim().min(1, 'expected the quoted text, word for word from the source'),
  source: z.string().min(1, 'expected the id of a document in "sources"'),
  note: z.string().trim().min(1, 'expected a note in plain words, or leave "note" out').optional(),
  origin: origin.optional(),
  basedOn: basedOn.optional(),
});

/** One word as the counter types it: letters and digits, no spaces. */
const keyword = z
  .string()
  .regex(/^[\p{L}\p{N}'’-]+$/u, 'expected a single word (letters and digits, no spaces)');

const symptom = z.strictObject({
  id: z.string().regex(ID, 'expected a lower-case id such as "pairing"'),
  /** What the customer says is wrong, in plain words. */
  name: z.string().trim().min(1, 'expected the symptom in plain words'),
  /** Other ways a customer or technician puts it, as typed at the counter. */
  synonyms: z
    .array(z.string().trim().min(1, 'expected a phrase, not an empty string'))
    .min(1, 'expected at least one synonym: the words a customer uses for this symptom'),
  /** Single words that point at this symptom without being a phrase for it. */
  keywords: z.array(keyword).optional(),
  /** The brand's own question this answers, quoted. */
  question: quote.optional(),
  origin,
  basedOn: basedOn.optional(),
  /** In the order the brand gives them. */
  steps: z.array(quote).min(1, 'expected at least one step to try'),
  /** What matters about the features involved (what needs the phone's Bluetooth, charge
   * before an update, who holds a reset file), quoted. */
  notes: z.array(quote).optional(),
  /** Symptoms worth trying next, by id. */
  related: z.array(z.string().regex(ID, 'expected a symptom id')).optional(),
});

export const knowledgeBaseSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(ID, 'a lower-case id such as "kospet"'),
  brand: z.string().trim().min(1, 'expected the brand name'),
  version: z.number().int().positive(),
  title: z.string().trim().min(1, 'expected a title'),
  /** The documents quoted from: id → file name under policies/sources/. */
  sources: z.record(
    z.string().regex(/^[a-z0-9-]+$/, 'expected a source id such as "kospet-faq"'),
    z.string().min(1, 'expected a file name under policies/sources/'),
  ),
  /** What the brand asks to be told when the steps did not help and a repair is opened. */
  beforeRepair: z.array(quote).optional(),
  symptoms: z.array(symptom).min(1, 'expected at least one symptom'),
});

export type KnowledgeBaseDocument = z.infer<typeof knowledgeBaseSchema>;
export type SymptomDocument = z.infer<typeof symptom>;
export type QuoteDocument = z.infer<typeof quote>;
