import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // The receipts read fontsource's stylesheets as text (?raw) to pick font subsets.
    css: { include: [/@fontsource\/.+\.css\?raw$/] },
    include: ['{shared,policies,renderer,electron,hq,cli,tests/unit}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'tests/e2e/**'],
    environment: 'node',
    // The HQ and sync suites run a real database (PGlite, and a PostgreSQL cluster where
    // installed); on two busy cores one test can take more than the 5 s default.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    restoreMocks: true,
  },
});
