/**
 * The counter's data layer at 100,000 tickets, in Chromium: (a) search by exact serial and by
 * phone, median and p95, beside raw IndexedDB index lookups of the same keys; (b) the tickets
 * list's first paint after a reload; (c) createTicket command latency.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { median, type BenchResult } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.BENCH_TICKETS ?? 100_000);
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves the built app at / and the bench page at /bench/, one origin, one IndexedDB. */
function serve(): Promise<{ server: Server; url: string }> {
  const app = join(root, 'dist', 'renderer');
  const bench = join(root, 'dist', 'bench');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [dir, rest] = path.startsWith('/bench/') ? [bench, path.slice(7)] : [app, path.slice(1)];
    const file = normalize(join(dir, rest === '' ? 'index.html' : rest));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Cross-origin isolation: performance.now() then has 5 µs resolution instead of 100 µs.
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      resolve({ server, url: `http://127.0.0.1:${String(port)}` });
    });
  });
}

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
  const { server, url } = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
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
