import { describe, expect, it, vi } from 'vitest';
import { succeed, type CounterBridge } from '../../shared/ipc/contract';
import { createElectronHost } from './electronHost';

const info = { version: '0.1.0', platform: 'win32', shell: 'electron', dataDir: 'C:\\Counter' };

const bridge = (overrides: Partial<CounterBridge> = {}): CounterBridge => ({
  getInfo: () => Promise.resolve(succeed({ ...info, shell: 'electron' as const })),
  listPrinters: () => Promise.resolve(succeed([{ name: 'TM-T20', isDefault: true }])),
  printHtml: () => Promise.resolve(succeed(null)),
  savePdf: () => Promise.resolve(succeed({ path: 'C:\\Users\\t\\Documents\\Counter\\a.pdf' })),
  getToken: () => Promise.resolve(succeed('tok')),
  setToken: () => Promise.resolve(succeed(null)),
  clearToken: () => Promise.resolve(succeed(null)),
  setHqOrigin: () => Promise.resolve(succeed(null)),
  openDataFolder: () => Promise.resolve(succeed(null)),
  openLog: () => Promise.resolve(succeed(null)),
  onShellEvent: () => () => undefined,
  ...overrides,
});

describe('electron host', () => {
  it('passes calls and answers through the bridge', async () => {
    const printHtml = vi.fn(() => Promise.resolve(succeed(null)));
    const host = createElectronHost(bridge({ printHtml }));
    expect(await host.getInfo()).toEqual(succeed(info));
    expect(await host.listPrinters()).toEqual(succeed([{ name: 'TM-T20', isDefault: true }]));
    const job = { html: '<p/>', pageSize: 'A4', silent: false } as const;
    expect(await host.printHtml(job)).toEqual(succeed(null));
    expect(printHtml).toHaveBeenCalledWith(job);
    expect(await host.getToken()).toEqual(succeed('tok'));
  });

  it('passes coded errors from the shell through unchanged', async () => {
    const error = { code: 'cancelled', message: 'Printing was cancelled.' } as const;
    const host = createElectronHost(
      bridge({ printHtml: () => Promise.resolve({ ok: false, error }) }),
    );
    expect(await host.printHtml({ html: '<p/>', pageSize: '80mm', silent: true })).toEqual({
      ok: false,
      error,
    });
  });

  it('turns an answer that breaks the contract into an internal error', async () => {
    const host = createElectronHost(
      bridge({ getToken: () => Promise.resolve({ ok: true, value: 42 } as never) }),
    );
    const result = await host.getToken();
    expect(result.ok ? 'ok' : result.error.code).toBe('internal');
  });

  it('turns a rejected call into an internal error', async () => {
    const host = createElectronHost(
      bridge({
        openLog: () => Promise.reject(new Error("No handler registered for 'shell:openLog'")),
      }),
    );
    const result = await host.openLog();
    expect(result.ok ? 'ok' : result.error.code).toBe('internal');
  });

  it('passes shell events through the bridge', () => {
    const unsubscribe = vi.fn();
    const onShellEvent = vi.fn(() => unsubscribe);
    const host = createElectronHost(bridge({ onShellEvent }));
    const listener = vi.fn();
    expect(host.onShellEvent(listener)).toBe(unsubscribe);
    expect(onShellEvent).toHaveBeenCalledWith(listener);
  });
});
