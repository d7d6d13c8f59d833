/**
 * The parts ledger at 200,000 stock movements, in Chromium with the real data layer: on-hand for
 * every part (`onHandForAll`) beside a raw IndexedDB cursor sum over the same movements in the
 * same run, with a raw getAll and a keys-only read for context; and the commands and per-part
 * reads a technician waits for on that ledger.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium, serveStatic } from './harness';
import type { BenchResult } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.BENCH_MOVEMENTS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const OUT = join(root, 'dist', 'bench-parts');

export async function runPartsBench(): Promise<BenchResult> {
  await build({
    configFile: false,
    root: join(root, 'bench', 'browser-parts'),
    base: '/',
    logLevel: 'warn',
    build: { outDir: OUT, emptyOutDir: true, target: 'chrome130' },
  });
  const { server, url } = await serveStatic([{ prefix: '/', dir: OUT }]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(30 * 60_000);
    await page.goto(`${url}/`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    const seeded = await page.evaluate((n) => window.partsBench.seed(n), N);
    console.log(
      `  seeded ${N.toLocaleString('en')} movements over ${String(seeded.parts)} parts in ${(seeded.ms / 1000).toFixed(1)} s`,
    );
    const m = await page.evaluate((rounds) => window.partsBench.measureOnHand(rounds), ROUNDS);
    const c = await page.evaluate(
      (techId) => window.partsBench.measureCommands(techId, 20),
      seeded.techId,
    );
    const r = (x: number) => Number(x.toFixed(2));
    const ratio = m.app.median / m.rawCursor.median;
    return {
      name: 'parts',
      figures: {
        movements: m.movements,
        parts: m.parts,
        rounds: ROUNDS,
        onHandForAllMedianMs: r(m.app.median),
        onHandForAllMinMs: r(m.app.min),
        rawCursorSumMedianMs: r(m.rawCursor.median),
        rawCursorSumMinMs: r(m.rawCursor.min),
        onHandForAllOverRawCursor: r(ratio),
        rawGetAllSumMedianMs: r(m.rawGetAll.median),
        rawKeysOnlyMedianMs: r(m.rawKeysOnly.median),
        onHandOnePartMedianMs: r(c.onHandOnePart.median),
        receiveStockMedianMs: r(c.receiveStock.median),
        addPartLineMedianMs: r(c.addPartLine.median),
        addPartLineP95Ms: r(c.addPartLine.p95),
        lowStockMedianMs: r(c.lowStock.median),
        timerResolutionIsolated: m.isolated ? 'yes' : 'no',
      },
      goals: [
        {
          what: `on-hand for every part from ${N.toLocaleString('en')} movements: median < 100 ms`,
          met: m.app.median < 100,
        },
        { what: 'on-hand for every part: within 2x of the raw cursor sum', met: ratio <= 2 },
      ],
    };
  } finally {
    await browser.close();
    server.close();
  }
}
