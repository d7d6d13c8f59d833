import { formatDataFileError, parseDataFile, type DataFileError } from '../lib/dataFile';
import { err, ok, type Result } from '../lib/result';
import {
  knowledgeBaseSchema,
  type KnowledgeBaseDocument,
  type Origin,
  type QuoteDocument,
} from './schema';
import { phraseKey, searchableTerms } from './search';

/** A knowledge base file that failed to load: which file, where in it, and what was expected. */
export type KnowledgeBaseLoadError = DataFileError;
export const formatKnowledgeBaseLoadError = formatDataFileError;

/** A sentence quoted from a brand's text, with where it comes from and who wrote it. */
export interface Quote {
  /** Word for word, whitespace collapsed. */
  readonly text: string;
  /** The source id, and the file it names under policies/sources/. */
  readonly source: string;
  readonly sourceFile: string;
  /** Ours, in plain words; never the brand's. */
  readonly note: string | null;
  /** `brand`: this knowledge base's brand wrote it; `common`: `basedOn`'s brand did. */
  readonly origin: Origin;
  readonly basedOn: string | null;
}

export interface Symptom {
  readonly id: string;
  readonly name: string;
  readonly synonyms: readonly string[];
  readonly keywords: readonly string[];
  readonly question: Quote | null;
  readonly origin: Origin;
  readonly basedOn: string | null;
  /** In the brand's order; at least one. */
  readonly steps: readonly Quote[];
  readonly notes: readonly Quote[];
  readonly related: readonly string[];
}

/**
 * A validated knowledge base. A step tried at the counter is recorded as (knowledge base id,
 * version, symptom id, step index), so what was tried can be shown later exactly as it was.
 */
export interface KnowledgeBase {
  readonly id: string;
  readonly brand: string;
  readonly version: number;
  readonly title: string;
  readonly sources: Readonly<Record<string, string>>;
  /** What the brand asks to be told when a repair is opened after the steps failed. */
  readonly beforeRepair: readonly Quote[];
  readonly symptoms: readonly Symptom[];
  readonly symptomById: ReadonlyMap<string, Symptom>;
  readonly document: KnowledgeBaseDocument;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Validates a knowledge base file's JSON and checks what the schema cannot: unique symptom ids,
 * quotes from listed sources, `common` text saying whose it is, synonyms that can be searched
 * and that name one symptom only, related symptoms that exist. A wrong file fails with the
 * file name, the path inside it and what was expected (STYLE.md 3).
 */
export function parseKnowledgeBase(
  json: unknown,
  file: string,
): Result<KnowledgeBase, KnowledgeBaseLoadError> {
  const parsed = parseDataFile(knowledgeBaseSchema, json, file, 'a valid knowledge base');
  return parsed.ok ? check(parsed.value, file) : parsed;
}

/** As `parseKnowledgeBase`, for bundled files that are tested to load: a failure is a defect. */
export function loadKnowledgeBase(json: unknown, file: string): KnowledgeBase {
  const r = parseKnowledgeBase(json, file);
  if (!r.ok) throw new Error(formatKnowledgeBaseLoadError(r.error));
  return r.value;
}

/** Thrown by `fail` inside `check` only, and turned back into a Result there. */
class LoadFailure extends Error {
  constructor(readonly error: KnowledgeBaseLoadError) {
    super(formatKnowledgeBaseLoadError(error));
  }
}

function check(
  doc: KnowledgeBaseDocument,
  file: string,
): Result<KnowledgeBase, KnowledgeBaseLoadError> {
  // The checks below stop at the first problem, so each reports one clear thing to fix.
  const fail = (path: string, message: string): never => {
    throw new LoadFailure({ file, path, message });
  };
  try {
    return ok(build(doc, fail));
  } catch (e) {
    if (e instanceof LoadFailure) return err(e.error);
    throw e;
  }
}

type Fail = (path: string, message: string) => never;

interface Provenance {
  readonly origin: Origin;
  readonly basedOn: string | null;
}

function checkProvenance(
  doc: KnowledgeBaseDocument,
  p: { origin: Origin; basedOn: string | null },
  path: string,
  fail: Fail,
): Provenance {
  if (p.origin === 'common' && p.basedOn === null) {
    fail(
      path,
      `"common" text must say whose it is: add "basedOn" with the id of the brand it quotes, such as "kospet"`,
    );
  }
  if (p.origin === 'brand' && p.basedOn !== null) {
    fail(
      path,
      `"basedOn" is only for "common" text: the brand of this file wrote it, so remove "basedOn" or set "origin": "common"`,
    );
  }
  if (p.basedOn === doc.id) {
    fail(
      path,
      `"basedOn" names this file's own brand "${doc.id}": its own text has "origin": "brand"`,
    );
  }
  return p;
}

function build(doc: KnowledgeBaseDocument, fail: Fail): KnowledgeBase {
  const sourceIds = Object.keys(doc.sources);

  const quote = (q: QuoteDocument, parent: Provenance, path: string): Quote => {
    const sourceFile = doc.sources[q.source];
    if (sourceFile === undefined) {
      return fail(
        `${path}.source`,
        `unknown source "${q.source}": expected one of ${sourceIds.map((s) => `"${s}"`).join(', ')}`,
      );
    }
    if (q.basedOn !== undefined && q.origin === undefined) {
      fail(`${path}.basedOn`, `"basedOn" needs "origin": "common" beside it`);
    }
    // A quote inherits its symptom's provenance unless it states its own.
    const own = q.origin === undefined ? parent : { origin: q.origin, basedOn: q.basedOn ?? null };
    const { origin, basedOn } = checkProvenance(doc, own, path, fail);
    return Object.freeze({
      text: collapse(q.text),
      source: q.source,
      sourceFile,
      note: q.note ?? null,
      origin,
      basedOn,
    });
  };

  const byId = new Map<string, Symptom>();
  const positionOf = new Map<string, number>();
  // Each phrase (name, synonym) names one symptom: otherwise a search for it could not choose.
  // Within a symptom, two ways of saying the same thing ("won't pair", "can't pair") are harmless.
  const phraseOwner = new Map<string, { readonly symptom: number; readonly at: string }>();

  const symptoms = doc.symptoms.map((s, i): Symptom => {
    const path = `symptoms[${i}]`;
    const first = positionOf.get(s.id);
    if (first !== undefined) {
      fail(
        `${path}.id`,
        `symptom id "${s.id}" is already used by symptoms[${first}]: give each symptom its own id`,
      );
    }
    positionOf.set(s.id, i);

    const provenance = checkProvenance(
      doc,
      { origin: s.origin, basedOn: s.basedOn ?? null },
      path,
      fail,
    );

    const phrases: [string, string][] = [
      [`${path}.name`, s.name],
      ...s.synonyms.map((t, k): [string, string] => [`${path}.synonyms[${k}]`, t]),
    ];
    for (const [at, text] of phrases) {
      if (searchableTerms(text).length === 0) {
        fail(
          at,
          `"${text}" has no words to search by (only common words such as "the", "my", "watch", "not"): say what is wrong`,
        );
      }
      const key = phraseKey(text);
      const owner = phraseOwner.get(key);
      if (owner === undefined) {
        phraseOwner.set(key, { symptom: i, at: `${at} ("${text}")` });
      } else if (owner.symptom !== i) {
        fail(
          at,
          `"${text}" says the same as ${owner.at}: a phrase names one symptom only, so drop or reword one`,
        );
      }
    }
    for (const [k, word] of (s.keywords ?? []).entries()) {
      if (searchableTerms(word).length === 0) {
        fail(
          `${path}.keywords[${k}]`,
          `"${word}" is a common word that search ignores: use a word that points at this symptom`,
        );
      }
    }

    // In the file's order, so the first problem reported is the first in the file.
    const question = s.question ? quote(s.question, provenance, `${path}.question`) : null;
    const steps = s.steps.map((q, k) => quote(q, provenance, `${path}.steps[${k}]`));
    for (const [k, step] of steps.entries()) {
      const earlier = steps.findIndex((o) => o.text === step.text);
      if (earlier < k) {
        fail(`${path}.steps[${k}].text`, `the same step as steps[${earlier}]: list each step once`);
      }
    }

    return {
      id: s.id,
      name: collapse(s.name),
      synonyms: s.synonyms.map(collapse),
      keywords: s.keywords ?? [],
      question,
      origin: provenance.origin,
      basedOn: provenance.basedOn,
      steps,
      notes: (s.notes ?? []).map((q, k) => quote(q, provenance, `${path}.notes[${k}]`)),
      related: s.related ?? [],
    };
  });

  for (const [i, s] of symptoms.entries()) {
    for (const [k, id] of s.related.entries()) {
      if (id === s.id) fail(`symptoms[${i}].related[${k}]`, `a symptom is not related to itself`);
      if (!positionOf.has(id)) {
        fail(
          `symptoms[${i}].related[${k}]`,
          `no symptom has the id "${id}": add it to "symptoms" or fix the reference`,
        );
      }
    }
    byId.set(s.id, Object.freeze(s));
  }

  const brandsOwn: Provenance = { origin: 'brand', basedOn: null };
  return {
    id: doc.id,
    brand: doc.brand,
    version: doc.version,
    title: doc.title,
    sources: doc.sources,
    beforeRepair: (doc.beforeRepair ?? []).map((q, k) => quote(q, brandsOwn, `beforeRepair[${k}]`)),
    symptoms: [...byId.values()],
    symptomById: byId,
    document: doc,
  };
}
