import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (`apt-get install -y chromium`) against the built
// renderer served by `vite preview`. Playwright's own browser download is not used.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4317);
// A real HQ beside the app, on embedded PGlite in a fresh folder for each run.
const hqPort = Number(process.env.E2E_HQ_PORT ?? port + 480);
process.env.E2E_HQ_URL ??= `http://127.0.0.1:${String(hqPort)}`;
process.env.E2E_HQ_ADMIN_TOKEN ??= 'e2e-admin-token-0123456789abcdef';
process.env.E2E_HQ_DATA ??= mkdtempSync(join(tmpdir(), 'counter-e2e-hq-'));

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './tests/e2e/__output__/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'npx tsx hq/main.ts',
      url: `${process.env.E2E_HQ_URL}/admin/login`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(hqPort),
        HOST: '127.0.0.1',
        HQ_DATA: process.env.E2E_HQ_DATA,
        HQ_ADMIN_TOKEN: process.env.E2E_HQ_ADMIN_TOKEN,
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
