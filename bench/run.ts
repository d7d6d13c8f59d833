/**
 * `npm run bench [-- NAME ...]`: runs the benchmarks, prints their figures beside the baselines
 * measured in the same run, and writes each to bench/results/NAME.json. Benchmarks are scripts,
 * never timed assertions in tests: machines are noisy, so figures are reported, not enforced.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runEngineBench } from './engine';
import type { BenchResult } from './stats';

const benches: Record<string, () => BenchResult | Promise<BenchResult>> = {
  engine: runEngineBench,
  counter: async () => (await import('./counter')).runCounterBench(),
  receipts: async () => (await import('./receipts')).runReceiptsBench(),
  sync: async () => (await import('./sync')).runSyncBench(),
  parts: async () => (await import('./parts')).runPartsBench(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in benches));
if (unknown.length > 0) {
  console.error(
    `bench: unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`,
  );
  process.exit(2);
}

const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };

for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const run = benches[name];
  if (!run) continue;
  console.log(`\n== ${name}`);
  const result = await run();
  for (const [k, v] of Object.entries(result.figures)) {
    console.log(`  ${k.padEnd(40)} ${typeof v === 'number' ? v.toLocaleString('en') : v}`);
  }
  for (const g of result.goals) console.log(`  ${g.met ? 'met    ' : 'NOT MET'}  ${g.what}`);
  writeFileSync(
    new URL(`${name}.json`, resultsDir),
    JSON.stringify({ ...result, at: new Date().toISOString(), machine }, null, 2) + '\n',
  );
}
