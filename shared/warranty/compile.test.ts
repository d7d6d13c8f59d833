import { describe, expect, it } from 'vitest';
import { formatPolicyLoadError, parsePolicy } from './compile';
import type { PolicyDocument } from './policySchema';
import { testPolicyDocument } from './testPolicy';
import type { FindingCode, Remedy } from './vocabulary';

const failure = (json: unknown): string => {
  const r = parsePolicy(json, 'policies/broken.json');
  if (r.ok) throw new Error('expected the policy to be rejected');
  return formatPolicyLoadError(r.error);
};

/** A fresh copy of the valid fixture, broken in one place by `f`. */
const edit = (f: (doc: PolicyDocument) => void): unknown => {
  const doc = testPolicyDocument();
  f(doc);
  return doc;
};

describe('parsePolicy', () => {
  it('loads a valid policy', () => {
    const r = parsePolicy(testPolicyDocument(), 'test.json');
    expect(r.ok).toBe(true);
  });

  it('names the file, the path and what was expected', () => {
    const msg = failure(
      edit((d) => (d.coverage.body = { covered: true, period: { months: -3 }, clause: 't.body' })),
    );
    expect(msg).toMatch(/^policies\/broken\.json: coverage\.body\.period/);
    expect(msg).toContain('-3');
  });

  it('rejects an unknown finding code in an exclusion', () => {
    const msg = failure(
      edit(
        (d) =>
          (d.exclusions[0] = { findings: ['dropped_in_soup' as FindingCode], clause: 't.liquid' }),
      ),
    );
    expect(msg).toMatch(
      /^policies\/broken\.json: exclusions\[0\]\.findings\[0\]: .*"dropped_in_soup"/,
    );
  });

  it('rejects a misspelt field', () => {
    const msg = failure(edit((d) => Object.assign(d, { sticky: null })));
    expect(msg).toBe(
      'policies/broken.json: (top level): unexpected field "sticky": remove it or check the spelling',
    );
  });

  it('rejects a reference to a clause that does not exist', () => {
    const msg = failure(edit((d) => (d.periodEnd.clause = 't.nope')));
    expect(msg).toBe(
      'policies/broken.json: periodEnd.clause: no clause has the id "t.nope": add it to "clauses" or fix the reference',
    );
  });

  it('rejects a duplicated clause id', () => {
    const msg = failure(
      edit((d) => d.clauses.push({ id: 't.body', source: 'test', text: 'again' })),
    );
    expect(msg).toMatch(/clauses\[15\]\.id: clause id "t\.body" is used twice/);
  });

  it('rejects a clause quoted from an unknown source', () => {
    const msg = failure(
      edit((d) => (d.clauses[0] = { id: 't.body', source: 'elsewhere', text: 'Text.' })),
    );
    expect(msg).toMatch(/clauses\[0\]\.source: unknown source "elsewhere": expected one of "test"/);
  });

  it('rejects a paid remedy offered on a covered visit', () => {
    const msg = failure(
      edit(
        (d) =>
          (d.remedies.covered[0] = { remedy: 'paid_repair' satisfies Remedy, clause: 't.paid' }),
      ),
    );
    expect(msg).toMatch(/remedies\.covered\[0\]\.remedy: "paid_repair" is not free/);
  });

  it('rejects something that is not a policy at all', () => {
    expect(failure('hello')).toMatch(/^policies\/broken\.json: \(top level\): .*"hello"/);
  });
});
