// Bundles the Electron main process and preload into dist-electron/ as CommonJS (package.json's
// "main" is dist-electron/main.cjs). Each bundle carries its own dependencies, shared/ and zod
// included, so the packaged app needs no node_modules; only `electron` stays external. The
// preload must be one self-contained file: a sandboxed preload cannot require our modules.
import { rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildElectron() {
  rmSync(new URL('../dist-electron', import.meta.url), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
    outdir: 'dist-electron',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.cjs'))
    .map(([file, { bytes }]) => `${file} ${(bytes / 1024).toFixed(0)} kB`);
  console.log(`Electron bundles: ${sizes.join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildElectron();
}
