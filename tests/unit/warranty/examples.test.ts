import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, validateWarrantyCase } from '../../../shared/warranty';
import { policies } from './helpers';

interface Example {
  case: unknown;
  expect: Record<string, unknown>;
  why: string;
}

const vendored = new URL('../../fixtures/warranty-examples.json', import.meta.url);
const upstream = new URL('../../../../shared/warranty-examples.json', import.meta.url);
const load = (u: URL): Example[] => JSON.parse(readFileSync(u, 'utf8')) as Example[];

// The worked cases from ../shared (the product owner's), and the copy kept in the repo so a
// clone without ../shared still checks them. The two must agree where both exist.
const sets: [string, Example[]][] = [['tests/fixtures/warranty-examples.json', load(vendored)]];
if (existsSync(upstream)) sets.push(['../shared/warranty-examples.json', load(upstream)]);

describe.each(sets)('%s', (_name, examples) => {
  it.each(examples.map((e, i) => [i, e.why, e] as const))('case %i: %s', (_i, _why, example) => {
    const r = validateWarrantyCase(example.case, policies);
    if (!r.ok) throw new Error(r.error.message);
    const decision = evaluate(r.value.policy, r.value.facts, r.value.visitDate);
    expect(decision).toMatchObject(example.expect);
  });
});
