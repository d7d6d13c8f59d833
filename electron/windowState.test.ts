import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_HEIGHT,
  MIN_WIDTH,
  parseWindowState,
  saveWindowState,
  type WindowState,
} from './windowState';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const leftMonitor = { x: -2560, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads a saved state', () => {
    const saved: WindowState = {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    };
    expect(parseWindowState(JSON.stringify(saved))).toEqual(saved);
  });

  it('falls back to the defaults for a missing, corrupt or foreign file', () => {
    for (const text of [
      undefined,
      '',
      '{',
      'null',
      '[]',
      '{"bounds":{"width":"wide","height":700},"maximized":false}',
      '{"bounds":{"width":-5,"height":700},"maximized":false}',
      '{"bounds":{"width":1e308,"height":700},"maximized":false}',
      '{"bounds":{"width":800,"height":600}}',
      '\u0000\u0000\u0000',
    ]) {
      expect(parseWindowState(text), String(text)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is on a connected display', () => {
    const state: WindowState = {
      bounds: { x: -2000, y: 100, width: 1200, height: 800 },
      maximized: false,
    };
    expect(fitToDisplays(state, [laptop, leftMonitor])).toEqual(state);
  });

  it('centres a window whose display was unplugged', () => {
    const state: WindowState = {
      bounds: { x: -2000, y: 100, width: 1200, height: 800 },
      maximized: true,
    };
    expect(fitToDisplays(state, [laptop])).toEqual({
      bounds: { width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('centres a window whose title bar is off the top', () => {
    const state: WindowState = {
      bounds: { x: 100, y: -500, width: 1200, height: 800 },
      maximized: false,
    };
    expect(fitToDisplays(state, [laptop]).bounds).toEqual({ width: 1200, height: 800 });
  });

  it('clamps the size between the minimum and the largest display', () => {
    expect(
      fitToDisplays({ bounds: { width: 9000, height: 9000 }, maximized: false }, [laptop]).bounds,
    ).toEqual({ width: 1920, height: 1040 });
    expect(
      fitToDisplays({ bounds: { width: 10, height: 10 }, maximized: false }, [laptop]).bounds,
    ).toEqual({ width: MIN_WIDTH, height: MIN_HEIGHT });
  });
});

describe('load and save', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counter-window-'));
    file = path.join(dir, 'window-state.json');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through the file and leaves no temporary behind', () => {
    const state: WindowState = {
      bounds: { x: 40, y: 30, width: 1100, height: 720 },
      maximized: false,
    };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('gives the defaults when the file is missing or corrupt', () => {
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{"bounds": {"x": 1, "y": 2, "wid');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    fs.rmSync(file);
    fs.mkdirSync(file); // a folder where the file should be
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
