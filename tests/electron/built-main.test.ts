/**
 * The real build, run for real as far as this machine allows: `electron-vite build` into a temp
 * dir, then the built out/main/index.js under plain Node with a stub in place of Electron
 * (fixtures/electron-stub.mjs). Proves the ESM bundle loads with its externals, finds its preloads
 * and renderer, opens the demo core, answers IPC, and serves both pages with their CSPs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCsp } from '../../src/shared/csp';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
// Inside the repo, so the bundle's external imports resolve from node_modules like out/ does.
const buildDir = join(repo, '.tmp', `electron-build-${process.pid}-${Date.now()}`);
const dataDir = mkdtempSync(join(tmpdir(), 'coffer-electron-data-'));

type Line = { type: string; [key: string]: unknown };
let lines: Line[] = [];
const one = (type: string): Line => {
  const found = lines.filter((l) => l.type === type);
  expect(found, `one "${type}" line in ${JSON.stringify(lines.map((l) => l.type))}`).toHaveLength(1);
  return found[0];
};

beforeAll(async () => {
  await run(join(repo, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: repo,
    env: { ...process.env, COFFER_BUILD_OUT: buildDir },
  });
  const { stdout } = await run(
    process.execPath,
    ['--import', './tests/electron/fixtures/register-electron-stub.mjs', join(buildDir, 'main', 'index.js')],
    {
      cwd: repo,
      env: { ...process.env, COFFER_DATA_DIR: dataDir, PLAID_ENV: 'demo', ELECTRON_RENDERER_URL: '' },
      timeout: 90_000,
    },
  );
  lines = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
}, 180_000);

afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('electron-vite build', () => {
  it('emits ESM main, one CommonJS file per preload requiring only electron, and both pages', () => {
    expect(existsSync(join(buildDir, 'main', 'index.js'))).toBe(true);
    expect(readFileSync(join(buildDir, 'main', 'index.js'), 'utf8')).toMatch(/^import .* from "electron";$/m);
    expect(readdirSync(join(buildDir, 'preload')).sort()).toEqual(['index.cjs', 'link.cjs']);
    for (const preload of ['index.cjs', 'link.cjs']) {
      const code = readFileSync(join(buildDir, 'preload', preload), 'utf8');
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      expect([...new Set(code.match(/require\(\s*["'][^"']+["']\s*\)/g))]).toEqual(['require("electron")']);
    }
    expect(existsSync(join(buildDir, 'renderer', 'index.html'))).toBe(true);
    expect(existsSync(join(buildDir, 'renderer', 'link', 'index.html'))).toBe(true);
  });
});

describe('the built main process under a stub Electron', () => {
  it('registers app:// as privileged and enables the sandbox', () => {
    expect(one('schemes').schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    one('sandbox');
    expect(
      lines.filter((l) => l.type === 'error-box' || l.type === 'drive-failed' || l.type === 'timeout'),
    ).toEqual([]);
  });

  it('creates only sandboxed, isolated windows whose preloads exist', () => {
    const windows = lines.filter((l) => l.type === 'window');
    expect(windows).toHaveLength(2);
    for (const w of windows) {
      const prefs = w.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
      expect(existsSync(String(prefs.preload))).toBe(true);
    }
    expect((windows[1].webPreferences as Record<string, unknown>).partition).toBe('link');
  });

  it('answers the main window over IPC and refuses a foreign sender', () => {
    expect(one('main-url').url).toBe('app://coffer/index.html');
    expect(one('app.info').reply).toMatchObject({ ok: true, result: { environment: 'demo', dataDir } });
    expect(one('foreign').reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('serves the built renderer over app:// with the app CSP', () => {
    expect(one('serve')).toMatchObject({
      status: 200,
      csp: appCsp(),
      hasRoot: true,
      assetStatus: 200,
      assetType: expect.stringMatching(/javascript/),
    });
  });

  it('opens Link on the local page, with the embedded simulator’s script and a CSP naming only it', () => {
    const link = one('link');
    const scriptOrigin = new URL(String(link.scriptUrl)).origin;
    expect(scriptOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(link).toMatchObject({
      url: 'app://coffer/link/index.html',
      scriptStatus: 200,
      definesPlaidCreate: true,
    });
    expect(link.pageStatus).toBe(200);
    const csp = String(link.pageCsp);
    expect(csp).toContain(`script-src 'self' ${scriptOrigin};`);
    expect(csp).toContain(`frame-src ${scriptOrigin};`);
    expect(csp.match(/https?:\/\/[^\s;]+/g)).toEqual([scriptOrigin, scriptOrigin, scriptOrigin]);
    expect(one('link.open').reply).toEqual({ ok: true, result: { status: 'exited', error: null } });
    one('quit');
  });
});
