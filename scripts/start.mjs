// `npm start`: build the renderer and the Electron bundles, then run the desktop app. Where
// Electron's binary is missing and cannot be fetched (no route to its release host, as on the
// build machines here), serve the same build in a browser instead, and say so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const HOST = '127.0.0.1';
const PORT = 5173;
const URL_ = `http://${HOST}:${PORT}/`;
const INSTALL_TIMEOUT_MS = 60_000;

function step(label, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: ${label} failed (see above).`);
    process.exit(result.status ?? 1);
  }
}

/** The Electron executable, if its npm package has one: node_modules/electron/path.txt names it. */
function electronBinary() {
  try {
    const relative = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(electronDir, 'dist', relative);
    return relative !== '' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Why the installer failed, in a few words (its own output is a stack trace). */
function installFailure(result) {
  if (result.error?.code === 'ETIMEDOUT' || result.signal) {
    return `its download host did not answer within ${INSTALL_TIMEOUT_MS / 1000} s`;
  }
  if (result.error) return `its installer could not run: ${result.error.message}`;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  if (
    /fetch failed|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/i.test(
      output,
    )
  ) {
    return 'no route to its download host';
  }
  const line =
    output
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? 'no output';
  return `its installer failed: ${line.slice(0, 160)}`;
}

function runElectron(binary) {
  // An inherited ELECTRON_RUN_AS_NODE would start a bare Node instead of the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function servePreview(why) {
  console.log(
    `Electron's binary could not be fetched (${why}); serving the same app in your browser instead.`,
  );
  const preview = spawn(
    process.execPath,
    [vite, 'preview', '--host', HOST, '--port', String(PORT), '--strictPort', '--logLevel', 'warn'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  let exited = false;
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => preview.kill(signal));
  preview.on('exit', (code, signal) => {
    exited = true;
    if (code !== 0 && !signal)
      console.error(`npm start: vite preview stopped (exit code ${code}).`);
    process.exit(code ?? 0);
  });
  void (async () => {
    for (let tries = 0; tries < 100 && !exited; tries++) {
      if (await answers(URL_)) {
        console.log(`Counter is running at ${URL_} (Ctrl+C to stop)`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!exited) console.error(`npm start: ${URL_} did not answer; vite preview is still running.`);
  })();
}

step('building the renderer (vite build)', [vite, 'build', '--logLevel', 'warn']);
step('bundling the Electron main process', [path.join(root, 'scripts', 'build-electron.mjs')]);

let binary = electronBinary();
let why = 'no binary in node_modules/electron';
if (binary === null && existsSync(path.join(electronDir, 'install.js'))) {
  // Downloads the binary on a machine with a route to Electron's release host.
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  binary = electronBinary();
  if (binary === null) why = installFailure(result);
}

if (binary !== null) runElectron(binary);
else servePreview(why);
