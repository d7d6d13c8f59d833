import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledPolicyFiles } from '../../../policies';
import { parsePolicy, POLICY_IDS, type PolicyDocument } from '../../../shared/warranty';

const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim();
const sourceText = (file: string): string =>
  normalize(readFileSync(new URL(`../../../policies/sources/${file}`, import.meta.url), 'utf8'));

describe.each(bundledPolicyFiles)('$file', ({ file, json }) => {
  const doc = json as PolicyDocument;

  it('loads through the schema', () => {
    const r = parsePolicy(json, file);
    expect(r.ok ? 'loaded' : r.error).toBe('loaded');
  });

  it('is named after its id', () => {
    expect(file).toBe(`policies/${doc.id}.json`);
  });

  it('quotes every clause word for word from the brand’s text', () => {
    for (const clause of doc.clauses) {
      const sourceFile = doc.sources[clause.source];
      expect(sourceFile, clause.id).toBeDefined();
      if (sourceFile === undefined) continue;
      expect(sourceText(sourceFile), `${clause.id} is not in ${sourceFile}`).toContain(
        normalize(clause.text),
      );
    }
  });
});

it('bundles a policy for each of the four brands', () => {
  expect(bundledPolicyFiles.map((f) => (f.json as PolicyDocument).id).sort()).toEqual(
    [...POLICY_IDS].sort(),
  );
});

it('the vendored sources are the seeds the brands wrote (when ../shared is beside the repo)', () => {
  const seeds = new URL('../../../../shared/seeds/', import.meta.url);
  const pairs = [
    ['004_d7d877be9cbc576a.txt', 'xinji-after-sales-service-standard.txt'],
    ['000_bc92998048a51282.txt', 'kospet-warranty-policy.txt'],
    ['001_223ace62cd61efd4.txt', 'kospet-warranty-terms.txt'],
    ['003_ff1e66cc2cf54060.txt', 'bluetens-and-coros-warranty.txt'],
    ['002_45784f8690a593de.txt', 'kospet-support-faq.txt'],
  ];
  let seedsPresent = true;
  try {
    readFileSync(new URL(pairs[0]?.[0] ?? '', seeds));
  } catch {
    seedsPresent = false;
  }
  if (!seedsPresent) {
    console.warn(
      '../shared/seeds is not beside the repo: the vendored copies were not re-compared.',
    );
    return;
  }
  for (const [seed, vendored] of pairs) {
    expect(
      readFileSync(new URL(`../../../policies/sources/${vendored ?? ''}`, import.meta.url), 'utf8'),
      vendored,
    ).toBe(readFileSync(new URL(seed ?? '', seeds), 'utf8'));
  }
});
