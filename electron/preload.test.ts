import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, contract, SHELL_EVENT_CHANNEL } from '../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
  invoke: vi.fn<(...args: unknown[]) => Promise<unknown>>(() =>
    Promise.resolve({ ok: true, value: null }),
  ),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: {
    invoke: electron.invoke,
    on: electron.on,
    removeListener: electron.removeListener,
  },
}));

describe('preload', () => {
  let api: Record<string, unknown> = {};

  beforeAll(async () => {
    await import('./preload');
    const call = electron.exposeInMainWorld.mock.calls[0] as unknown[] | undefined;
    api = call?.[1] as Record<string, unknown>;
  });

  it('exposes one object, window.counter, once', () => {
    expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(electron.exposeInMainWorld.mock.calls[0]?.[0]).toBe('counter');
  });

  it('exposes exactly one function per contract channel and the shell-event subscription, nothing else', () => {
    expect(Object.keys(api).sort()).toEqual(
      [...CHANNELS.map((c) => contract[c].method), 'onShellEvent'].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each function to the channel the contract names for it', async () => {
    for (const channel of CHANNELS) {
      electron.invoke.mockClear();
      const fn = api[contract[channel].method] as (args?: unknown) => Promise<unknown>;
      const args = contract[channel].args.safeParse(undefined).success ? undefined : { any: 1 };
      await (args === undefined ? fn() : fn(args));
      expect(electron.invoke, channel).toHaveBeenCalledOnce();
      expect(electron.invoke.mock.calls[0], channel).toEqual(
        args === undefined ? [channel] : [channel, args],
      );
    }
  });

  it('passes on shell events from the contract only, and unsubscribes', () => {
    const listener = vi.fn();
    const subscribe = api.onShellEvent as (l: (e: string) => void) => () => void;
    const unsubscribe = subscribe(listener);
    expect(electron.on).toHaveBeenCalledWith(SHELL_EVENT_CHANNEL, expect.any(Function));
    const handler = electron.on.mock.calls[0]?.[1] as (e: unknown, name: unknown) => void;
    handler({}, 'open-backup');
    handler({}, 'rm -rf /');
    handler({}, { name: 'open-backup' });
    expect(listener.mock.calls).toEqual([['open-backup']]);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith(SHELL_EVENT_CHANNEL, handler);
  });
});
