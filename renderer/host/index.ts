// The renderer's one door to the shell. Screens call getHost() and never ask which shell it is.
import { createElectronHost } from './electronHost';
import type { Host } from './types';
import { createWebHost } from './webHost';

export type { Host, HostInfo, HostShell } from './types';

/** Set at build time (VITE_APP_VERSION); the web build has no app.getVersion(). */
function webVersion(): string {
  const version: unknown = import.meta.env['VITE_APP_VERSION'];
  return typeof version === 'string' && version !== '' ? version : 'dev';
}

/** Electron when the preload exposed `window.counter`, the browser otherwise. */
export function selectHost(view: Window): Host {
  if (view.counter !== undefined) return createElectronHost(view.counter);
  return createWebHost({
    document: view.document,
    // Reading `indexedDB` throws in some locked-down browsers instead of being undefined.
    indexedDB: (() => {
      try {
        return view.indexedDB;
      } catch {
        return undefined;
      }
    })(),
    version: webVersion(),
  });
}

let current: Host | undefined;

export function getHost(): Host {
  current ??= selectHost(window);
  return current;
}
