// The shell's security policy as plain functions (Electron's security checklist), so each rule is
// unit-tested without a running Electron. main.ts only wires them in.
import type { HandlerDetails, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of the app's own page. Node's URL gives non-special schemes an origin of "null", so compare parts. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export function createWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** The HQ origin (`https://hq.example:8443`) from a configured URL, or null when unset or not http(s). */
export function hqOriginOf(url: string | undefined): string | null {
  if (url === undefined || url.trim() === '') return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The page's Content-Security-Policy. Only the HQ origin widens it, and only for fetches. */
export function buildCsp(hqOrigin: string | null): string {
  const connect = ["'self'"];
  const origin = hqOrigin === null ? null : hqOriginOf(hqOrigin);
  if (origin !== null) connect.push(origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** will-navigate: the app is a single page; any navigation elsewhere is refused. */
export function guardNavigation(
  event: { preventDefault(): void },
  url: string,
  onBlocked: (url: string) => void,
): void {
  if (isAppUrl(url)) return;
  event.preventDefault();
  onBlocked(url);
}

/** setWindowOpenHandler: no popups, no new windows, no links handed to the OS. */
export function denyWindowOpen(
  details: Pick<HandlerDetails, 'url'>,
  onBlocked: (url: string) => void,
): { action: 'deny' } {
  onBlocked(details.url);
  return { action: 'deny' };
}

/**
 * The one permission the counter needs is the camera, for photos of the watch. A request names
 * the media types it wants; anything with a microphone is refused.
 */
export function allowPermissionRequest(
  permission: string,
  requestingUrl: string,
  mediaTypes: readonly string[] | undefined,
): boolean {
  return (
    permission === 'media' &&
    isAppUrl(requestingUrl) &&
    mediaTypes !== undefined &&
    mediaTypes.length > 0 &&
    mediaTypes.every((type) => type === 'video')
  );
}

/** Permission checks (before a request, and for device enumeration) follow the same rule. */
export function allowPermissionCheck(
  permission: string,
  requestingOrigin: string,
  mediaType: string | undefined,
): boolean {
  return permission === 'media' && isAppUrl(requestingOrigin) && mediaType !== 'audio';
}

/** The subset of WebContents that hardenWebContents touches, so tests can pass a fake. */
export interface HardenableContents {
  on(
    event: 'will-navigate',
    listener: (event: { preventDefault(): void; readonly url: string }) => void,
  ): void;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void;
  setWindowOpenHandler(handler: (details: HandlerDetails) => { action: 'deny' }): void;
}

/** Applied to every WebContents the app creates (main window and hidden print windows). */
export function hardenWebContents(
  contents: HardenableContents,
  onBlocked: (what: string, url: string) => void,
): void {
  contents.on('will-navigate', (event) => {
    guardNavigation(event, event.url, (blocked) => {
      onBlocked('navigation', blocked);
    });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview', '');
  });
  contents.setWindowOpenHandler((details) =>
    denyWindowOpen(details, (blocked) => {
      onBlocked('window.open', blocked);
    }),
  );
}
