import { BrowserWindow, screen } from 'electron';
import { createWebPreferences } from './security';
import { fitToDisplays, MIN_HEIGHT, MIN_WIDTH, type WindowState } from './windowState';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly state: WindowState;
  /** Called as the window closes, with the bounds to restore next time. */
  readonly onClose: (state: WindowState) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const fitted = fitToDisplays(
    options.state,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...fitted.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Counter',
    backgroundColor: '#ffffff',
    // Shown once painted, so the counter never sees a white flash of an empty window.
    show: false,
    webPreferences: createWebPreferences(options.preloadPath),
  });
  if (fitted.maximized) window.maximize();
  window.once('ready-to-show', () => {
    window.show();
  });
  window.on('close', () => {
    options.onClose({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  return window;
}
