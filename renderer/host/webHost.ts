// The host when Counter runs in a plain browser (tests, the no-Electron fallback of `npm start`).
// It does what a web page honestly can: print through the browser's dialog, keep the HQ token in
// IndexedDB (never localStorage, which every script on the origin reads synchronously), and say
// clearly what only the desktop app can do.
import {
  fail,
  succeed,
  TokenSchema,
  type IpcResult,
  type PageSize,
} from '../../shared/ipc/contract';
import { openKeyValueStore, type KeyValueStore } from './keyValueStore';
import type { Host } from './types';

export const WEB_HOST_DATABASE = 'counter-host';
const TOKEN_KEY = 'hq-token';

export interface WebHostDeps {
  readonly document: Document;
  /** Undefined where the browser offers none (some private modes). */
  readonly indexedDB: IDBFactory | undefined;
  readonly version: string;
  /** How long to wait for the print frame to load before giving up. */
  readonly printTimeoutMs?: number;
}

/** Adds the page size as an `@page` rule; a rule of the template's own, later in the page, wins. */
export function withPageSize(html: string, pageSize: PageSize): string {
  const rule = pageSize === 'A4' ? '@page { size: A4; }' : '@page { size: 80mm auto; margin: 0; }';
  const style = `<style>${rule}</style>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head === null) return `${style}${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${style}${html.slice(at)}`;
}

const PRINT_FRAME_ATTRIBUTE = 'data-counter-print';

/**
 * Prints `html` from a hidden iframe. The frame is sandboxed without scripts: the receipt is
 * rendered, never run. It stays until the dialog closes (`afterprint`), because some browsers
 * return from print() before printing; a leftover frame is removed by the next print.
 */
function printInFrame(doc: Document, html: string, timeoutMs: number): Promise<IpcResult<null>> {
  for (const old of doc.querySelectorAll(`iframe[${PRINT_FRAME_ATTRIBUTE}]`)) old.remove();
  const frame = doc.createElement('iframe');
  frame.setAttribute(PRINT_FRAME_ATTRIBUTE, '');
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;';

  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      frame.remove();
      resolve(fail('failed', 'The print preview did not open. Try again.'));
    }, timeoutMs);
    frame.addEventListener(
      'load',
      () => {
        clearTimeout(timer);
        const view = frame.contentWindow;
        if (view === null) {
          frame.remove();
          resolve(fail('failed', 'The print preview did not open. Try again.'));
          return;
        }
        view.addEventListener(
          'afterprint',
          () => {
            frame.remove();
          },
          { once: true },
        );
        try {
          view.focus();
          view.print();
          resolve(succeed(null));
        } catch {
          frame.remove();
          resolve(fail('failed', 'The browser refused to print this page.'));
        }
      },
      { once: true },
    );
    frame.srcdoc = html;
    doc.body.append(frame);
  });
}

const NO_STORAGE =
  'This browser does not let Counter store data (a private window, or storage turned off). ' +
  'Use a normal window, or the desktop app.';

const DESKTOP_ONLY = (what: string): IpcResult<never> =>
  fail('unsupported_in_web', `${what} is only possible in the Counter desktop app.`);

export function createWebHost(deps: WebHostDeps): Host {
  const timeoutMs = deps.printTimeoutMs ?? 10_000;
  let store: KeyValueStore | undefined;
  const kv = (): KeyValueStore | undefined => {
    if (deps.indexedDB === undefined) return undefined;
    store ??= openKeyValueStore(deps.indexedDB, WEB_HOST_DATABASE);
    return store;
  };

  const withStore = async <T>(
    operation: (store: KeyValueStore) => Promise<IpcResult<T>>,
  ): Promise<IpcResult<T>> => {
    const current = kv();
    if (current === undefined) return fail('unavailable', NO_STORAGE);
    try {
      return await operation(current);
    } catch {
      return fail('unavailable', NO_STORAGE);
    }
  };

  return {
    // A browser has no menus of the shell's: nothing ever arrives.
    onShellEvent: () => () => undefined,

    // The browser build sets no CSP of its own: nothing to widen.
    setHqOrigin: () => Promise.resolve(succeed(null)),

    getInfo: () =>
      Promise.resolve(
        succeed({ version: deps.version, platform: 'browser', shell: 'web', dataDir: null }),
      ),

    // A page cannot see the printers; the browser's dialog lists them.
    listPrinters: () => Promise.resolve(succeed([])),

    printHtml: ({ html, pageSize }) =>
      printInFrame(deps.document, withPageSize(html, pageSize), timeoutMs),

    savePdf: async ({ html, pageSize }) => {
      const opened = await printInFrame(deps.document, withPageSize(html, pageSize), timeoutMs);
      if (!opened.ok) return opened;
      return fail(
        'unsupported_in_web',
        'A browser cannot save a PDF by itself. The print dialog is open: choose "Save as PDF" ' +
          'as the printer.',
      );
    },

    getToken: () =>
      withStore(async (s) => {
        const value = await s.get(TOKEN_KEY);
        return succeed(typeof value === 'string' ? value : null);
      }),

    setToken: ({ token }) => {
      if (!TokenSchema.safeParse(token).success) {
        return Promise.resolve(fail('bad_request', 'The HQ token is empty or too long.'));
      }
      return withStore(async (s) => {
        await s.set(TOKEN_KEY, token);
        return succeed(null);
      });
    },

    clearToken: () =>
      withStore(async (s) => {
        await s.delete(TOKEN_KEY);
        return succeed(null);
      }),

    openDataFolder: () => Promise.resolve(DESKTOP_ONLY('Opening the data folder')),
    openLog: () => Promise.resolve(DESKTOP_ONLY('Opening the log')),
  };
}
