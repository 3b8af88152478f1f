/**
 * The Electron shell's wiring, with a mocked `electron` module and a fake core: what windows it
 * creates and with which webPreferences, which handlers it registers, and how Link's window
 * reports back.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, type Envelope } from '../../src/shared/api';
import { LINK_RESULT_CHANNEL } from '../../src/shared/bridge';
import { linkCsp } from '../../src/shared/csp';
import { EVENT_CHANNEL, type EventListener } from '../../src/shared/events';
import type { LinkPageResult } from '../../src/shared/link';
import type {
  ApiHandlers,
  Core,
  CoreOptions,
  LinkPresenter,
  LinkSession,
} from '../../src/main/services/core-types';
import { startElectronApp } from '../../src/main/electron/app';
import { appCsp } from '../../src/main/electron/security';
import type * as FakeElectron from './fake-electron';
import {
  frame,
  type BrowserWindow as FakeWindow,
  type FakeFrame,
  type FakeWebContents,
} from './fake-electron';
import { stubHandlers } from '../support/stub-handlers';

vi.mock('electron', () => import('./fake-electron'));

const { fake } = (await import('electron')) as unknown as typeof FakeElectron;

const outDir = mkdtempSync(join(tmpdir(), 'coffer-out-'));
mkdirSync(join(outDir, 'main'));
mkdirSync(join(outDir, 'renderer', 'link'), { recursive: true });
writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Coffer</title>');
writeFileSync(join(outDir, 'renderer', 'link', 'index.html'), '<!doctype html><title>Link</title>');
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const SECURE = { sandbox: true, contextIsolation: true, nodeIntegration: false };

function fakeCore() {
  const listeners: EventListener[] = [];
  let presenter: LinkPresenter | null = null;
  const handlers: ApiHandlers = {
    ...stubHandlers(),
    'app.info': async () => ({
      version: '0.0.0-test',
      environment: 'demo',
      dataDir: '/tmp/x',
      keychain: { available: true, message: null },
      notices: [],
    }),
    'items.list': async () => ({ items: [] }),
    'accounts.list': async () => ({ accounts: [] }),
    'transactions.list': async () => ({ transactions: [], next: null, total: 0 }),
    'sync.run': async () => ({ results: [] }),
    'link.open': async () => ({ status: 'exited', error: null }),
  };
  const core: Core = {
    handlers,
    info: () => {
      throw new Error('not used');
    },
    onEvent(listener) {
      listeners.push(listener);
      return () => undefined;
    },
    setLinkPresenter(p) {
      presenter = p;
    },
    setFilePicker: () => undefined,
    backups: {
      createAt: () => {
        throw new Error('not used');
      },
      restoreFrom: async () => {
        throw new Error('not used');
      },
      snapshot: () => {
        throw new Error('not used');
      },
      uploadPath: () => {
        throw new Error('not used');
      },
    },
    exports: {
      prepare: () => {
        throw new Error('not used');
      },
      writeAt: async () => {
        throw new Error('not used');
      },
    },
    linkSandboxItem: async () => ({ status: 'exited', error: null }),
    close: vi.fn(async () => undefined),
  };
  return {
    core,
    emit: (...args: Parameters<EventListener>) => listeners.forEach((l) => l(...args)),
    presenter: () => {
      if (!presenter) throw new Error('no Link presenter set');
      return presenter;
    },
  };
}

type Invoke = (event: unknown, payload: unknown) => Promise<Envelope<unknown>>;

function invoke(channel: string, sender: FakeWebContents, senderFrame: FakeFrame | null, payload: unknown) {
  const handler = fake.ipcHandlers.get(channel) as Invoke | undefined;
  if (!handler) throw new Error(`no IPC handler for ${channel}`);
  return handler({ sender, senderFrame }, payload);
}

async function start(env: NodeJS.ProcessEnv = { PLAID_ENV: 'sandbox' }) {
  fake.reset();
  const coreFake = fakeCore();
  const openCore = vi.fn(async (_options: CoreOptions) => coreFake.core);
  const handle = startElectronApp({
    openCore,
    defaultDataDir: () => '/tmp/coffer-data',
    env,
    mainDir: join(outDir, 'main'),
  });
  return { handle, openCore, ...coreFake };
}

async function startReady(env?: NodeJS.ProcessEnv) {
  const started = await start(env);
  fake.app.becomeReady();
  await started.handle.ready;
  const main = fake.windows[0];
  return { ...started, main };
}

const linkSession: LinkSession = {
  sessionId: 'session_ABCDEFGHIJKLMNOP',
  linkToken: 'link-sandbox-123',
  scriptUrl: 'http://127.0.0.1:45678/link/v2/stable/link-initialize.js',
  linkOrigins: ['http://127.0.0.1:45678'],
};

const success: LinkPageResult = {
  kind: 'success',
  publicToken: 'public-sandbox-abc',
  metadata: {
    institution: { name: 'First Platypus Bank', institution_id: 'ins_109508' },
    accounts: [{ id: 'acc_1', name: 'Checking', mask: '0000', type: 'depository', subtype: 'checking' }],
    link_session_id: 'ls_1',
  },
};

async function openLink(presenter: LinkPresenter, signal = new AbortController().signal) {
  const before = fake.windows.length;
  const result = presenter(linkSession, signal);
  expect(fake.windows.length).toBe(before + 1);
  const win = fake.windows[fake.windows.length - 1];
  await Promise.resolve();
  return { result, win, pageFrame: () => frame(win.webContents.loadedUrl ?? '') };
}

describe('before ready', () => {
  beforeEach(() => start());

  it('makes app:// privileged (standard, secure) before ready, and enables the sandbox app-wide', () => {
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.calls).toEqual(['registerSchemesAsPrivileged']);
    expect(fake.app.sandboxEnabled).toBe(true);
  });

  it('hardens every webContents and session Electron will create', () => {
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.app.listenerCount('session-created')).toBe(1);
  });
});

describe('single instance', () => {
  it('quits without a window when another instance holds the lock', async () => {
    fake.reset();
    fake.singleInstance = false;
    const openCore = vi.fn();
    startElectronApp({ openCore, defaultDataDir: () => '/tmp/x', env: {}, mainDir: join(outDir, 'main') });
    fake.app.becomeReady();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.app.quitCalls).toBe(1);
    expect(openCore).not.toHaveBeenCalled();
    expect(fake.windows).toEqual([]);
  });
});

describe('after ready', () => {
  it('opens the core for the default data dir and PLAID_ENV, as the electron host', async () => {
    const { openCore } = await startReady({ PLAID_ENV: 'sandbox' });
    expect(openCore).toHaveBeenCalledWith({
      dataDir: '/tmp/coffer-data',
      environment: 'sandbox',
      host: 'electron',
      openFolder: expect.any(Function),
    });
  });

  it('opens the data folder in the system file manager, and says when it could not', async () => {
    const { openCore } = await startReady({});
    const { openFolder } = openCore.mock.calls[0][0];
    await openFolder!('/tmp/coffer-data');
    expect(fake.openedPaths).toEqual(['/tmp/coffer-data']);
    await expect(openFolder!('/tmp/missing')).rejects.toThrow('Failed to open path');
  });

  it('defaults to demo and refuses an unknown PLAID_ENV with a message', async () => {
    const demo = await startReady({});
    expect(demo.openCore.mock.calls[0][0].environment).toBe('demo');

    const bad = await startReady({ PLAID_ENV: 'prod' });
    expect(bad.openCore).not.toHaveBeenCalled();
    expect(fake.errorBoxes).toEqual([
      {
        title: 'Coffer could not start',
        content: expect.stringMatching(/PLAID_ENV must be demo, sandbox or production/),
      },
    ]);
    expect(fake.app.quitCalls).toBe(1);
  });

  it('creates a sandboxed, isolated, Node-free main window on app://coffer with the preload', async () => {
    const { main } = await startReady();
    expect(fake.windows).toHaveLength(1);
    expect(main.options.webPreferences).toMatchObject({ ...SECURE, webSecurity: true, webviewTag: false });
    expect(main.options.webPreferences?.preload).toBe(join(outDir, 'preload', 'index.cjs'));
    expect(main.webContents.loadedUrl).toBe('app://coffer/index.html');
  });

  it('loads the dev server only when not packaged', async () => {
    fake.reset();
    fake.app.isPackaged = false;
    const coreFake = fakeCore();
    const handle = startElectronApp({
      openCore: async () => coreFake.core,
      defaultDataDir: () => '/tmp/x',
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
      mainDir: join(outDir, 'main'),
    });
    fake.app.becomeReady();
    await handle.ready;
    expect(fake.windows[0].webContents.loadedUrl).toBe('http://localhost:5173');
    const reply = await invoke(
      'items.list',
      fake.windows[0].webContents,
      frame('http://localhost:5173/'),
      {},
    );
    expect(reply.ok).toBe(true);
  });

  it('serves the renderer over app:// with the app CSP, and never the Link page in the app session', async () => {
    await startReady();
    const handler = fake.defaultSession.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// is not handled in the default session');
    const page = await handler(new Request('app://coffer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(appCsp());
    expect((await handler(new Request('app://coffer/link/index.html?session=x'))).status).toBe(404);
    expect((await handler(new Request('app://coffer/..%2fmain%2fsecret'))).status).toBe(404);
  });

  it('denies new windows, foreign navigation and webviews in the main window', async () => {
    const { main } = await startReady();
    const contents = main.webContents;
    const open = contents.windowOpenHandler;
    if (!open) throw new Error('no window open handler');
    expect(open({ url: 'https://evil.test/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://coffer/index.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://plain.test/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://plaid.com/docs/' })).toEqual({ action: 'deny' });
    // Only the https link to a destination the app links to left the app, to the system browser.
    expect(fake.openedExternally).toEqual(['https://plaid.com/docs/']);
    expect(contents.navigate('will-navigate', 'https://evil.test/')).toBe(true);
    expect(contents.navigate('will-navigate', 'https://coffer.evil.test/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.test/')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://coffer/index.html')).toBe(false);
    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
    expect(webviewPrevented).toBe(true);
  });

  it('denies every permission, in the app session, the Link session and any later session', async () => {
    await startReady();
    const later = fake.sessions.get('later') ?? (await import('electron')).session.fromPartition('later');
    for (const ses of [fake.defaultSession, fake.sessions.get('link'), later]) {
      if (!ses) throw new Error('missing session');
      const s = ses as FakeElectron.FakeSession;
      const answers: unknown[] = [];
      s.permissionRequestHandler?.({}, 'notifications', (granted: unknown) => answers.push(granted), {});
      s.permissionRequestHandler?.({}, 'media', (granted: unknown) => answers.push(granted), {});
      expect(answers).toEqual([false, false]);
      expect(s.permissionCheckHandler?.({}, 'geolocation', 'app://coffer', {})).toBe(false);
    }
  });
});

describe('IPC', () => {
  it('registers every contract call and the Link result channel, nothing else', async () => {
    await startReady();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...callNames, LINK_RESULT_CHANNEL].sort());
  });

  it('answers the main window’s main frame', async () => {
    const { main } = await startReady();
    const reply = await invoke('accounts.list', main.webContents, frame('app://coffer/index.html'), {});
    expect(reply).toEqual({ ok: true, result: { accounts: [] } });
  });

  it.each([
    ['a foreign origin', () => frame('https://evil.test/'), /origin https:\/\/evil\.test/],
    [
      'a subframe',
      () => frame('app://coffer/index.html', { parent: frame('app://coffer/index.html') }),
      /subframe/,
    ],
    ['a frame that is gone', () => null, /gone/],
  ])('refuses %s with FORBIDDEN_SENDER', async (_label, makeFrame, reason) => {
    const { main } = await startReady();
    const reply = await invoke('accounts.list', main.webContents, makeFrame(), {});
    expect(reply).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: expect.stringMatching(reason), plaid: null },
    });
  });

  it('refuses app-origin pages in other windows (the Link page cannot call the API)', async () => {
    const core = await startReady();
    const { win, pageFrame } = await openLink(core.presenter());
    const reply = await invoke('accounts.list', win.webContents, pageFrame(), {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/not the main Coffer window/);
  });

  it('refuses an invalid payload with a clear message', async () => {
    const { main } = await startReady();
    const reply = await invoke('sync.run', main.webContents, frame('app://coffer/index.html'), {
      itemId: 42,
    });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('INVALID_REQUEST');
      expect(reply.error.message).toBe('The item id is missing or of the wrong kind.');
    }
  });

  it('forwards core events to the main window as plain {name, payload}, except host-only Link events', async () => {
    const { main, emit } = await startReady();
    emit('ledger.changed', { reason: 'sync' });
    emit('link.present', { sessionId: 's', url: 'http://127.0.0.1/link' });
    expect(main.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ name: 'ledger.changed', payload: { reason: 'sync' } }] },
    ]);
  });
});

describe('notifications', () => {
  const raised = {
    id: 'payment-due:card:2026-03-20:3',
    kind: 'payment-due' as const,
    title: 'Platypus Card: payment due in 3 days',
    body: '$25.00 is due on 2026-03-20 (First Platypus Bank).',
    target: 'upcoming-payments' as const,
    itemId: null,
    accountId: 'card',
    createdAt: '2026-03-17T12:00:00.000Z',
    seenAt: null,
  };

  it('sets the app id Windows needs, shows each raised notification natively, and a click opens it in the window', async () => {
    const { main, emit } = await startReady();
    expect(fake.app.appUserModelId).toBe('app.coffer.desktop');
    emit('notification.raised', raised);
    const { Notification } = (await import('electron')) as unknown as typeof FakeElectron;
    expect(Notification.shown.map((n) => n.options)).toEqual([{ title: raised.title, body: raised.body }]);
    // The window still gets it, for its list of what is new.
    expect(main.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ name: 'notification.raised', payload: raised }] },
    ]);
    Notification.shown[0]!.emit('click');
    expect(main.webContents.sent.at(-1)).toEqual({
      channel: EVENT_CHANNEL,
      args: [{ name: 'notification.activated', payload: { id: raised.id, target: 'upcoming-payments' } }],
    });
  });

  it('shows nothing natively where the system has no notifications', async () => {
    const { emit } = await startReady();
    const { Notification } = (await import('electron')) as unknown as typeof FakeElectron;
    Notification.supported = false;
    emit('notification.raised', raised);
    expect(Notification.shown).toEqual([]);
  });
});

describe('Link window', () => {
  let core: Awaited<ReturnType<typeof startReady>>;
  beforeEach(async () => {
    core = await startReady();
  });

  it('is a sandboxed child window in the link partition, with the Link preload, on the local Link page', async () => {
    const { win } = await openLink(core.presenter());
    expect(win.options.parent).toBe(core.main);
    expect(win.options.webPreferences).toMatchObject({ ...SECURE, partition: 'link' });
    expect(win.options.webPreferences?.preload).toBe(join(outDir, 'preload', 'link.cjs'));
    const url = new URL(win.webContents.loadedUrl ?? '');
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('app://coffer/link/index.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      session: linkSession.sessionId,
      token: linkSession.linkToken,
      script: linkSession.scriptUrl,
    });
  });

  it('serves the Link page in its session with a CSP allowing exactly this session’s Link origins', async () => {
    const { win } = await openLink(core.presenter());
    const handler = fake.sessions.get('link')?.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// is not handled in the link session');
    const page = await handler(new Request(win.webContents.loadedUrl ?? ''));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(linkCsp(linkSession.linkOrigins));
    const other = await handler(new Request('app://coffer/link/index.html?session=someone_elses_session'));
    expect(other.status).toBe(404);
    expect((await handler(new Request('app://coffer/index.html'))).status).toBe(404);
  });

  it('resolves with the result the Link page reports, then closes and forgets the session', async () => {
    const { result, win, pageFrame } = await openLink(core.presenter());
    const reply = await invoke(LINK_RESULT_CHANNEL, win.webContents, pageFrame(), success);
    expect(reply).toEqual({ ok: true, result: null });
    await expect(result).resolves.toEqual(success);
    expect(win.isDestroyed()).toBe(true);
    const again = await invoke(LINK_RESULT_CHANNEL, win.webContents, pageFrame(), success);
    expect(again.ok).toBe(false);
    const handler = fake.sessions.get('link')?.protocolHandlers.get('app');
    expect((await handler?.(new Request(win.webContents.loadedUrl ?? '')))?.status).toBe(404);
  });

  it.each([
    [
      'the main window',
      (w: FakeWindow, f: FakeFrame) => [core.main.webContents, f] as const,
      /no Link window/,
    ],
    [
      'a subframe of the Link page (Plaid’s iframe)',
      (w: FakeWindow, f: FakeFrame) =>
        [w.webContents, frame('http://127.0.0.1:45678/__link/ui', { parent: f })] as const,
      /subframe/,
    ],
    [
      'another Link session',
      (w: FakeWindow) =>
        [w.webContents, frame('app://coffer/link/index.html?session=other_session_0000')] as const,
      /another Link session/,
    ],
    [
      'another page of the app',
      (w: FakeWindow) => [w.webContents, frame('app://coffer/index.html')] as const,
      /not the Link page/,
    ],
    [
      'a foreign origin',
      (w: FakeWindow) =>
        [w.webContents, frame(`https://evil.test/link/index.html?session=${linkSession.sessionId}`)] as const,
      /not the app's/,
    ],
  ])('refuses a report from %s and keeps waiting', async (_label, pick, reason) => {
    const { result, win, pageFrame } = await openLink(core.presenter());
    const [sender, senderFrame] = pick(win, pageFrame());
    const reply = await invoke(LINK_RESULT_CHANNEL, sender, senderFrame, success);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: expect.stringMatching(reason), plaid: null },
    });
    expect(win.isDestroyed()).toBe(false);
    win.close();
    await expect(result).resolves.toMatchObject({ kind: 'exit' });
  });

  it('refuses a malformed result and keeps waiting', async () => {
    const { result, win, pageFrame } = await openLink(core.presenter());
    const reply = await invoke(LINK_RESULT_CHANNEL, win.webContents, pageFrame(), {
      kind: 'success',
      publicToken: '',
    });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('INVALID_REQUEST');
      expect(reply.error.message).toMatch(/^Invalid Link result: /);
    }
    expect(win.isDestroyed()).toBe(false);
    await invoke(LINK_RESULT_CHANNEL, win.webContents, pageFrame(), success);
    await expect(result).resolves.toEqual(success);
  });

  it('reports an exit when the user closes the window', async () => {
    const { result, win } = await openLink(core.presenter());
    win.close();
    await expect(result).resolves.toEqual({ kind: 'exit', error: null, metadata: { status: null } });
  });

  it('closes the window when main aborts', async () => {
    const controller = new AbortController();
    const { result, win } = await openLink(core.presenter(), controller.signal);
    controller.abort();
    await expect(result).resolves.toMatchObject({ kind: 'exit' });
    expect(win.isDestroyed()).toBe(true);
  });

  it('lets only an https OAuth pop-up out of Link: sandboxed, no preload, confined to https', async () => {
    const { win, result } = await openLink(core.presenter());
    const open = win.webContents.windowOpenHandler;
    if (!open) throw new Error('no window open handler');
    expect(open({ url: 'http://127.0.0.1:45678/popup' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });

    const decision = open({ url: 'https://cdn.plaid.com/link/v2/stable/sandbox-oauth-login.html' }) as {
      action: string;
      overrideBrowserWindowOptions: { webPreferences: Record<string, unknown> };
      createWindow: (options: Record<string, unknown>) => FakeWebContents;
    };
    expect(decision.action).toBe('allow');
    expect(decision.overrideBrowserWindowOptions.webPreferences).toMatchObject(SECURE);
    expect(decision.overrideBrowserWindowOptions.webPreferences).not.toHaveProperty('preload');

    const popupContents = decision.createWindow({ webPreferences: { preload: '/evil.cjs', sandbox: false } });
    const popup = fake.windows[fake.windows.length - 1];
    expect(popup.webContents).toBe(popupContents);
    expect(popup.options.webPreferences).toMatchObject({ ...SECURE, partition: 'link' });
    expect(popup.options.webPreferences?.preload).toBeUndefined();

    expect(popupContents.navigate('will-navigate', 'https://bank.example/oauth')).toBe(false);
    expect(popupContents.navigate('will-redirect', 'https://cdn.plaid.com/oauth/return')).toBe(false);
    expect(popupContents.navigate('will-navigate', 'http://bank.example/')).toBe(true);
    expect(popupContents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(popupContents.windowOpenHandler?.({ url: 'https://bank.example/another' })).toEqual({
      action: 'deny',
    });
    expect(fake.openedExternally).toEqual([]);

    // The Link window's own main frame stays on the app; Plaid's iframe may redirect as it likes.
    expect(win.webContents.navigate('will-navigate', 'https://cdn.plaid.com/')).toBe(true);
    expect(win.webContents.navigate('will-redirect', 'https://cdn.plaid.com/x', false)).toBe(false);
    win.close();
    await result;
  });
});

describe('quit', () => {
  it('closes the core once before the app exits', async () => {
    const { core } = await startReady();
    fake.app.quit();
    await new Promise((r) => setTimeout(r, 0));
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(fake.app.quitCalls).toBe(2);
  });
});
