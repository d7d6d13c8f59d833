import type { KnowledgeBase, Symptom } from './load';

/**
 * Finds the symptoms a complaint is about, from the words typed at the counter ("won't connect",
 * "cant connect to my phone", "no notifs"). Offline and deterministic: the knowledge base is
 * turned once into an index (`buildSearchIndex`), and each search is a few map look-ups.
 *
 * Words are lower-cased, stripped of punctuation, contractions are opened ("won't" → "will
 * not"), every negation becomes one marker ("not", "no", "never", "can't" all say the same at a
 * counter), filler words are dropped and the rest are stemmed lightly, so "pairing", "paired" and
 * "pairs" are one term. The same analysis runs on the knowledge base and on the query.
 */

/** The marker every negation becomes. It counts in phrases, never as a word on its own. */
const NOT = 'not';

const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'none', 'nothing', 'nor']);

/** Contractions written without the apostrophe, as they are typed in a hurry. */
const BARE_CONTRACTIONS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    wont: ['will', NOT],
    cant: ['can', NOT],
    cannot: ['can', NOT],
    dont: ['do', NOT],
    doesnt: ['does', NOT],
    didnt: ['did', NOT],
    isnt: ['is', NOT],
    arent: ['are', NOT],
    wasnt: ['was', NOT],
    werent: ['were', NOT],
    hasnt: ['has', NOT],
    havent: ['have', NOT],
    hadnt: ['had', NOT],
    couldnt: ['could', NOT],
    wouldnt: ['would', NOT],
    shouldnt: ['should', NOT],
    aint: ['is', NOT],
    neednt: ['need', NOT],
  }),
);

/**
 * Words that say nothing about which symptom it is. "watch" and "problem" are in nearly every
 * complaint at a watch repair counter; keeping them would make "all the words" depend on
 * whether a synonym happened to repeat them.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the my me i im you your yours it its this that these those is are am was were be been ' +
    'being will would shall should can could may might must do does did done doing to with of ' +
    'on in at by for from and or but so as if then than when while after before about into ' +
    'up down out just really very too also again still any anymore even keep keeps kept get ' +
    'gets got getting please help issue issues problem problems trouble watch watches band ' +
    'bands smartwatch smartwatches smart device devices anything something some all has have ' +
    'had how what why which who where there their they them he she his her we our us'
  ).split(' '),
);

/** Word families the suffix rules below do not join, and counter shorthand. */
const ALIASES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    notify: ['notif'],
    notifies: ['notif'],
    notified: ['notif'],
    notifying: ['notif'],
    notification: ['notif'],
    notifications: ['notif'],
    notif: ['notif'],
    notifs: ['notif'],
    notis: ['notif'],
    synch: ['sync'],
    synchronize: ['sync'],
    synchronise: ['sync'],
    synchronized: ['sync'],
    synchronised: ['sync'],
    synchronizing: ['sync'],
    synchronising: ['sync'],
    synchronization: ['sync'],
    synchronisation: ['sync'],
    forgot: ['forget'],
    forgotten: ['forget'],
    forgets: ['forget'],
    forgetting: ['forget'],
    die: ['die'],
    dies: ['die'],
    died: ['die'],
    dying: ['die'],
    dead: ['die'],
    failure: ['fail'],
    failures: ['fail'],
    vibrate: ['vibrat'],
    vibrates: ['vibrat'],
    vibrating: ['vibrat'],
    vibration: ['vibrat'],
    vibrations: ['vibrat'],
    charger: ['charg'],
    chargers: ['charg'],
    shown: ['show'],
    bt: ['bluetooth'],
    hr: ['heart', 'rate'],
    aod: ['always', 'display'],
    fw: ['firmware'],
    pwd: ['password'],
  }),
);

/** Tried in order; the first that leaves a stem of three letters or more is removed. */
const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'edly', 'ed', 'es', 's', 'ly'];

/** A light stemmer: enough that a word's common forms meet, never so much that two words do. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/u.test(word)) return word;
  let s = word;
  let stripped = false;
  if (s.endsWith('ies') && s.length > 4) {
    s = `${s.slice(0, -3)}y`;
  } else {
    for (const suffix of SUFFIXES) {
      if (!s.endsWith(suffix) || s.length - suffix.length < 3) continue;
      // "less", "glass": a double s is the word's own.
      if (suffix === 's' && s.endsWith('ss')) break;
      s = s.slice(0, -suffix.length);
      stripped = true;
      break;
    }
  }
  // "running" → "runn" → "run"; "stopped" → "stop".
  if (stripped && /([b-df-hj-km-np-rtv-z])\1$/u.test(s) && !/(ll|ss|zz)$/u.test(s)) {
    s = s.slice(0, -1);
  }
  if (s.endsWith('y')) s = `${s.slice(0, -1)}i`;
  // "update" and "updating" both become "updat".
  if (s.endsWith('e') && s.length >= 4) s = s.slice(0, -1);
  return s;
}

const APOSTROPHES = /[’‘`´ʼ]/gu;
const SEPARATORS = /[^\p{L}\p{N}']+/u;

/** The raw words of a text: NFKC, lower case, apostrophes unified, punctuation gone. */
function rawWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .split(SEPARATORS)
    .map((w) => w.replace(/^'+|'+$/gu, ''))
    .filter((w) => w !== '');
}

/** "won't" → will not, "can't" → can not, "phone's" → phone, "it's" → it. */
function openContraction(word: string): readonly string[] {
  if (word === "won't") return ['will', NOT];
  if (word === "can't") return ['can', NOT];
  if (word === "shan't") return ['shall', NOT];
  if (word.endsWith("n't")) return [word.slice(0, -3), NOT];
  const bare = BARE_CONTRACTIONS.get(word);
  if (bare) return bare;
  const apostrophe = word.indexOf("'");
  return apostrophe === -1 ? [word] : [word.slice(0, apostrophe)];
}

/** A word as the index and the query both see it, with the surface form it came from. */
export interface Term {
  readonly term: string;
  /** The word as typed, after lower-casing and opening contractions (for prefix matching). */
  readonly surface: string;
}

/**
 * The terms of a text, in order: negations as `not`, filler words dropped, the rest stemmed.
 * The same function analyses the knowledge base and the query, so they always agree.
 */
export function analyze(text: string): Term[] {
  const terms: Term[] = [];
  for (const raw of rawWords(text)) {
    for (const word of openContraction(raw)) {
      if (word === '') continue;
      if (NEGATIONS.has(word)) {
        // "not not" and "no, not" say it once.
        if (terms.at(-1)?.term !== NOT) terms.push({ term: NOT, surface: word });
        continue;
      }
      if (STOP_WORDS.has(word)) continue;
      const alias = ALIASES.get(word);
      if (alias) {
        for (const a of alias) terms.push({ term: stem(a), surface: word });
        continue;
      }
      terms.push({ term: stem(word), surface: word });
    }
  }
  return terms;
}

/** The words a text can be found by (its terms less negations), e.g. to check a synonym. */
export function searchableTerms(text: string): string[] {
  return analyze(text)
    .map((t) => t.term)
    .filter((t) => t !== NOT);
}

/** A text's analysed form, for telling two phrases apart ("Won't pair" = "will not pair"). */
export function phraseKey(text: string): string {
  return analyze(text)
    .map((t) => t.term)
    .join(' ');
}

export type MatchKind = 'exact' | 'phrase' | 'all' | 'some';

/** Ranking: the kind first, then how much of the complaint and of the matched phrase agree. */
const KIND_RANK: Readonly<Record<MatchKind, number>> = { exact: 4, phrase: 3, all: 2, some: 1 };

export interface SymptomMatch {
  readonly symptom: Symptom;
  /**
   * `exact`: the complaint is one of the symptom's phrases; `phrase`: one contains the other;
   * `all`: every word of the complaint is among the symptom's words; `some`: some are.
   */
  readonly match: MatchKind;
  /** Higher is better; the kind decides the integer part, so an exact phrase always leads. */
  readonly score: number;
  /** The name, synonym, keyword or question that matched best. */
  readonly matchedOn: string;
}

interface Entry {
  readonly text: string;
  /** Term ids in order; `NOT_ID` for a negation. */
  readonly seq: Int32Array;
  /** Distinct term ids other than `NOT_ID`. */
  readonly content: Int32Array;
}

const NOT_ID = 0;

/** The analysed knowledge base, private to this module. */
interface IndexData {
  /** Term → id; id 0 is the negation marker. */
  readonly termIds: ReadonlyMap<string, number>;
  /** Surface words and terms, sorted, with their term ids, for prefix matching. */
  readonly prefixKeys: readonly string[];
  readonly prefixTermIds: Int32Array;
  /** Term id → the symptoms (by position) whose phrases hold it. */
  readonly postings: readonly Int32Array[];
  /** Term id → its weight: a term fewer symptoms share says more. */
  readonly weights: Float64Array;
  readonly maxWeight: number;
  /** Symptom position → its name, synonyms, keywords and question, analysed. */
  readonly entries: readonly (readonly Entry[])[];
}

/** A knowledge base ready to search: built once, queried as often as needed. */
export class SearchIndex {
  readonly knowledgeBaseId: string;
  readonly symptoms: readonly Symptom[];
  readonly #data: IndexData;

  private constructor(kb: KnowledgeBase) {
    this.knowledgeBaseId = kb.id;
    this.symptoms = kb.symptoms;
    this.#data = indexData(kb);
  }

  static of(kb: KnowledgeBase): SearchIndex {
    return new SearchIndex(kb);
  }

  search(complaint: string, options: SearchOptions = {}): SymptomMatch[] {
    return search(this.#data, this.symptoms, complaint, options);
  }
}

/** Builds the index of a knowledge base. Pure; about a millisecond for the bundled files. */
export const buildSearchIndex = (kb: KnowledgeBase): SearchIndex => SearchIndex.of(kb);

function indexData(kb: KnowledgeBase): IndexData {
  const termIds = new Map<string, number>([[NOT, NOT_ID]]);
  const surfaceOf = new Map<string, number>();
  const idOf = (term: string): number => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(term, id);
    }
    return id;
  };
  const symptomSets: Set<number>[] = [];
  const entries = kb.symptoms.map((symptom, position) => {
    const texts = [
      symptom.name,
      ...symptom.synonyms,
      ...symptom.keywords,
      ...(symptom.question ? [symptom.question.text] : []),
    ];
    return texts.map((text): Entry => {
      const seq = analyze(text).map((t) => {
        const id = idOf(t.term);
        if (id !== NOT_ID) {
          if (!surfaceOf.has(t.surface)) surfaceOf.set(t.surface, id);
          (symptomSets[id] ??= new Set()).add(position);
        }
        return id;
      });
      return {
        text,
        seq: Int32Array.from(seq),
        content: Int32Array.from(new Set(seq.filter((id) => id !== NOT_ID))),
      };
    });
  });

  const postings: Int32Array[] = [];
  const weights = new Float64Array(termIds.size);
  const n = kb.symptoms.length;
  let maxWeight = Math.log(1 + n);
  for (let id = 1; id < termIds.size; id++) {
    const set = symptomSets[id] ?? new Set<number>();
    postings[id] = Int32Array.from([...set].sort((a, b) => a - b));
    weights[id] = Math.log(1 + n / Math.max(1, set.size));
    maxWeight = Math.max(maxWeight, weights[id] ?? 0);
  }
  postings[NOT_ID] = new Int32Array(0);

  const prefix = new Map<string, number>(surfaceOf);
  for (const [term, id] of termIds) if (id !== NOT_ID && !prefix.has(term)) prefix.set(term, id);
  const prefixKeys = [...prefix.keys()].sort();
  return {
    termIds,
    prefixKeys,
    prefixTermIds: Int32Array.from(prefixKeys.map((k) => prefix.get(k) ?? NOT_ID)),
    postings,
    weights,
    maxWeight,
    entries,
  };
}

/** The shortest word a prefix search is tried for: "bat" finds battery, "ba" finds nothing. */
const MIN_PREFIX = 3;
/** A word matched by its beginning only counts for a little less than a whole word. */
const PREFIX_WEIGHT = 0.8;

/** The first index in the sorted keys that is ≥ `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface QueryTerm {
  /** Term ids this word matches: its own term, or those it begins. Empty: unknown word. */
  readonly ids: ReadonlySet<number>;
  readonly exact: boolean;
}

function resolve(index: IndexData, t: Term): QueryTerm {
  const id = index.termIds.get(t.term);
  if (id !== undefined) return { ids: new Set([id]), exact: true };
  const ids = new Set<number>();
  if (t.surface.length >= MIN_PREFIX) {
    for (const p of new Set([t.surface, t.term])) {
      for (let i = lowerBound(index.prefixKeys, p); i < index.prefixKeys.length; i++) {
        if (!(index.prefixKeys[i] ?? '').startsWith(p)) break;
        ids.add(index.prefixTermIds[i] ?? NOT_ID);
      }
    }
  }
  ids.delete(NOT_ID);
  return { ids, exact: false };
}

const NONE: ReadonlySet<number> = new Set();

/** Whether a run of `inner` positions occurs in `outer` contiguously, `same` comparing them. */
function occursIn(
  inner: number,
  outer: number,
  same: (innerAt: number, outerAt: number) => boolean,
): boolean {
  for (let start = 0; start + inner <= outer; start++) {
    let k = 0;
    while (k < inner && same(k, start + k)) k++;
    if (k === inner) return true;
  }
  return false;
}

export interface SearchOptions {
  /** At most this many matches (default: all that match). */
  readonly limit?: number;
}

/**
 * The symptoms a complaint is about, best first: by match kind (exact phrase, then a phrase
 * within a phrase, then all the words, then some), then by how much of the complaint they cover
 * (rare words count more) and how much of their phrase the complaint says, then in the order of
 * the knowledge base. Each symptom appears at most once. A complaint with no searchable words
 * (empty, punctuation, only filler or negations) finds nothing.
 */
export function searchSymptoms(
  index: SearchIndex,
  complaint: string,
  options: SearchOptions = {},
): SymptomMatch[] {
  return index.search(complaint, options);
}

function search(
  index: IndexData,
  symptoms: readonly Symptom[],
  complaint: string,
  options: SearchOptions,
): SymptomMatch[] {
  const seq = analyze(complaint).map((t) => ({ t, q: resolve(index, t) }));
  const query = seq.map((s) => s.q);
  // The complaint's words, each once, negations aside.
  const words = new Map<string, QueryTerm>();
  for (const { t, q } of seq) if (t.term !== NOT && !words.has(t.term)) words.set(t.term, q);
  if (words.size === 0) return [];

  const n = symptoms.length;
  const matchedWeight = new Float64Array(n);
  const matchedWords = new Int32Array(n);
  let totalWeight = 0;
  for (const q of words.values()) {
    let best = 0;
    for (const id of q.ids) best = Math.max(best, index.weights[id] ?? 0);
    // An unknown word weighs as much as the rarest known one: it is missing from every symptom.
    totalWeight += q.ids.size === 0 ? index.maxWeight : best;
    const seen = new Set<number>();
    for (const id of q.ids) {
      for (const position of index.postings[id] ?? []) {
        if (seen.has(position)) continue;
        seen.add(position);
        matchedWords[position] = (matchedWords[position] ?? 0) + 1;
        matchedWeight[position] =
          (matchedWeight[position] ?? 0) + (index.weights[id] ?? 0) * (q.exact ? 1 : PREFIX_WEIGHT);
      }
    }
  }

  // A word typed in part ("notif", "bat") can make a phrase, never an exact one.
  const wholeWords = query.every((q) => q.exact);
  const queryIds = new Set<number>();
  for (const q of words.values()) for (const id of q.ids) queryIds.add(id);

  const results: { match: SymptomMatch; position: number }[] = [];
  for (let position = 0; position < n; position++) {
    if ((matchedWords[position] ?? 0) === 0) continue;
    const symptom = symptoms[position];
    const entries = index.entries[position];
    if (!symptom || !entries) continue;

    let kind: MatchKind = matchedWords[position] === words.size ? 'all' : 'some';
    let bestFocus = 0;
    let matchedOn = '';
    let bestEntryRank = 0;
    for (const entry of entries) {
      let said = 0;
      for (const id of entry.content) if (queryIds.has(id)) said++;
      if (said === 0) continue;
      const focus = said / entry.content.length;
      const seq = entry.seq;
      const queryInEntry = occursIn(query.length, seq.length, (i, o) =>
        (query[i]?.ids ?? NONE).has(seq[o] ?? NOT_ID - 1),
      );
      const entryInQuery =
        !queryInEntry &&
        seq.length >= 2 &&
        occursIn(seq.length, query.length, (i, o) =>
          (query[o]?.ids ?? NONE).has(seq[i] ?? NOT_ID - 1),
        );
      const phrase: MatchKind | null = queryInEntry
        ? query.length === seq.length && wholeWords
          ? 'exact'
          : 'phrase'
        : entryInQuery
          ? 'phrase'
          : null;
      if (phrase && KIND_RANK[phrase] > KIND_RANK[kind]) kind = phrase;
      // The entry to show: the strongest phrase match, then the one the complaint says most of.
      const entryRank = (phrase ? KIND_RANK[phrase] : 0) + focus;
      if (entryRank > bestEntryRank) {
        bestEntryRank = entryRank;
        matchedOn = entry.text;
      }
      bestFocus = Math.max(bestFocus, focus);
    }
    const coverage =
      totalWeight > 0 ? Math.min(1, (matchedWeight[position] ?? 0) / totalWeight) : 0;
    // The kind is the integer part; coverage and focus together stay below 1, so never overtake it.
    const score = KIND_RANK[kind] + 0.6 * coverage + 0.39 * bestFocus;
    results.push({ match: { symptom, match: kind, score, matchedOn }, position });
  }

  results.sort((a, b) => b.match.score - a.match.score || a.position - b.position);
  const limit = options.limit ?? results.length;
  return results.slice(0, Math.max(0, limit)).map((r) => r.match);
}
