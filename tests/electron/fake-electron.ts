/**
 * A stand-in for the `electron` module (the binary is not installed here): it records what the
 * shell asks Electron to do — windows and their webPreferences, IPC registrations, bridge
 * exposures, protocol handlers, session handlers — and lets tests play Electron's side.
 * Use with `vi.mock('electron', () => import('./fake-electron'))`.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;
type Handler = (...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  detached: boolean;
  isDestroyed(): boolean;
}

export function frame(
  url: string,
  options: { parent?: FakeFrame | null; detached?: boolean } = {},
): FakeFrame {
  return {
    url,
    parent: options.parent ?? null,
    detached: options.detached ?? false,
    isDestroyed: () => false,
  };
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: Handler | null = null;
  loadedUrl: string | null = null;
  mainFrame: FakeFrame = frame('about:blank');

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  /** Emits like Electron: returns whether a listener called preventDefault(). */
  navigate(event: 'will-navigate' | 'will-redirect', url: string, isMainFrame = true): boolean {
    let prevented = false;
    const ev = { url, preventDefault: () => (prevented = true) };
    this.emit(event, ev, url, false, isMainFrame);
    return prevented;
  }
}

export class FakeSession {
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      this.protocolHandlers.set(scheme, handler);
    },
  };
  constructor(readonly name: string) {}
  setPermissionRequestHandler(handler: Handler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Handler): void {
    this.devicePermissionHandler = handler;
  }
}

export interface WindowOptions {
  parent?: unknown;
  modal?: boolean;
  webPreferences?: Record<string, unknown>;
  [key: string]: unknown;
}

export class BrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  destroyed = false;
  shown = false;
  constructor(readonly options: WindowOptions = {}) {
    super();
    this.webContents = new FakeWebContents();
    fake.windows.push(this);
    fake.app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.loadedUrl = url;
    this.webContents.mainFrame = frame(url);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

class FakeApp extends EventEmitter {
  isPackaged = true;
  sandboxEnabled = false;
  quitCalls = 0;
  readyAt: number | null = null;
  private resolveReady: () => void = () => undefined;
  private readyPromise: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = true;
    this.sandboxEnabled = false;
    this.quitCalls = 0;
    this.readyAt = null;
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }
  requestSingleInstanceLock(): boolean {
    return fake.singleInstance;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  appUserModelId: string | null = null;
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test side: Electron finished starting. */
  becomeReady(): void {
    this.readyAt = fake.calls.length;
    fake.calls.push('ready');
    this.resolveReady();
  }
  quit(): void {
    this.quitCalls++;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('will-quit', event);
  }
  exit(): void {}
}

export const fake = {
  app: new FakeApp() as FakeApp,
  windows: [] as BrowserWindow[],
  sessions: new Map<string, FakeSession>(),
  defaultSession: new FakeSession('default'),
  ipcHandlers: new Map<string, Handler>(),
  ipcOnListeners: new Map<string, Listener[]>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  rendererListeners: new Map<string, Listener[]>(),
  privilegedSchemes: [] as unknown[],
  errorBoxes: [] as Array<{ title: string; content: string }>,
  openedExternally: [] as string[],
  openedPaths: [] as string[],
  /** What the native file dialogs were asked, and what the user picks next (null: cancel). */
  fileDialogs: [] as Array<{ kind: 'save' | 'open'; parent: unknown; options: Record<string, unknown> }>,
  nextDialogPath: null as string | null,
  /** Order of notable calls, to check what happened before 'ready'. */
  calls: [] as string[],
  singleInstance: true,
  reset(): void {
    fake.app.reset();
    fake.windows.length = 0;
    fake.sessions.clear();
    fake.defaultSession = new FakeSession('default');
    session.defaultSession = fake.defaultSession;
    fake.ipcHandlers.clear();
    fake.ipcOnListeners.clear();
    fake.exposed.clear();
    fake.invoked.length = 0;
    fake.rendererListeners.clear();
    fake.privilegedSchemes.length = 0;
    fake.errorBoxes.length = 0;
    fake.openedExternally.length = 0;
    fake.openedPaths.length = 0;
    fake.fileDialogs.length = 0;
    fake.nextDialogPath = null;
    fake.calls.length = 0;
    fake.singleInstance = true;
    Notification.shown.length = 0;
    Notification.supported = true;
  },
};

/** Electron's main-process Notification: records what was shown; tests click it. */
export class Notification extends EventEmitter {
  static supported = true;
  static shown: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body?: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

export const app = fake.app;

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    fake.calls.push('registerSchemesAsPrivileged');
    fake.privilegedSchemes.push(...schemes);
  },
  handle(): void {
    throw new Error('use session.protocol.handle in tests');
  },
};

export const session = {
  defaultSession: fake.defaultSession,
  fromPartition(name: string): FakeSession {
    let ses = fake.sessions.get(name);
    if (!ses) {
      ses = new FakeSession(name);
      fake.sessions.set(name, ses);
      fake.app.emit('session-created', ses);
    }
    return ses;
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    // Electron throws on a second handler for a channel.
    if (fake.ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipcHandlers.set(channel, handler);
  },
  on(channel: string, listener: Listener): void {
    fake.ipcOnListeners.set(channel, [...(fake.ipcOnListeners.get(channel) ?? []), listener]);
  },
};

function recordDialog(kind: 'save' | 'open', args: unknown[]): string | null {
  const [first, second] = args;
  const parent = second === undefined ? null : first;
  const options = (second === undefined ? first : second) as Record<string, unknown>;
  fake.fileDialogs.push({ kind, parent, options });
  return fake.nextDialogPath;
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    fake.errorBoxes.push({ title, content });
  },
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const picked = recordDialog('save', args);
    return { canceled: picked === null, filePath: picked ?? '' };
  },
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    const picked = recordDialog('open', args);
    return { canceled: picked === null, filePaths: picked === null ? [] : [picked] };
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    fake.openedExternally.push(url);
  },
  /** Electron answers '' on success, else a sentence. */
  async openPath(dir: string): Promise<string> {
    fake.openedPaths.push(dir);
    return dir.includes('missing') ? 'Failed to open path' : '';
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    fake.exposed.set(key, api);
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    fake.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, result: { echoed: channel } });
  },
  on(channel: string, listener: Listener): void {
    fake.rendererListeners.set(channel, [...(fake.rendererListeners.get(channel) ?? []), listener]);
  },
  removeListener(channel: string, listener: Listener): void {
    fake.rendererListeners.set(
      channel,
      (fake.rendererListeners.get(channel) ?? []).filter((l) => l !== listener),
    );
  },
  send(channel: string): void {
    throw new Error(`the preload must not use ipcRenderer.send (${channel})`);
  },
};

export default {
  app,
  Notification,
  BrowserWindow,
  protocol,
  session,
  ipcMain,
  dialog,
  shell,
  contextBridge,
  ipcRenderer,
};
