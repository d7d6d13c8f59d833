// Runs the warranty CLI (cli/warranty.ts) from an esbuild bundle cached in node_modules/.cache,
// rebuilt when any of its sources is newer. Start-up stays near plain `node` (the CLI must decide
// 100,000 cases in under 2 s including start-up), with no build step to remember.
import { existsSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'node_modules', '.cache', 'counter', 'warranty-cli.mjs');
const sourceDirs = ['cli', 'shared', 'policies'];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(bundle) ||
  sourceDirs.some((d) => newestSource(join(root, d)) > statSync(bundle).mtimeMs);

if (stale) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  await build({
    entryPoints: [join(root, 'cli', 'warranty.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
}

await import(pathToFileURL(bundle).href);
