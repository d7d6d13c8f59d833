import { describe, expect, it } from 'vitest';
import { formatKnowledgeBaseLoadError, parseKnowledgeBase } from './load';
import type { KnowledgeBaseDocument } from './schema';
import { testKnowledgeBaseDocument } from './testKnowledgeBase';

const FILE = 'policies/kb-broken.json';

const failure = (json: unknown): string => {
  const r = parseKnowledgeBase(json, FILE);
  if (r.ok) throw new Error('expected the knowledge base to be rejected');
  return formatKnowledgeBaseLoadError(r.error);
};

/** A fresh copy of the valid fixture, broken in one place by `f` (which may write anything). */
const edit = (f: (doc: KnowledgeBaseDocument & Record<string, unknown>) => void): unknown => {
  const doc = testKnowledgeBaseDocument() as KnowledgeBaseDocument & Record<string, unknown>;
  f(doc);
  return doc;
};

/** Writes a value the types forbid, as a hand-edited JSON file can. */
const set = (target: object, key: string, value: unknown): void => {
  Reflect.set(target, key, value);
};

const symptom = (doc: KnowledgeBaseDocument, i: number) => {
  const s = doc.symptoms[i];
  if (!s) throw new Error(`the fixture has no symptoms[${i}]`);
  return s;
};

describe('the knowledge base schema', () => {
  it('accepts the valid fixture', () => {
    const r = parseKnowledgeBase(testKnowledgeBaseDocument(), FILE);
    expect(r.ok ? 'loaded' : formatKnowledgeBaseLoadError(r.error)).toBe('loaded');
  });

  it('rejects a symptom without steps, naming the file, the path and what is expected', () => {
    expect(failure(edit((d) => (symptom(d, 0).steps = [])))).toBe(
      `${FILE}: symptoms[0].steps: expected at least one step to try (got [])`,
    );
  });

  it('rejects a symptom without synonyms', () => {
    expect(failure(edit((d) => (symptom(d, 3).synonyms = [])))).toBe(
      `${FILE}: symptoms[3].synonyms: expected at least one synonym: the words a customer uses for this symptom (got [])`,
    );
  });

  it('rejects a step without its quoted text', () => {
    const msg = failure(
      edit((d) => {
        set(symptom(d, 0).steps[1] ?? {}, 'text', undefined);
      }),
    );
    expect(msg).toMatch(/^policies\/kb-broken\.json: symptoms\[0\]\.steps\[1\]\.text: .*string/);
    expect(msg).toContain('(got missing)');
  });

  it('rejects a step whose text is only spaces', () => {
    expect(
      failure(
        edit((d) => {
          set(symptom(d, 0).steps[0] ?? {}, 'text', '   ');
        }),
      ),
    ).toBe(
      `${FILE}: symptoms[0].steps[0].text: expected the quoted text, word for word from the source (got "   ")`,
    );
  });

  it('rejects a misspelt field, top level or nested', () => {
    expect(
      failure(
        edit((d) => {
          set(d, 'symptom', []);
        }),
      ),
    ).toBe(`${FILE}: (top level): unexpected field "symptom": remove it or check the spelling`);
    expect(
      failure(
        edit((d) => {
          set(symptom(d, 1), 'synonym', ['x']);
        }),
      ),
    ).toBe(`${FILE}: symptoms[1]: unexpected field "synonym": remove it or check the spelling`);
    expect(
      failure(
        edit((d) => {
          set(symptom(d, 0).steps[0] ?? {}, 'quote', 'x');
        }),
      ),
    ).toBe(
      `${FILE}: symptoms[0].steps[0]: unexpected field "quote": remove it or check the spelling`,
    );
  });

  it('rejects an origin other than "brand" or "common"', () => {
    expect(
      failure(
        edit((d) => {
          set(symptom(d, 2), 'origin', 'kospet');
        }),
      ),
    ).toBe(
      `${FILE}: symptoms[2].origin: expected "brand" (the brand of this file wrote it) or "common" (with "basedOn") (got "kospet")`,
    );
  });

  it('rejects a symptom id that is not a lower-case id', () => {
    expect(failure(edit((d) => (symptom(d, 0).id = 'Pairing')))).toBe(
      `${FILE}: symptoms[0].id: expected a lower-case id such as "pairing" (got "Pairing")`,
    );
  });

  it('rejects a keyword of several words', () => {
    expect(failure(edit((d) => (symptom(d, 3).keywords = ['heart rate'])))).toBe(
      `${FILE}: symptoms[3].keywords[0]: expected a single word (letters and digits, no spaces) (got "heart rate")`,
    );
  });

  it('rejects a version that is not a positive whole number', () => {
    expect(
      failure(
        edit((d) => {
          set(d, 'version', '1');
        }),
      ),
    ).toMatch(/^policies\/kb-broken\.json: version: .*number.* \(got "1"\)$/);
    expect(failure(edit((d) => (d.version = 0)))).toMatch(/: version: .*\(got 0\)$/);
  });

  it('rejects a bad source id and a source that names no file', () => {
    expect(failure(edit((d) => (d.sources['Bad Key'] = 'x.txt')))).toBe(
      `${FILE}: sources.Bad Key: expected a source id such as "kospet-faq" (got the key "Bad Key")`,
    );
    expect(failure(edit((d) => (d.sources.test = '')))).toBe(
      `${FILE}: sources.test: expected a file name under policies/sources/ (got "")`,
    );
  });

  it('rejects a note that is empty', () => {
    expect(
      failure(
        edit((d) => {
          set(symptom(d, 0).steps[1] ?? {}, 'note', '');
        }),
      ),
    ).toBe(
      `${FILE}: symptoms[0].steps[1].note: expected a note in plain words, or leave "note" out (got "")`,
    );
  });

  it('rejects something that is not a knowledge base at all', () => {
    expect(failure(null)).toMatch(/^policies\/kb-broken\.json: \(top level\): .*object/);
    expect(failure([])).toMatch(/^policies\/kb-broken\.json: \(top level\): /);
    expect(
      failure(
        edit((d) => {
          set(d, 'symptoms', undefined);
        }),
      ),
    ).toMatch(/^policies\/kb-broken\.json: symptoms: .*array.*\(got missing\)$/);
  });
});
