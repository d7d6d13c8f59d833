/**
 * The counter's data layer at 100,000 tickets, in Chromium: (a) search by exact serial and by
 * phone, median and p95, beside raw IndexedDB index lookups of the same keys; (b) the tickets
 * list's first paint after a reload; (c) createTicket command latency.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { launchChromium, serveStatic } from './harness';
import { median, type BenchResult } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.BENCH_TICKETS ?? 100_000);

export async function runCounterBench(): Promise<BenchResult> {
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  await build({
    configFile: false,
    root: join(root, 'bench', 'browser'),
    base: '/bench/',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: join(root, 'dist', 'bench'), emptyOutDir: true, target: 'chrome130' },
  });
  // The app at / and the bench page at /bench/: one origin, one IndexedDB.
  const { server, url } = await serveStatic([
    { prefix: '/', dir: join(root, 'dist', 'renderer') },
    { prefix: '/bench/', dir: join(root, 'dist', 'bench') },
  ]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/bench/`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    const seeded = await page.evaluate((n) => window.counterBench.seed(n), N);
    console.log(`  seeded ${N.toLocaleString('en')} tickets in ${(seeded.ms / 1000).toFixed(1)} s`);
    const search = await page.evaluate((n) => window.counterBench.measureSearch(n, 200), N);

    // (b) the list's first paint after a reload, with the database full.
    await page.evaluate(() => {
      window.counterBench.close();
    });
    await page.goto(`${url}/#/tickets`);
    await page.waitForSelector('.ticket-row');
    const paints: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await page.reload();
      await page.waitForSelector('.ticket-row');
      paints.push(performance.now() - t0);
    }

    await page.goto(`${url}/bench/`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    const create = await page.evaluate(() => window.counterBench.measureCreate(100));
    const r = (x: number) => Number(x.toFixed(2));
    const serialRatio = search.serialApp.median / search.serialRaw.median;
    const phoneRatio = search.phoneApp.median / search.phoneRaw.median;
    const firstPaint = median(paints);
    return {
      name: 'counter',
      figures: {
        tickets: N,
        searchSerialMedianMs: r(search.serialApp.median),
        searchSerialP95Ms: r(search.serialApp.p95),
        rawIndexSerialMedianMs: r(search.serialRaw.median),
        rawIndexSerialP95Ms: r(search.serialRaw.p95),
        searchSerialOverRaw: r(serialRatio),
        rawWithJoinsSerialMedianMs: r(search.serialRawJoined.median),
        searchPhoneMedianMs: r(search.phoneApp.median),
        searchPhoneP95Ms: r(search.phoneApp.p95),
        rawIndexPhoneMedianMs: r(search.phoneRaw.median),
        rawIndexPhoneP95Ms: r(search.phoneRaw.p95),
        searchPhoneOverRaw: r(phoneRatio),
        rawWithJoinsPhoneMedianMs: r(search.phoneRawJoined.median),
        timerResolutionIsolated: search.isolated ? 'yes' : 'no',
        listFirstPaintAfterReloadMs: r(firstPaint),
        createTicketMedianMs: r(create.median),
        createTicketP95Ms: r(create.p95),
      },
      goals: [
        { what: 'search by serial: median < 5 ms', met: search.serialApp.median < 5 },
        { what: 'search by serial: within 2x of the raw index lookup', met: serialRatio <= 2 },
        { what: 'search by phone: median < 5 ms', met: search.phoneApp.median < 5 },
        { what: 'search by phone: within 2x of the raw index lookup', met: phoneRatio <= 2 },
        { what: 'tickets list first paint after reload < 1 s', met: firstPaint < 1000 },
        { what: 'createTicket median < 10 ms', met: create.median < 10 },
      ],
    };
  } finally {
    await browser.close();
    server.close();
  }
}
