import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './menu';

const actions = () => ({
  backup: vi.fn(),
  restore: vi.fn(),
  print: vi.fn(),
  about: vi.fn(),
  openDataFolder: vi.fn(),
  openLog: vi.fn(),
});

const items = (menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(menu?.submenu) ? menu.submenu : [];

const click = (item: MenuItemConstructorOptions | undefined): void => {
  (item?.click as (() => void) | undefined)?.();
};

describe('application menu', () => {
  it('has File (Backup, Restore, Print, Quit) and Help (About, Open data folder, Open log)', () => {
    const template = buildMenuTemplate(actions(), { isMac: false, appName: 'Counter' });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Help']);
    const [file, help] = template;
    expect(items(file).map((i) => i.label ?? i.role ?? i.type)).toEqual([
      '&Backup…',
      '&Restore…',
      'separator',
      '&Print…',
      'separator',
      '&Quit',
    ]);
    expect(items(file)[5]?.role).toBe('quit');
    expect(items(help).map((i) => i.label ?? i.type)).toEqual([
      '&About Counter',
      'separator',
      'Open &data folder',
      'Open &log',
    ]);
  });

  it('runs the actions', () => {
    const run = actions();
    const [file, help] = buildMenuTemplate(run, { isMac: false, appName: 'Counter' });
    click(items(file)[0]);
    click(items(file)[1]);
    click(items(file)[3]);
    click(items(help)[0]);
    click(items(help)[2]);
    click(items(help)[3]);
    expect(run.backup).toHaveBeenCalledOnce();
    expect(run.restore).toHaveBeenCalledOnce();
    expect(run.print).toHaveBeenCalledOnce();
    expect(run.about).toHaveBeenCalledOnce();
    expect(run.openDataFolder).toHaveBeenCalledOnce();
    expect(run.openLog).toHaveBeenCalledOnce();
  });

  it('adds the app and Edit menus on macOS, so copy and paste work', () => {
    const template = buildMenuTemplate(actions(), { isMac: true, appName: 'Counter' });
    expect(template.map((m) => m.role ?? m.label)).toEqual([
      'appMenu',
      '&File',
      'editMenu',
      'help',
    ]);
  });
});
