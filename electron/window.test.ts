import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebPreferences } from './security';
import { createMainWindow } from './window';

const mocks = vi.hoisted(() => {
  class FakeWindow {
    static created: FakeWindow[] = [];
    readonly listeners = new Map<string, () => void>();
    readonly maximize = vi.fn();
    readonly show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.created.push(this);
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
    once(event: string, listener: () => void) {
      return this.on(event, listener);
    }
    getNormalBounds() {
      return { x: 5, y: 6, width: 1111, height: 777 };
    }
    isMaximized() {
      return false;
    }
  }
  return { FakeWindow };
});

vi.mock('electron', () => ({
  BrowserWindow: mocks.FakeWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
}));

describe('createMainWindow', () => {
  beforeEach(() => {
    mocks.FakeWindow.created = [];
  });

  it('opens a hidden, locked-down window at the remembered bounds', () => {
    createMainWindow({
      preloadPath: '/app/dist-electron/preload.cjs',
      state: { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true },
      onClose: vi.fn(),
    });
    const [window] = mocks.FakeWindow.created;
    expect(window?.options).toMatchObject({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      show: false,
      webPreferences: createWebPreferences('/app/dist-electron/preload.cjs'),
    });
    expect(window?.maximize).toHaveBeenCalledOnce();
    window?.listeners.get('ready-to-show')?.();
    expect(window?.show).toHaveBeenCalledOnce();
  });

  it('hands back its bounds when it closes', () => {
    const onClose = vi.fn();
    createMainWindow({
      preloadPath: '/p.cjs',
      state: { bounds: { width: 1000, height: 700 }, maximized: false },
      onClose,
    });
    mocks.FakeWindow.created[0]?.listeners.get('close')?.();
    expect(onClose).toHaveBeenCalledWith({
      bounds: { x: 5, y: 6, width: 1111, height: 777 },
      maximized: false,
    });
  });
});
