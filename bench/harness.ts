/**
 * What the browser benchmarks share: a static server for built bundles and Debian's Chromium.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from '@playwright/test';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A folder served under a path prefix ('/' or '/bench/'). */
export interface Mount {
  readonly prefix: string;
  readonly dir: string;
}

/**
 * Serves built bundles on an ephemeral port of 127.0.0.1. Several mounts share one origin (and so
 * one IndexedDB). Cross-origin isolated, so performance.now() has 5 µs resolution, not 100 µs.
 * The url has no trailing slash.
 */
export function serveStatic(mounts: readonly Mount[]): Promise<{ server: Server; url: string }> {
  // Longest prefix first, so '/bench/' wins over '/'.
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mount = ordered.find((m) => path.startsWith(m.prefix));
    if (mount === undefined) {
      res.writeHead(404).end();
      return;
    }
    const rest = path.slice(mount.prefix.length);
    const file = normalize(join(mount.dir, rest === '' ? 'index.html' : rest));
    if (!file.startsWith(mount.dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
}
