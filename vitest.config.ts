import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The receipts read fontsource's stylesheets as text (?raw) to pick font subsets.
  css: { include: [/@fontsource\/.+\.css\?raw$/] },
  test: {
    include: ['{shared,policies,renderer,electron,hq,cli,tests/unit}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'tests/e2e/**'],
    environment: 'node',
    restoreMocks: true,
  },
});
