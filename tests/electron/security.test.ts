import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  LinkOriginRegistry,
  appDocumentPolicy,
  createAppFileHandler,
} from '../../src/main/electron/app-protocol';
import {
  APP_ORIGIN,
  appCsp,
  isAllowedNavigation,
  isAllowedPopupNavigation,
  isTrustedSender,
  linkCsp,
  permissionDecision,
  resolveAppPath,
  safeOpenExternal,
  senderRejection,
  windowOpenDecision,
} from '../../src/main/electron/security';
import { securePrefs } from '../../src/main/electron/window-prefs';
import { frame } from './fake-electron';

describe('navigation', () => {
  it.each([
    ['app://coffer/index.html', true],
    ['app://coffer/link/index.html?session=x', true],
    ['https://example.com', false],
    ['https://example.com.evil.test', false],
    ['https://user@evil.test', false],
    ['app://user@coffer/index.html', false],
    ['app://coffer.evil.test/index.html', false],
    ['app://evil/index.html', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['http://localhost:5173/', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(allowed);
  });

  it('admits the dev server only when it is listed', () => {
    expect(
      isAllowedNavigation('http://localhost:5173/link/index.html', [APP_ORIGIN, 'http://localhost:5173']),
    ).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', [APP_ORIGIN, 'http://localhost:5173'])).toBe(false);
  });

  it('lets an OAuth pop-up roam over https only', () => {
    expect(isAllowedPopupNavigation('https://bank.example/oauth?x=1')).toBe(true);
    expect(isAllowedPopupNavigation('http://bank.example/')).toBe(false);
    expect(isAllowedPopupNavigation('https://user:pw@bank.example/')).toBe(false);
    expect(isAllowedPopupNavigation('javascript:alert(1)')).toBe(false);
  });
});

describe('window opening', () => {
  it('denies every window from the app', () => {
    expect(windowOpenDecision('https://plaid.com', 'app')).toBe('deny');
    expect(windowOpenDecision('app://coffer/index.html', 'app')).toBe('deny');
  });
  it('allows only https pop-ups from Link', () => {
    expect(windowOpenDecision('https://cdn.plaid.com/link/v2/stable/sandbox-oauth-login.html', 'link')).toBe(
      'allow',
    );
    expect(windowOpenDecision('http://127.0.0.1:4000/', 'link')).toBe('deny');
    expect(windowOpenDecision('javascript:alert(1)', 'link')).toBe('deny');
    expect(windowOpenDecision('file:///etc/passwd', 'link')).toBe('deny');
    expect(windowOpenDecision('app://coffer/index.html', 'link')).toBe('deny');
  });
  it('lets an OAuth pop-up open nothing further', () => {
    expect(windowOpenDecision('https://bank.example/', 'oauth-popup')).toBe('deny');
  });
});

describe('CSP', () => {
  it('keeps the app to its own origin', () => {
    const csp = appCsp();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('adds exactly the Link origins to script-src, frame-src and connect-src', () => {
    const origins = ['https://cdn.plaid.com', 'https://sandbox.plaid.com'];
    const csp = linkCsp(origins);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", ...origins]);
    expect(directives['connect-src']).toEqual(["'self'", ...origins]);
    expect(directives['frame-src']).toEqual(origins);
    expect(directives['object-src']).toEqual(["'none'"]);
    const mentioned = csp.match(/https?:\/\/[^\s;]+/g) ?? [];
    expect(new Set(mentioned)).toEqual(new Set(origins));
    expect(csp).not.toContain('unsafe-eval');
  });

  it('accepts the demo simulator on loopback http', () => {
    expect(linkCsp(['http://127.0.0.1:43123'])).toContain('frame-src http://127.0.0.1:43123');
  });

  it.each([
    [['*']],
    [['https://cdn.plaid.com/path']],
    [["https://cdn.plaid.com; script-src 'unsafe-eval'"]],
    [['http://evil.test']],
    [['https:']],
    [[]],
  ])('refuses Link origins %j', (origins) => {
    expect(() => linkCsp(origins)).toThrow(/Link origins/);
  });
});

describe('resolveAppPath', () => {
  const root = join(tmpdir(), 'coffer-root');
  it.each([
    ['app://coffer/', join(root, 'index.html')],
    ['app://coffer/index.html', join(root, 'index.html')],
    ['app://coffer/link/index.html?session=abc', join(root, 'link', 'index.html')],
    ['app://coffer/link/', join(root, 'link', 'index.html')],
    ['app://coffer/assets/index-1a2b.js', join(root, 'assets', 'index-1a2b.js')],
  ])('%s → %s', (url, expected) => {
    expect(resolveAppPath(root, url)).toBe(expected);
  });

  it.each([
    'app://coffer/..%2f..%2fetc/passwd',
    'app://coffer/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://coffer/assets/..%5c..%5csecret',
    'app://coffer//etc/passwd',
    'app://coffer/%2Fetc%2Fpasswd',
    'app://coffer/C:%5CWindows%5Cwin.ini',
    'app://coffer/a%00.html',
    'app://coffer/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
    'https://coffer/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('keeps dot segments the URL parser folds inside the root', () => {
    const resolved = resolveAppPath(root, 'app://coffer/../../etc/passwd');
    expect(resolved === null || resolved.startsWith(root)).toBe(true);
  });
});

describe('IPC sender check', () => {
  const origins = [APP_ORIGIN];
  it('accepts the main frame of the app', () => {
    expect(isTrustedSender(frame('app://coffer/index.html'), origins)).toBe(true);
  });
  it.each([
    ['a null frame', null, /gone/],
    ['a detached frame', frame('app://coffer/index.html', { detached: true }), /detached/],
    [
      'a subframe',
      frame('app://coffer/index.html', { parent: frame('app://coffer/index.html') }),
      /subframe/,
    ],
    ['a foreign origin', frame('https://evil.test/'), /origin https:\/\/evil.test/],
    ['a look-alike origin', frame('https://coffer.evil.test/'), /not the app/],
    ['a file URL', frame('file:///tmp/x.html'), /not the app/],
    ['credentials in the URL', frame('app://user@coffer/index.html'), /not an app URL/],
  ])('rejects %s', (_label, f, reason) => {
    expect(isTrustedSender(f, origins)).toBe(false);
    expect(senderRejection(f, origins)).toMatch(reason);
  });
});

describe('small guards', () => {
  it('denies every permission', () => {
    expect(permissionDecision()).toBe(false);
  });

  it('opens only https externally', () => {
    const open = vi.fn(async () => undefined);
    expect(safeOpenExternal('https://plaid.com/docs', open)).toBe(true);
    expect(safeOpenExternal('http://plaid.com', open)).toBe(false);
    expect(safeOpenExternal('file:///etc/passwd', open)).toBe(false);
    expect(safeOpenExternal('javascript:alert(1)', open)).toBe(false);
    expect(safeOpenExternal('smb://server/share', open)).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://plaid.com/docs');
  });

  it('builds webPreferences that are sandboxed and isolated whatever is asked', () => {
    const prefs = securePrefs({ preload: '/p.cjs', partition: 'link' });
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/p.cjs',
      partition: 'link',
      devTools: false,
    });
    expect(securePrefs()).not.toHaveProperty('preload');
  });
});

describe('app:// file handler', () => {
  const root = mkdtempSync(join(tmpdir(), 'coffer-renderer-'));
  mkdirSync(join(root, 'link'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Coffer</title>');
  writeFileSync(join(root, 'link', 'index.html'), '<!doctype html><title>Link</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'coffer-outside.txt'), 'secret');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const get = (handler: (r: Request) => Promise<Response>, url: string) => handler(new Request(url));

  it('serves the app with the app CSP and refuses the Link page in the app session', async () => {
    const handler = createAppFileHandler(root, appDocumentPolicy);
    const page = await get(handler, 'app://coffer/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(appCsp());
    expect(await page.text()).toContain('<title>Coffer</title>');
    const script = await get(handler, 'app://coffer/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await get(handler, 'app://coffer/link/index.html?session=x')).status).toBe(404);
  });

  it('does not serve files outside the renderer root', async () => {
    const handler = createAppFileHandler(root, appDocumentPolicy);
    for (const url of [
      'app://coffer/..%2fcoffer-outside.txt',
      'app://coffer/%2e%2e%2fcoffer-outside.txt',
      'app://coffer/nope.js',
    ]) {
      const response = await get(handler, url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('serves the Link page only for a registered session, with that session’s origins', async () => {
    const registry = new LinkOriginRegistry();
    const handler = createAppFileHandler(root, registry.documentPolicy);
    const url = 'app://coffer/link/index.html?session=SESSION_0123456789&token=t&script=s';
    expect((await get(handler, url)).status).toBe(404);
    const unregister = registry.add('SESSION_0123456789', ['http://127.0.0.1:4321']);
    const page = await get(handler, url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(linkCsp(['http://127.0.0.1:4321']));
    expect((await get(handler, 'app://coffer/index.html')).status).toBe(404);
    unregister();
    expect((await get(handler, url)).status).toBe(404);
  });
});
