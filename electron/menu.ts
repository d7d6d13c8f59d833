import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly backup: () => void;
  readonly restore: () => void;
  readonly print: () => void;
  readonly about: () => void;
  readonly openDataFolder: () => void;
  readonly openLog: () => void;
}

/**
 * File: Backup, Restore, Print, Quit; Help: About, Open data folder, Open log. macOS adds its
 * app and Edit menus.
 */
export function buildMenuTemplate(
  actions: MenuActions,
  options: { readonly isMac: boolean; readonly appName: string },
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: '&Backup…', click: actions.backup },
      { label: '&Restore…', click: actions.restore },
      { type: 'separator' },
      { label: '&Print…', accelerator: 'CmdOrCtrl+P', click: actions.print },
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit', label: '&Quit' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: `&About ${options.appName}`, click: actions.about },
      { type: 'separator' },
      { label: 'Open &data folder', click: actions.openDataFolder },
      { label: 'Open &log', click: actions.openLog },
    ],
  };
  if (!options.isMac) return [file, help];
  // macOS routes copy/paste shortcuts through the Edit menu's roles; without it they do nothing.
  return [{ role: 'appMenu' }, file, { role: 'editMenu' }, help];
}
