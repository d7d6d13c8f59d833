import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDecisionSerializer } from '../../../cli/decisionJson';
import { evaluate, validateWarrantyCase } from '../../../shared/warranty';
import { generateCases } from '../../../bench/cases';
import { policies } from '../warranty/helpers';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'warranty-cli-'));
let n = 0;
const file = (content: unknown): string => {
  const p = join(dir, `case-${n++}.json`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

/** Runs the CLI as the contract names it: `npm run --silent warranty -- check FILE`. */
const npmRun = (...args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'warranty', '--', ...args], { cwd: root, encoding: 'utf8' });
/** The same script without npm in front, for the many error cases. */
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'scripts/warranty.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

const good = {
  policy: 'xinji',
  visitDate: '2026-02-14',
  component: 'body',
  invoiceDate: '2025-07-03',
  activationDate: '2025-07-01',
  proofOfPurchase: true,
  warrantyCard: true,
  purchaseChannel: 'authorized_dealer',
  purchaseCountry: 'IN',
  serviceCountry: 'IN',
  warrantySticker: 'intact',
  findings: [],
};

beforeAll(() => {
  // Build the cached bundle once so the timed-out-looking first run is not inside a test.
  run('check', file(good));
});

describe('warranty check FILE', () => {
  it('prints one decision for one case, exit 0', () => {
    const r = npmRun('check', file(good));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(d).toMatchObject({
      covered: true,
      charge: 'free',
      warrantyStart: '2025-07-01',
      warrantyStartSource: 'activation_date',
      lastCoveredDay: '2026-07-01',
      daysLeft: 137,
      missingEvidence: [],
      provisional: false,
    });
    expect(d.reasons).toContainEqual(
      expect.objectContaining({
        code: 'start_date',
        clauseId: 'xinji.start',
        clauseText: expect.stringContaining('whichever is earlier') as unknown,
      }),
    );
  });

  it('prints an array of decisions in the order of the cases', () => {
    const cases = [
      good,
      { ...good, findings: ['liquid_damage'] },
      { ...good, policy: 'kospet', component: 'accessory' },
    ];
    const r = run('check', file(cases));
    expect(r.status).toBe(0);
    const ds = JSON.parse(r.stdout) as { covered: boolean; policyId: string }[];
    expect(ds.map((d) => [d.policyId, d.covered])).toEqual([
      ['xinji', true],
      ['xinji', false],
      ['kospet', false],
    ]);
  });

  it('decides the worked examples as expected', () => {
    const examples = JSON.parse(
      readFileSync(join(root, 'tests/fixtures/warranty-examples.json'), 'utf8'),
    ) as { case: unknown; expect: unknown }[];
    const r = run('check', file(examples.map((e) => e.case)));
    expect(r.status).toBe(0);
    const ds = JSON.parse(r.stdout) as unknown[];
    examples.forEach((e, i) => {
      expect(ds[i]).toMatchObject(e.expect as object);
    });
  });

  it('an empty array gives an empty array', () => {
    const r = run('check', file([]));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe('bad input: exit 2, one line naming the case, the field and the value, nothing on stdout', () => {
  const second = (over: Record<string, unknown>) => [good, { ...good, ...over }];
  it.each([
    [
      'an unknown finding code',
      second({ findings: ['dropped_in_soup'] }),
      /^warranty: case 1: findings\[0\] is "dropped_in_soup": expected a finding code: /,
    ],
    [
      'a malformed date',
      second({ invoiceDate: '2025-02-30' }),
      /^warranty: case 1: invoiceDate is "2025-02-30": expected a calendar date written YYYY-MM-DD$/,
    ],
    [
      'a date in the wrong format',
      [{ ...good, visitDate: '14/02/2026' }],
      /^warranty: case 0: visitDate is "14\/02\/2026": expected a calendar date/,
    ],
    [
      'an unknown policy',
      second({ policy: 'acme' }),
      /^warranty: case 1: policy is "acme": expected one of "xinji", "kospet", "coros", "bluetens"$/,
    ],
    [
      'a missing field',
      second({ warrantyCard: undefined }),
      /^warranty: case 1: warrantyCard is missing: expected true or false$/,
    ],
    [
      'a misspelt field',
      second({ invoiceDat: '2025-01-01' }),
      /^warranty: case 1: unknown field "invoiceDat": check the spelling/,
    ],
    [
      'an unknown country',
      second({ purchaseCountry: 'XX' }),
      /^warranty: case 1: purchaseCountry is "XX": expected an ISO 3166 alpha-2 country code/,
    ],
    [
      'an invoice after the visit',
      second({ invoiceDate: '2026-03-01' }),
      /^warranty: case 1: invoiceDate is "2026-03-01": expected a date on or before the visit \(2026-02-14\)/,
    ],
    [
      'a wrong component',
      second({ component: 'strap' }),
      /^warranty: case 1: component is "strap": expected one of "body", "battery", "accessory"$/,
    ],
    [
      'a case that is not an object',
      [good, 7],
      /^warranty: case 1: a case must be a JSON object, got 7$/,
    ],
  ])('%s', (_what, cases, message) => {
    const r = run('check', file(cases));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('a file that is not JSON', () => {
    const r = run('check', file('{ "policy": '));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^warranty: .*case-\d+\.json: not valid JSON/);
  });

  it('a file that does not exist', () => {
    const r = run('check', join(dir, 'nope.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.json: no such file/);
  });

  it('no file at all', () => {
    const r = run('check');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^warranty: usage: npm run --silent warranty -- check FILE/);
  });
});

describe('the fast serializer', () => {
  it('writes exactly what JSON.stringify writes', () => {
    const serialize = createDecisionSerializer();
    for (const raw of generateCases(3000, 7)) {
      const r = validateWarrantyCase(raw, policies);
      if (!r.ok) throw new Error(r.error.message);
      const d = evaluate(r.value.policy, r.value.facts, r.value.visitDate);
      expect(serialize(d)).toBe(JSON.stringify(d));
    }
  });
});
