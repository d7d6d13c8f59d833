import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './load';
import { analyze, buildSearchIndex, searchSymptoms, stem, type SymptomMatch } from './search';
import { testKnowledgeBaseDocument } from './testKnowledgeBase';

const kb = loadKnowledgeBase(testKnowledgeBaseDocument(), 'test.json');
const index = buildSearchIndex(kb);
const ids = (complaint: string): string[] =>
  searchSymptoms(index, complaint).map((m) => m.symptom.id);
const first = (complaint: string): SymptomMatch | undefined => searchSymptoms(index, complaint)[0];
const terms = (text: string): string =>
  analyze(text)
    .map((t) => t.term)
    .join(' ');

describe('analyze', () => {
  it('lower-cases, strips punctuation and drops filler words', () => {
    expect(terms('My WATCH: the Bluetooth?!')).toBe('bluetooth');
  });

  it('opens contractions, with or without the apostrophe, straight or curly', () => {
    for (const text of ["won't pair", 'wont pair', 'won’t pair', 'will not pair', 'not pairing']) {
      expect(terms(text), text).toBe('not pair');
    }
    for (const text of ["can't connect", 'cant connect', 'cannot connect', 'can not connect']) {
      expect(terms(text), text).toBe('not connect');
    }
    expect(terms("doesn't vibrate")).toBe(terms('does not vibrate'));
    expect(terms('doesnt vibrate')).toBe(terms('no vibration'));
  });

  it('says a negation once', () => {
    expect(terms('no, not notifications')).toBe('not notif');
    expect(terms('never syncs')).toBe('not sync');
  });

  it('joins a word’s common forms', () => {
    const same = (words: string[]): void => {
      const stems = new Set(words.map((w) => terms(w)));
      expect(stems.size, words.join(', ')).toBe(1);
    };
    same(['pair', 'pairs', 'paired', 'pairing', 'pairings']);
    same(['connect', 'connects', 'connected', 'connecting', 'connection', 'connections']);
    same(['notification', 'notifications', 'notify', 'notified', 'notifs']);
    same(['update', 'updates', 'updated', 'updating']);
    same(['battery', 'batteries']);
    same(['sync', 'syncs', 'synced', 'syncing', 'synchronization']);
    same(['charge', 'charging', 'charged', 'charger']);
    same(['forgot', 'forget', 'forgotten']);
    same(['drain', 'drains', 'draining', 'drained']);
  });

  it('keeps different words apart', () => {
    expect(terms('connect')).not.toBe(terms('disconnect'));
    expect(stem('less')).toBe('less');
    expect(stem('running')).toBe('run');
  });

  it('expands counter shorthand', () => {
    expect(terms('HR')).toBe(terms('heart rate'));
    expect(terms('BT')).toBe(terms('bluetooth'));
  });
});

describe('searchSymptoms', () => {
  it.each([
    "won't connect",
    'not pairing',
    'bluetooth problem',
    'watch will not pair with phone',
    'cant connect to my phone',
  ])('finds the pairing symptom first for "%s"', (complaint) => {
    expect(first(complaint)?.symptom.id).toBe('pairing');
  });

  it.each([
    ['no notifications', 'notifications'],
    ['heart rate wrong', 'heart-rate'],
    ['battery drains fast', 'battery-life'],
    ['forgot passcode', 'forgotten-passcode'],
    ['update failed', 'firmware-update-fails'],
    ["app won't connect", 'app-connection'],
    ['WhatsApp messages not showing!', 'notifications'],
    ['pulse too high', 'heart-rate'],
    ['I forgot my PIN', 'forgotten-passcode'],
  ])('"%s" finds %s first', (complaint, id) => {
    expect(first(complaint)?.symptom.id).toBe(id);
  });

  it('ranks an exact phrase above a phrase within a phrase, above all words, above some', () => {
    const exact = first("won't connect");
    expect(exact?.match).toBe('exact');
    expect(exact?.matchedOn).toBe("won't connect");

    // "not connect" is inside "Watch will not connect to the app".
    const [, second] = searchSymptoms(index, "won't connect");
    expect(second?.symptom.id).toBe('app-connection');
    expect(second?.match).toBe('phrase');

    // Every word is the heart rate symptom's, but not as one phrase.
    expect(first('wrong heart rate')?.match).toBe('all');
    expect(first('heart rate and the weather')?.match).toBe('some');

    const matches = searchSymptoms(index, "won't connect");
    const scores = matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const rank = { exact: 4, phrase: 3, all: 2, some: 1 };
    for (const m of matches) expect(Math.floor(m.score)).toBe(rank[m.match]);
  });

  it('breaks ties by the order of the knowledge base', () => {
    // A second symptom that "pulse" matches exactly as well as the first.
    const withTwin = (twinFirst: boolean) => {
      const doc = testKnowledgeBaseDocument();
      const heartRate = doc.symptoms[3];
      if (!heartRate) throw new Error('the fixture has no symptoms[3]');
      const twin = {
        ...heartRate,
        id: 'pulse',
        name: 'Pulse reading looks odd',
        synonyms: ['pulse seems off'],
      };
      doc.symptoms.splice(twinFirst ? 3 : 4, 0, twin);
      return buildSearchIndex(loadKnowledgeBase(doc, 'twin.json'));
    };
    const after = searchSymptoms(withTwin(false), 'pulse');
    expect(after.map((m) => m.symptom.id)).toEqual(['heart-rate', 'pulse']);
    expect(after[0]?.score).toBe(after[1]?.score);
    const before = searchSymptoms(withTwin(true), 'pulse');
    expect(before.map((m) => m.symptom.id)).toEqual(['pulse', 'heart-rate']);
  });

  it('finds a word typed in part, but never calls it exact', () => {
    const m = first('notificat');
    expect(m?.symptom.id).toBe('notifications');
    expect(m?.match).not.toBe('exact');
    expect(first('batt')?.symptom.id).toBe('battery-life');
    expect(ids('ba')).toEqual([]);
  });

  it('finds nothing for an empty, blank or meaningless complaint', () => {
    for (const complaint of ['', '   ', '?!.,;', 'the watch', 'not', "won't", 'zzqx', '🙂🙂']) {
      expect(ids(complaint), JSON.stringify(complaint)).toEqual([]);
    }
  });

  it('honours a limit', () => {
    expect(searchSymptoms(index, "won't connect", { limit: 1 })).toHaveLength(1);
    expect(searchSymptoms(index, "won't connect", { limit: 0 })).toEqual([]);
    expect(index.search("won't connect")).toEqual(searchSymptoms(index, "won't connect"));
  });

  it('is deterministic: the same complaint gives the same answer, whatever came before', () => {
    const before = searchSymptoms(index, 'update failed');
    searchSymptoms(index, 'heart rate wrong');
    searchSymptoms(index, 'notif');
    expect(searchSymptoms(index, 'update failed')).toEqual(before);
    expect(searchSymptoms(buildSearchIndex(kb), 'update failed')).toEqual(before);
  });

  it('never throws, returns each symptom at most once, best first', () => {
    const vocabulary = [
      "won't",
      'not',
      'no',
      'pair',
      'pairing',
      'connect',
      'phone',
      'bluetooth',
      'notifications',
      'heart',
      'rate',
      'battery',
      'update',
      'failed',
      'forgot',
      'passcode',
      'the',
      'watch',
      '!',
    ];
    const complaint = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }).map((words) => words.join(' ')),
    );
    fc.assert(
      fc.property(complaint, (text) => {
        const found = searchSymptoms(index, text);
        const symptomIds = found.map((m) => m.symptom.id);
        expect(new Set(symptomIds).size).toBe(symptomIds.length);
        for (const [i, m] of found.entries()) {
          expect(m.score).toBeGreaterThanOrEqual(1);
          expect(m.score).toBeLessThan(5);
          expect(m.matchedOn).not.toBe('');
          const next = found[i + 1];
          if (next) expect(m.score).toBeGreaterThanOrEqual(next.score);
        }
      }),
      { numRuns: 500 },
    );
  });
});
