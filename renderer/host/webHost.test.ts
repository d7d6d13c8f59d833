// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcResult } from '../../shared/ipc/contract';
import { openKeyValueStore } from './keyValueStore';
import { createWebHost, WEB_HOST_DATABASE, withPageSize } from './webHost';

const codeOf = (result: IpcResult<unknown>): string => (result.ok ? 'ok' : result.error.code);

const hostWith = (indexedDB: IDBFactory | undefined) =>
  createWebHost({ document, indexedDB, version: '0.1.0-test', printTimeoutMs: 1_000 });

describe('web host: the HQ token', () => {
  afterEach(() => {
    localStorage.clear();
  });

  it('has none at first, stores one, and clears it', async () => {
    const host = hostWith(new IDBFactory());
    expect(await host.getToken()).toEqual({ ok: true, value: null });
    expect(await host.setToken({ token: 'hq.token-1' })).toEqual({ ok: true, value: null });
    expect(await host.getToken()).toEqual({ ok: true, value: 'hq.token-1' });
    expect(await host.clearToken()).toEqual({ ok: true, value: null });
    expect(await host.getToken()).toEqual({ ok: true, value: null });
  });

  it('keeps it in IndexedDB across reloads, never in localStorage', async () => {
    const indexedDB = new IDBFactory();
    await hostWith(indexedDB).setToken({ token: 'hq.token-2' });

    // A new host on the same browser storage, as after a reload.
    expect(await hostWith(indexedDB).getToken()).toEqual({ ok: true, value: 'hq.token-2' });
    const raw = openKeyValueStore(indexedDB, WEB_HOST_DATABASE);
    expect(await raw.get('hq-token')).toBe('hq.token-2');
    raw.close();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it('refuses an empty token', async () => {
    expect(codeOf(await hostWith(new IDBFactory()).setToken({ token: '' }))).toBe('bad_request');
  });

  it('says so when the browser gives no storage', async () => {
    const host = hostWith(undefined);
    expect(codeOf(await host.getToken())).toBe('unavailable');
    expect(codeOf(await host.setToken({ token: 't' }))).toBe('unavailable');
  });

  it('says so when IndexedDB refuses to open', async () => {
    const broken = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    expect(codeOf(await hostWith(broken).getToken())).toBe('unavailable');
  });
});

describe('web host: what a browser can and cannot do', () => {
  it('reports itself as the web shell', async () => {
    expect(await hostWith(undefined).getInfo()).toEqual({
      ok: true,
      value: { version: '0.1.0-test', platform: 'browser', shell: 'web', dataDir: null },
    });
  });

  it('lists no printers and opens no folders', async () => {
    const host = hostWith(undefined);
    expect(await host.listPrinters()).toEqual({ ok: true, value: [] });
    expect(codeOf(await host.openDataFolder())).toBe('unsupported_in_web');
    expect(codeOf(await host.openLog())).toBe('unsupported_in_web');
  });
});

describe('web host: printing', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  const fakeFrameWindow = () => {
    const listeners = new Map<string, () => void>();
    const view = {
      focus: vi.fn(),
      print: vi.fn(),
      addEventListener: (type: string, listener: () => void) => {
        listeners.set(type, listener);
      },
    };
    vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockReturnValue(
      view as unknown as WindowProxy,
    );
    const fire = (type: string): void => {
      listeners.get(type)?.();
    };
    return { view, fire };
  };

  it('prints from a hidden, script-less frame sized for the page', async () => {
    const { view, fire } = fakeFrameWindow();
    const result = await hostWith(undefined).printHtml({
      html: '<html><head><title>r</title></head><body>Receipt</body></html>',
      pageSize: '80mm',
      silent: true,
    });
    expect(result).toEqual({ ok: true, value: null });
    expect(view.print).toHaveBeenCalledOnce();

    const frame = document.querySelector('iframe');
    expect(frame?.getAttribute('sandbox')).toBe('allow-same-origin allow-modals');
    expect(frame?.srcdoc).toContain('@page { size: 80mm auto; margin: 0; }');
    fire('afterprint');
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('opens the print dialog for a PDF and says the browser cannot save one itself', async () => {
    const { view } = fakeFrameWindow();
    const result = await hostWith(undefined).savePdf({
      html: '<p>Receipt</p>',
      pageSize: 'A4',
      fileName: 'CTR-1',
    });
    expect(view.print).toHaveBeenCalledOnce();
    expect(codeOf(result)).toBe('unsupported_in_web');
    expect(result.ok ? '' : result.error.message).toMatch(/Save as PDF/);
  });

  it('adds the page size inside <head>, or in front when there is none', () => {
    expect(withPageSize('<html><head lang="x"><title>t</title></head></html>', 'A4')).toBe(
      '<html><head lang="x"><style>@page { size: A4; }</style><title>t</title></head></html>',
    );
    expect(withPageSize('<p>r</p>', 'A4')).toBe('<style>@page { size: A4; }</style><p>r</p>');
    expect(withPageSize('<header>x</header>', 'A4')).toBe(
      '<style>@page { size: A4; }</style><header>x</header>',
    );
  });
});
