import { describe, expect, it } from 'vitest';
import { formatKnowledgeBaseLoadError, loadKnowledgeBase, parseKnowledgeBase } from './load';
import type { KnowledgeBaseDocument, SymptomDocument } from './schema';
import { testKnowledgeBaseDocument } from './testKnowledgeBase';

const FILE = 'policies/kb-broken.json';

const failure = (json: unknown): string => {
  const r = parseKnowledgeBase(json, FILE);
  if (r.ok) throw new Error('expected the knowledge base to be rejected');
  return formatKnowledgeBaseLoadError(r.error);
};

const edit = (f: (doc: KnowledgeBaseDocument) => void): KnowledgeBaseDocument => {
  const doc = testKnowledgeBaseDocument();
  f(doc);
  return doc;
};

const symptom = (doc: KnowledgeBaseDocument, i: number): SymptomDocument => {
  const s = doc.symptoms[i];
  if (!s) throw new Error(`the fixture has no symptoms[${i}]`);
  return s;
};

const loaded = (doc: KnowledgeBaseDocument) => loadKnowledgeBase(doc, 'test.json');

describe('parseKnowledgeBase', () => {
  it('loads the fixture: quotes with their source file, whitespace collapsed, symptoms by id', () => {
    const kb = loaded(testKnowledgeBaseDocument());
    expect(kb.symptoms.map((s) => s.id)).toEqual([
      'pairing',
      'app-connection',
      'notifications',
      'heart-rate',
      'battery-life',
      'firmware-update',
      'firmware-update-fails',
      'forgotten-passcode',
    ]);
    const pairing = kb.symptomById.get('pairing');
    expect(pairing?.steps[1]).toEqual({
      text: 'Reset the watch. Then reinstall the App.',
      source: 'test',
      sourceFile: 'test.txt',
      note: 'Sync first.',
      origin: 'brand',
      basedOn: null,
    });
    expect(pairing?.question?.text).toBe('Why can’t I pair the watch with my phone?');
    expect(pairing?.related).toEqual(['app-connection']);
    expect(kb.symptomById.get('app-connection')?.notes).toEqual([]);
    expect(kb.beforeRepair.map((q) => [q.text, q.origin])).toEqual([
      ['Tell us what you have tried.', 'brand'],
    ]);
  });

  it('gives each quote its symptom’s provenance unless the quote states its own', () => {
    const n = loaded(testKnowledgeBaseDocument()).symptomById.get('notifications');
    expect(n?.origin).toBe('common');
    expect(n?.basedOn).toBe('kospet');
    expect(n?.steps.map((s) => [s.origin, s.basedOn])).toEqual([
      ['common', 'kospet'],
      ['common', 'kospet'],
    ]);
    expect(n?.notes.map((s) => [s.origin, s.basedOn])).toEqual([['brand', null]]);
  });

  it('rejects two symptoms with the same id', () => {
    expect(failure(edit((d) => (symptom(d, 3).id = 'pairing')))).toBe(
      `${FILE}: symptoms[3].id: symptom id "pairing" is already used by symptoms[0]: give each symptom its own id`,
    );
  });

  it('rejects a quote from a source the file does not list', () => {
    expect(failure(edit((d) => (symptom(d, 1).steps = [{ text: 'x', source: 'faq' }])))).toBe(
      `${FILE}: symptoms[1].steps[0].source: unknown source "faq": expected one of "test", "other"`,
    );
    expect(failure(edit((d) => (d.beforeRepair = [{ text: 'x', source: 'nowhere' }])))).toMatch(
      /: beforeRepair\[0\]\.source: unknown source "nowhere"/,
    );
  });

  it('rejects common text that does not say whose it is', () => {
    expect(failure(edit((d) => delete symptom(d, 2).basedOn))).toBe(
      `${FILE}: symptoms[2]: "common" text must say whose it is: add "basedOn" with the id of the brand it quotes, such as "kospet"`,
    );
    expect(
      failure(
        edit((d) => (symptom(d, 0).steps[0] = { text: 'x', source: 'test', origin: 'common' })),
      ),
    ).toMatch(/: symptoms\[0\]\.steps\[0\]: "common" text must say whose it is/);
  });

  it('rejects "basedOn" on the brand’s own text, or naming the file’s own brand', () => {
    expect(failure(edit((d) => (symptom(d, 0).basedOn = 'kospet')))).toMatch(
      /: symptoms\[0\]: "basedOn" is only for "common" text/,
    );
    expect(failure(edit((d) => (symptom(d, 2).basedOn = 'test')))).toBe(
      `${FILE}: symptoms[2]: "basedOn" names this file's own brand "test": its own text has "origin": "brand"`,
    );
    expect(
      failure(
        edit((d) => (symptom(d, 0).steps[0] = { text: 'x', source: 'test', basedOn: 'kospet' })),
      ),
    ).toBe(`${FILE}: symptoms[0].steps[0].basedOn: "basedOn" needs "origin": "common" beside it`);
  });

  it('rejects a synonym or name with nothing to search by', () => {
    expect(failure(edit((d) => symptom(d, 4).synonyms.push('it does not, on my watch')))).toBe(
      `${FILE}: symptoms[4].synonyms[2]: "it does not, on my watch" has no words to search by (only common words such as "the", "my", "watch", "not"): say what is wrong`,
    );
    expect(failure(edit((d) => (symptom(d, 4).name = '???')))).toMatch(
      /: symptoms\[4\]\.name: "\?\?\?" has no words to search by/,
    );
  });

  it('rejects a keyword that search ignores', () => {
    expect(failure(edit((d) => (symptom(d, 3).keywords = ['watch'])))).toBe(
      `${FILE}: symptoms[3].keywords[0]: "watch" is a common word that search ignores: use a word that points at this symptom`,
    );
  });

  it('rejects a phrase that names two symptoms, however it is spelt', () => {
    expect(failure(edit((d) => symptom(d, 1).synonyms.push('Can’t pair!')))).toBe(
      `${FILE}: symptoms[1].synonyms[2]: "Can’t pair!" says the same as symptoms[0].synonyms[0] ("won't pair"): a phrase names one symptom only, so drop or reword one`,
    );
  });

  it('allows two ways of saying the same thing within one symptom', () => {
    const doc = edit((d) => symptom(d, 0).synonyms.push("can't pair", 'not pairing'));
    expect(parseKnowledgeBase(doc, FILE).ok).toBe(true);
  });

  it('rejects a related symptom that does not exist, or the symptom itself', () => {
    expect(failure(edit((d) => (symptom(d, 0).related = ['pairing-2'])))).toBe(
      `${FILE}: symptoms[0].related[0]: no symptom has the id "pairing-2": add it to "symptoms" or fix the reference`,
    );
    expect(failure(edit((d) => (symptom(d, 0).related = ['pairing'])))).toBe(
      `${FILE}: symptoms[0].related[0]: a symptom is not related to itself`,
    );
  });

  it('rejects the same step listed twice, spaces aside', () => {
    expect(
      failure(
        edit((d) =>
          symptom(d, 0).steps.push({ text: 'Restart the phone and\nthe watch.', source: 'test' }),
        ),
      ),
    ).toBe(`${FILE}: symptoms[0].steps[2].text: the same step as steps[0]: list each step once`);
  });

  it('loadKnowledgeBase throws the same message for a broken file', () => {
    expect(() =>
      loadKnowledgeBase(
        edit((d) => (symptom(d, 0).steps = [])),
        FILE,
      ),
    ).toThrow(`${FILE}: symptoms[0].steps: expected at least one step to try (got [])`);
  });
});
