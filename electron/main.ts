// The Electron main process: wiring only. Every decision it applies lives in a small module beside
// it with its own tests (security, appProtocol, ipc, handlers, tokenStore, windowState, log,
// crash, menu, printing).
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type BrowserWindow,
} from 'electron';
import { SHELL_EVENT_CHANNEL, type ShellEvent } from '../shared/ipc/contract';
import { createAppProtocolHandler } from './appProtocol';
import { createCrashResponder } from './crash';
import { createHandlers } from './handlers';
import { registerIpcHandlers } from './ipc';
import { createFileLogger, describeError, type Logger } from './log';
import { buildMenuTemplate } from './menu';
import { createPrinting } from './printing';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  APP_ENTRY_URL,
  APP_SCHEME,
  buildCsp,
  hardenWebContents,
} from './security';
import { createHqOriginStore } from './hqOrigin';
import { createTokenStore } from './tokenStore';
import { createMainWindow } from './window';
import { loadWindowState, saveWindowState } from './windowState';

// Before `ready`: app:// becomes a standard, secure origin that behaves like https: IndexedDB,
// fetch, and CORS-mode loads (Vite emits `<script type="module" crossorigin>`). Our responses
// carry no Access-Control-Allow-Origin, so no other origin can read them.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      codeCache: true,
    },
  },
]);
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  void start();
} else {
  // Another Counter is running on this profile; it is told (second-instance) and comes forward.
  app.quit();
}

async function start(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('com.counter.app');

  const dataDir = app.getPath('userData');
  const logFile = path.join(app.getPath('logs'), 'counter.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createFileLogger({ file: logFile, now: () => new Date() });
  log.info('start', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform: process.platform,
  });
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', describeError(error));
  });
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection', describeError(reason));
  });

  // Set by the installer or the environment until enrollment stores it (a later channel).
  const hqOrigin = createHqOriginStore({
    file: path.join(dataDir, 'hq-origin.txt'),
    fromEnvironment: process.env.COUNTER_HQ_URL,
  });
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      root: path.join(app.getAppPath(), 'dist', 'renderer'),
      readFile: (file) => fs.promises.readFile(file),
      csp: () => buildCsp(hqOrigin.get()),
      onError: (url, error) => {
        log.error('app protocol: read failed', { url, error: describeError(error) });
      },
    }),
  );

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(allowPermissionRequest(permission, details.requestingUrl, mediaTypes));
  });
  ses.setPermissionCheckHandler((_contents, permission, origin, details) =>
    allowPermissionCheck(permission, origin, details.mediaType),
  );
  ses.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (what, url) => {
      log.warn(`blocked ${what}`, { url });
    });
  });

  let mainWindow: BrowserWindow | undefined;
  const handlers = createHandlers({
    info: { version: app.getVersion(), platform: process.platform, shell: 'electron', dataDir },
    printing: createPrinting(() => mainWindow?.webContents),
    tokens: createTokenStore({
      file: path.join(dataDir, 'hq-token.bin'),
      safeStorage,
      platform: process.platform,
      log,
    }),
    hqOrigin,
    pdfDir: path.join(app.getPath('documents'), 'Counter'),
    logFile,
    openPath: (target) => shell.openPath(target),
  });
  registerIpcHandlers(ipcMain, handlers, { log });

  const notify = (message: string, detail: string): void => {
    const options = { type: 'warning' as const, title: 'Counter', message, detail };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  };
  const onRendererGone = createCrashResponder({
    now: () => Date.now(),
    reload: () => mainWindow?.webContents.reload(),
    notify,
    log,
  });

  const stateFile = path.join(dataDir, 'window-state.json');
  const openWindow = (): void => {
    const window = createMainWindow({
      preloadPath: path.join(app.getAppPath(), 'dist-electron', 'preload.cjs'),
      state: loadWindowState(stateFile),
      onClose: (state) => {
        try {
          saveWindowState(stateFile, state);
        } catch (error) {
          log.warn('window state not saved', describeError(error));
        }
      },
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      onRendererGone(details);
    });
    window.on('closed', () => {
      mainWindow = undefined;
    });
    mainWindow = window;
    window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
      log.error('could not load the app page', describeError(error));
    });
  };

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        {
          backup: () => {
            mainWindow?.webContents.send(SHELL_EVENT_CHANNEL, 'open-backup' satisfies ShellEvent);
          },
          restore: () => {
            mainWindow?.webContents.send(SHELL_EVENT_CHANNEL, 'open-restore' satisfies ShellEvent);
          },
          print: () => mainWindow?.webContents.print(),
          about: () => {
            showAbout(dataDir);
          },
          openDataFolder: () => {
            openInOs(dataDir, log);
          },
          openLog: () => {
            openInOs(logFile, log);
          },
        },
        { isMac: process.platform === 'darwin', appName: app.getName() },
      ),
    ),
  );

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });

  openWindow();
}

function showAbout(dataDir: string): void {
  void dialog.showMessageBox({
    type: 'info',
    title: 'About Counter',
    message: `Counter ${app.getVersion()}`,
    detail:
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · ` +
      `Node ${process.versions.node}\nData folder: ${dataDir}`,
  });
}

function openInOs(target: string, log: Logger): void {
  void shell.openPath(target).then((problem) => {
    if (problem !== '') log.warn('could not open in the OS', { target, problem });
  });
}
