// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The import boundaries of DESIGN.md, enforced as errors: renderer → shared, electron → shared,
// hq → shared, policies is data, shared imports nothing of ours. Third-party libraries with a
// single home (STYLE.md 10) are forbidden everywhere else.

const NODE = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'url',
];

/** @param {string[]} group @param {string} message */
const rule = (group, message) => ({ group, message });

const onlyDataImportsDexie = rule(['dexie', 'dexie/*'], 'Only renderer/data/ imports dexie.');
const onlyStoresImportZustand = rule(
  ['zustand', 'zustand/*'],
  'Only renderer/stores/ imports zustand.',
);
const onlyRoutingImportsRouter = rule(
  ['react-router', 'react-router/*', 'react-router-dom'],
  'Import routing from renderer/app/routing.ts, the router’s one home.',
);

const rendererBase = [
  rule(
    ['electron', 'electron/*', ...NODE],
    'The renderer never imports Electron or Node: use renderer/host/.',
  ),
  rule(
    ['**/electron/**', '**/hq/**', '**/cli/**', '**/bench/**', '**/tests/**'],
    'renderer/ may import shared/ and policies/ only.',
  ),
];

/** @type {Array<{ files: string[], ignores?: string[], patterns: ReturnType<typeof rule>[] }>} */
const boundaries = [
  {
    files: ['shared/**/*.ts'],
    patterns: [
      rule(
        [
          'react',
          'react/*',
          'react-dom',
          'react-dom/*',
          'dexie',
          'dexie/*',
          'electron',
          'electron/*',
          'zustand',
          'zustand/*',
          'react-router',
          ...NODE,
        ],
        'shared/ is pure TypeScript that runs anywhere: no React, Dexie, Electron, zustand or Node built-ins.',
      ),
      rule(
        [
          '**/renderer/**',
          '**/electron/**',
          '**/hq/**',
          '**/policies/**',
          '**/cli/**',
          '**/bench/**',
          '**/tests/**',
        ],
        'shared/ imports nothing of ours (DESIGN.md: arrows point one way).',
      ),
    ],
  },
  {
    files: ['policies/**/*.ts'],
    patterns: [
      rule(
        [
          '**/renderer/**',
          '**/electron/**',
          '**/hq/**',
          '**/shared/**',
          'react',
          'dexie',
          'electron',
          ...NODE,
        ],
        'policies/ is data: it exports the bundled policy files and imports nothing.',
      ),
    ],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/data/**', 'renderer/stores/**', 'renderer/app/routing.ts'],
    patterns: [
      ...rendererBase,
      onlyDataImportsDexie,
      onlyStoresImportZustand,
      onlyRoutingImportsRouter,
    ],
  },
  {
    files: ['renderer/data/**/*.{ts,tsx}'],
    patterns: [...rendererBase, onlyStoresImportZustand, onlyRoutingImportsRouter],
  },
  {
    files: ['renderer/stores/**/*.{ts,tsx}'],
    patterns: [...rendererBase, onlyDataImportsDexie, onlyRoutingImportsRouter],
  },
  {
    files: ['renderer/app/routing.ts'],
    patterns: [...rendererBase, onlyDataImportsDexie, onlyStoresImportZustand],
  },
  {
    files: ['electron/**/*.ts'],
    patterns: [
      rule(
        ['**/renderer/**', '**/hq/**', '**/cli/**', 'react', 'react-dom', 'dexie', 'zustand'],
        'electron/ is the thin shell: it may import shared/ only.',
      ),
    ],
  },
  {
    files: ['hq/**/*.ts'],
    patterns: [
      rule(
        ['**/renderer/**', '**/electron/**', 'react', 'react-dom', 'dexie', 'electron', 'zustand'],
        'hq/ may import shared/ and policies/ only.',
      ),
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      '.tsbuild/',
      '.hq-data/',
      'test-results/',
      'playwright-report/',
      'tests/e2e/__output__/',
      'bench/results/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.es2022 },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: [
      'electron/**/*.ts',
      'hq/**/*.ts',
      'cli/**/*.ts',
      'bench/**/*.ts',
      'tests/**/*.ts',
      'scripts/**/*.ts',
      '*.config.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  ...boundaries.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
