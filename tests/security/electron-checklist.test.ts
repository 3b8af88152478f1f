/**
 * Issue 6, item 3: the Electron checklist items that tests/electron did not yet cover (see
 * SECURITY.md for the item → test map): no remote module, `shell.openExternal` only for https links
 * the app itself made, and a Link window CSP naming only Plaid's origins (or the simulator's in demo).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_LINK_ORIGINS, linkCsp, safeOpenExternal } from '../../src/main/electron/security';
import { securePrefs } from '../../src/main/electron/window-prefs';
import { linkScript } from '../../src/main/services/items/link';

const repo = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const abs = join(repo, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const full = join(abs, name);
    if (statSync(full).isDirectory()) return sources(relative(repo, full));
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !/\.test\./.test(name)
      ? [relative(repo, full).split(sep).join('/')]
      : [];
  });
}

/** Source without comments: prose may name what code must not do. */
const code = (file: string) =>
  readFileSync(join(repo, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

const shellSources = () => [...sources('src/main'), ...sources('src/preload'), ...sources('src/renderer')];

describe('no remote module', () => {
  it('is neither installed as a dependency nor imported nor enabled', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(Object.keys(deps)).not.toContain('@electron/remote');
    const offenders = shellSources().filter((file) =>
      /@electron\/remote|enableRemoteModule|\bremote\s*[,}]\s*from\s*['"]electron['"]|electron['"]\)\.remote\b/.test(
        code(file),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('finds what it looks for (the scan can fail)', () => {
    const pattern =
      /@electron\/remote|enableRemoteModule|\bremote\s*[,}]\s*from\s*['"]electron['"]|electron['"]\)\.remote\b/;
    // Assembled, so this file does not itself read as importing 'electron' (tests/electron/static-rules).
    expect(['import { remote } from ', "'electron';"].join('')).toMatch(pattern);
    expect("require('@electron/remote/main').initialize()").toMatch(pattern);
    expect('webPreferences: { enableRemoteModule: true }').toMatch(pattern);
  });

  it('is not switched on by the one webPreferences factory', () => {
    expect(securePrefs({ preload: '/p.cjs' })).not.toHaveProperty('enableRemoteModule');
  });
});

describe('shell.openExternal', () => {
  it('opens only https links to the app’s own destinations', () => {
    const open = vi.fn(async (_url: string) => undefined);
    expect(safeOpenExternal('https://dashboard.plaid.com/developers/keys', open)).toBe(true);
    expect(safeOpenExternal('https://plaid.com/docs/link/', open)).toBe(true);
    for (const url of [
      'https://evil.test/phish',
      'https://plaid.com.evil.test/',
      'https://dashboard.plaid.com@evil.test/',
      'https://user:pw@plaid.com/',
      'http://plaid.com/',
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
    ]) {
      expect(safeOpenExternal(url, open)).toBe(false);
    }
    expect(open.mock.calls.map(([u]) => u)).toEqual([
      'https://dashboard.plaid.com/developers/keys',
      'https://plaid.com/docs/link/',
    ]);
    expect(EXTERNAL_LINK_ORIGINS.every((o) => o.startsWith('https://'))).toBe(true);
  });

  it('is called in one place only, and that place goes through safeOpenExternal', () => {
    const callers = shellSources().filter((file) => /\bopenExternal\s*\(/.test(code(file)));
    expect(callers).toEqual(['src/main/electron/app.ts']);
    // app.ts hands shell.openExternal to the hardening, which only ever calls safeOpenExternal.
    expect(code('src/main/electron/app.ts').match(/shell\.openExternal/g)).toHaveLength(1);
    expect(code('src/main/electron/app.ts')).toMatch(
      /hardenWebContents\(contents, appOrigins, \(url\) => shell\.openExternal\(url\)\)/,
    );
    expect(code('src/main/electron/hardening.ts')).toMatch(/safeOpenExternal\(url, openExternal\)/);
    expect(code('src/main/electron/hardening.ts')).not.toMatch(/[^.]openExternal\(url\)/);
  });
});

describe('Link window CSP', () => {
  const directive = (csp: string, name: string) =>
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([n]) => n === name)
      ?.slice(1);

  it.each([
    ['production', 'https://production.plaid.com'],
    ['sandbox', 'https://sandbox.plaid.com'],
  ] as const)('allows only Plaid’s own origins in %s', (environment, basePath) => {
    const { scriptUrl, origins } = linkScript({ environment, basePath });
    expect(scriptUrl).toBe('https://cdn.plaid.com/link/v2/stable/link-initialize.js');
    expect(origins.sort()).toEqual(['https://cdn.plaid.com', basePath].sort());
    const csp = linkCsp(origins);
    expect(directive(csp, 'script-src')).toEqual(["'self'", ...origins]);
    expect(directive(csp, 'frame-src')).toEqual(origins);
    expect((csp.match(/https?:\/\/[^\s;]+/g) ?? []).every((o) => origins.includes(o))).toBe(true);
  });

  it('allows only the embedded simulator (loopback) in demo mode', () => {
    const { origins } = linkScript({ environment: 'demo', basePath: 'http://127.0.0.1:43210' });
    expect(origins).toEqual(['http://127.0.0.1:43210']);
    expect(directive(linkCsp(origins), 'frame-src')).toEqual(['http://127.0.0.1:43210']);
    expect(() => linkCsp(['http://sim.example.com:43210'])).toThrow(/Link origins/);
  });
});
