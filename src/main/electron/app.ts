/**
 * The Electron shell: everything Electron-specific around the core (windows, the app://
 * protocol, IPC, hardening, Link's window). The core itself comes in through `deps`, so this
 * wiring is tested with a mocked `electron` module and a fake core.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Notification,
  app,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type WebContents,
} from 'electron';
import { PlaidEnvironment } from '../../shared/api';
import { EVENT_CHANNEL, type EventPayload } from '../../shared/events';
import type { Core, CoreOptions } from '../services/core-types';
import { LinkOriginRegistry, appDocumentPolicy, createAppFileHandler } from './app-protocol';
import { createDialogPicker } from './file-dialogs';
import { hardenSession, hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { APP_USER_MODEL_ID, createNotificationDelivery } from './notifications';
import { LINK_PARTITION, createLinkPresenter } from './link-window';
import { APP_ORIGIN, APP_SCHEME, originOf, senderRejection } from './security';
import { securePrefs } from './window-prefs';

export interface ElectronAppDeps {
  openCore(options: CoreOptions): Core | Promise<Core>;
  defaultDataDir(): string;
  env?: NodeJS.ProcessEnv;
  /** Directory of the built main bundle (out/main); the renderer and preloads sit beside it. */
  mainDir?: string;
}

export interface ElectronAppHandle {
  /** Resolves once the core is open and the main window exists (or the start failed and the app quits). */
  ready: Promise<void>;
}

function builtPaths(mainDir: string) {
  return {
    renderer: join(mainDir, '..', 'renderer'),
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    linkPreload: join(mainDir, '..', 'preload', 'link.cjs'),
  };
}

/** Must run before the app is ready: schemes can only be made privileged then. */
function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function startElectronApp(deps: ElectronAppDeps): ElectronAppHandle {
  const env = deps.env ?? process.env;
  const paths = builtPaths(deps.mainDir ?? dirname(fileURLToPath(import.meta.url)));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve() };
  }

  registerScheme();
  app.enableSandbox();
  app.setAppUserModelId(APP_USER_MODEL_ID);

  // The Vite dev server (electron-vite dev) serves the renderer in development only.
  const devUrl = !app.isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : null;
  const devOrigin = devUrl ? originOf(devUrl) : null;
  const appOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  const rendererBase = devUrl ? new URL('/', devUrl).toString() : `${APP_ORIGIN}/`;
  const devTools = !app.isPackaged;

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, appOrigins, (url) => shell.openExternal(url)),
  );
  app.on('session-created', (ses) => hardenSession(ses));

  let mainWindow: BrowserWindow | null = null;
  let core: Core | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const createMainWindow = (): BrowserWindow => {
    const win = new BrowserWindow({
      width: 1180,
      height: 800,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Coffer',
      autoHideMenuBar: true,
      webPreferences: securePrefs({ preload: paths.preload, devTools }),
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
    return win;
  };

  const isMainWindow = (sender: WebContents) => mainWindow !== null && sender === mainWindow.webContents;

  const start = async () => {
    const environment = PlaidEnvironment.safeParse(env.PLAID_ENV ?? 'demo');
    if (!environment.success) {
      throw new Error(`PLAID_ENV must be demo, sandbox or production (got "${env.PLAID_ENV}").`);
    }
    hardenSession(session.defaultSession);
    session.defaultSession.protocol.handle(
      APP_SCHEME,
      createAppFileHandler(paths.renderer, appDocumentPolicy),
    );

    const registry = new LinkOriginRegistry();
    const linkSession = session.fromPartition(LINK_PARTITION);
    hardenSession(linkSession);
    linkSession.protocol.handle(APP_SCHEME, createAppFileHandler(paths.renderer, registry.documentPolicy));

    core = await deps.openCore({
      dataDir: deps.defaultDataDir(),
      environment: environment.data,
      host: 'electron',
      openFolder: async (dir) => {
        const failure = await shell.openPath(dir);
        if (failure) throw new Error(failure);
      },
    });
    const opened = core;

    registerIpc(ipcMain, opened.handlers, (event) => {
      const reason = senderRejection(event.senderFrame, appOrigins);
      if (reason !== null) return reason;
      return isMainWindow(event.sender) ? null : 'the sender is not the main Coffer window';
    });

    opened.setLinkPresenter(
      createLinkPresenter({
        ipcMain,
        parentWindow: () => mainWindow,
        preloadPath: paths.linkPreload,
        rendererBase,
        appOrigins,
        registry,
        devTools,
      }),
    );

    opened.setFilePicker(createDialogPicker(dialog, () => mainWindow));

    const toWindow = (message: { name: string; payload: unknown }) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, message);
    };
    const notify = createNotificationDelivery({
      Notification,
      focusWindow: () => {
        if (!mainWindow || mainWindow.isDestroyed()) return false;
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
        return true;
      },
      activated: (n) => toWindow({ name: 'notification.activated', payload: { id: n.id, target: n.target } }),
    });
    opened.onEvent((name, payload) => {
      // In Electron, Link is presented by its own window: the host-only overlay events stay here.
      if (name === 'link.present' || name === 'link.closed') return;
      if (name === 'notification.raised') notify(payload as EventPayload<'notification.raised'>);
      toWindow({ name, payload });
    });

    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (!mainWindow) mainWindow = createMainWindow();
    });
  };

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    // Closing the core finishes the ledger's writes and stops the embedded simulator.
    event.preventDefault();
    closing = true;
    const closingCore = core;
    core = null;
    void closingCore
      .close()
      .catch(() => undefined)
      .finally(() => app.quit());
  });

  const ready = app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Coffer could not start', message);
      app.quit();
    });
  return { ready };
}
