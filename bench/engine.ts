/**
 * Engine throughput: decisions per second over 1,000,000 generated XINJI cases, beside the
 * hand-written XINJI function on the same cases in the same run; then all four brands; then the
 * CLI on a 100,000-case file (start-up included), beside parsing that file in plain node.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { bundledPolicyFiles } from '../policies';
import {
  evaluate,
  loadPolicy,
  validateWarrantyCase,
  type CompiledPolicy,
  type WarrantyCase,
} from '../shared/warranty';
import { generateCases } from './cases';
import { median, type BenchResult } from './stats';
import { makeXinjiBaseline } from './xinjiBaseline';

const N = Number(process.env.BENCH_ENGINE_CASES ?? 1_000_000);
const ROUNDS = 5;

function prepare(n: number, brands?: readonly string[]): WarrantyCase[] {
  const policies = new Map<string, CompiledPolicy>(
    bundledPolicyFiles.map(({ file, json }) => {
      const p = loadPolicy(json, file);
      return [p.id, p];
    }),
  );
  return generateCases(n, 20261122, brands).map((raw, i) => {
    const r = validateWarrantyCase(raw, policies);
    if (!r.ok) throw new Error(`generated case ${i} is invalid: ${r.error.message}`);
    return r.value;
  });
}

/** Runs `fn` over all cases `ROUNDS` times; returns the median decisions per second. */
function throughput(
  cases: readonly WarrantyCase[],
  fn: (c: WarrantyCase) => { covered: boolean },
): number {
  let sink = 0;
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    for (const c of cases) if (fn(c).covered) sink++;
    const ms = performance.now() - t0;
    rates.push(cases.length / (ms / 1000));
  }
  if (sink < 0) console.log(sink); // keep the work observable
  return median(rates);
}

function timeCommand(cmd: string, args: string[], runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

export function runEngineBench(): BenchResult {
  const xinjiCases = prepare(N, ['xinji']);
  const xinji = xinjiCases[0]?.policy;
  if (!xinji) throw new Error('no cases generated');
  const baseline = makeXinjiBaseline(xinji);

  // The baseline must decide exactly as the engine does, or the ratio means nothing.
  for (const c of xinjiCases.slice(0, 20_000)) {
    if (
      !isDeepStrictEqual(baseline(c.facts, c.visitDate), evaluate(c.policy, c.facts, c.visitDate))
    ) {
      throw new Error(
        `the hand-written baseline disagrees with the engine on ${JSON.stringify(c.facts)}`,
      );
    }
  }

  const engineRate = throughput(xinjiCases, (c) => evaluate(c.policy, c.facts, c.visitDate));
  const baselineRate = throughput(xinjiCases, (c) => baseline(c.facts, c.visitDate));
  const allBrands = prepare(N);
  const mixedRate = throughput(allBrands, (c) => evaluate(c.policy, c.facts, c.visitDate));

  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  const file = join(dir, 'cases-100k.json');
  writeFileSync(file, JSON.stringify(generateCases(100_000, 7)));
  const cliMs = timeCommand('npm', ['run', '--silent', 'warranty', '--', 'check', file]);
  const parseMs = timeCommand(process.execPath, [
    '-e',
    `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`,
  ]);
  rmSync(dir, { recursive: true, force: true });

  const ratio = baselineRate / engineRate;
  return {
    name: 'engine',
    figures: {
      cases: N,
      engineDecisionsPerSecond: Math.round(engineRate),
      handWrittenXinjiDecisionsPerSecond: Math.round(baselineRate),
      handWrittenOverEngine: Number(ratio.toFixed(2)),
      engineAllBrandsDecisionsPerSecond: Math.round(mixedRate),
      cli100kCasesMs: Math.round(cliMs),
      nodeParseSameFileMs: Math.round(parseMs),
    },
    goals: [
      { what: 'engine ≥ 1,000,000 decisions/s (XINJI cases)', met: engineRate >= 1_000_000 },
      { what: 'engine within 3x of the hand-written XINJI function', met: ratio <= 3 },
      { what: 'CLI decides 100,000 cases in < 2 s including start-up', met: cliMs < 2000 },
    ],
  };
}
