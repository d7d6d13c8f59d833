// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { succeed, type CounterBridge } from '../../shared/ipc/contract';
import { getHost, selectHost } from './index';

const fakeBridge = (): CounterBridge => {
  const done = () => Promise.resolve(succeed(null));
  return {
    getInfo: () =>
      Promise.resolve(
        succeed({ version: '9.9.9', platform: 'linux', shell: 'electron', dataDir: '/d' }),
      ),
    listPrinters: () => Promise.resolve(succeed([])),
    printHtml: done,
    savePdf: () => Promise.resolve(succeed({ path: '/d/x.pdf' })),
    getToken: () => Promise.resolve(succeed(null)),
    setToken: done,
    clearToken: done,
    setHqOrigin: done,
    openDataFolder: done,
    openLog: done,
    onShellEvent: () => () => undefined,
  };
};

const shellOf = async (host: ReturnType<typeof selectHost>) => {
  const info = await host.getInfo();
  return info.ok ? info.value.shell : info.error.code;
};

describe('host selection', () => {
  afterEach(() => {
    Reflect.deleteProperty(window, 'counter');
  });

  it('picks the web host in a plain browser', async () => {
    expect(window.counter).toBeUndefined();
    expect(await shellOf(selectHost(window))).toBe('web');
  });

  it('picks the Electron host when the preload exposed window.counter', async () => {
    Object.defineProperty(window, 'counter', { value: fakeBridge(), configurable: true });
    const host = selectHost(window);
    expect(await shellOf(host)).toBe('electron');
    expect(await host.getInfo()).toEqual(
      succeed({ version: '9.9.9', platform: 'linux', shell: 'electron', dataDir: '/d' }),
    );
  });

  it('gives the same host to every caller', () => {
    expect(getHost()).toBe(getHost());
  });
});
