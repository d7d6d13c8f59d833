// Serves the built renderer (dist/renderer) at app://counter/. The path check is a pure function so
// the ways out of the folder (dot segments, encoded or not, backslashes, drive letters, NUL) are
// each a unit test rather than a hope.
import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute'>;

const PREFIX = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The file a request for `url` may read inside `root`, or null when the URL is not the app's or
 * its path tries to leave `root`. Any dot segment is refused, not normalised: Chromium never sends
 * one for a legitimate asset, so one that arrives (typically percent-encoded) is an attack.
 */
export function resolveAppPath(
  root: string,
  url: string,
  pathApi: PathApi = nodePath,
): string | null {
  if (url.slice(0, PREFIX.length).toLowerCase() !== PREFIX) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.host !== APP_HOST ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return null;
  }
  // The raw path, before the URL parser folds away `..`: everything up to the query or fragment.
  const rawPath = url.slice(PREFIX.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return null;

  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (
      segment === '.' ||
      segment === '..' ||
      /[/\\:\0]/.test(segment) ||
      // Windows ignores trailing dots and spaces, which would turn `..%20` into `..`.
      /[. ]$/.test(segment)
    ) {
      return null;
    }
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');

  const resolvedRoot = pathApi.resolve(root);
  const resolved = pathApi.resolve(resolvedRoot, ...segments);
  const relative = pathApi.relative(resolvedRoot, resolved);
  if (relative === '' || relative.startsWith('..') || pathApi.isAbsolute(relative)) return null;
  return resolved;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolDeps {
  readonly root: string;
  /** Rejects with an `ENOENT`/`EISDIR` error for files that are not there. */
  readonly readFile: (file: string) => Promise<Uint8Array>;
  /** Called per response, so a changed HQ origin applies from the next page load. */
  readonly csp: () => string;
  readonly onError?: (url: string, error: unknown) => void;
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** The handler for protocol.handle('app', …). Built on the fetch API's Request and Response. */
export function createAppProtocolHandler(
  deps: AppProtocolDeps,
): (request: Request) => Promise<Response> {
  const headers = (file: string): Record<string, string> => ({
    'Content-Type': contentTypeOf(file),
    'Content-Security-Policy': deps.csp(),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

  const serve = async (file: string): Promise<Response> =>
    new Response(await deps.readFile(file), { status: 200, headers: headers(file) });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return text(405, 'Method not allowed');
    const file = resolveAppPath(deps.root, request.url);
    if (file === null) return text(404, 'Not found');
    try {
      return await serve(file);
    } catch (error) {
      if (!isMissing(error)) {
        deps.onError?.(request.url, error);
        return text(500, 'Could not read the file');
      }
      // A client-side route (app://counter/tickets/42) reloaded: answer with the app's page.
      if (nodePath.extname(file) !== '') return text(404, 'Not found');
      const index = resolveAppPath(deps.root, `${APP_SCHEME}://${APP_HOST}/index.html`);
      if (index === null) return text(404, 'Not found');
      try {
        return await serve(index);
      } catch {
        return text(404, 'Not found');
      }
    }
  };
}
