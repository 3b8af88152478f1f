import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Command, type NativeModule, electronNativePath, prepareDesktop } from './electron-desktop';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project whose electron package has no runtime, like `npm ci` without internet leaves it. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'coffer-desktop-'));
  roots.push(root);
  const write = (name: string, content: string) => {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  };
  write('node_modules/electron/package.json', '{"name":"electron","version":"45.4.1"}');
  write('node_modules/better-sqlite3/package.json', '{"name":"better-sqlite3","version":"12.0.0"}');
  write(
    'node_modules/better-sqlite3-multiple-ciphers/package.json',
    '{"name":"better-sqlite3-multiple-ciphers","version":"12.1.0"}',
  );
  return root;
}

const node = (script: string): Command => ({ command: process.execPath, args: ['-e', script] });

/** What electron's install.js leaves behind: dist/<binary> and path.txt (run in node_modules/electron). */
const installsRuntime = node(`
  const fs = require('fs');
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/electron', '#!/bin/sh\\n', { mode: 0o755 });
  fs.writeFileSync('path.txt', 'electron');
`);
const failsWith = (message: string) =>
  node(`console.error(new Error(${JSON.stringify(message)}).stack); process.exit(1)`);
const hangs = node('setInterval(() => {}, 1000)');
/** What prebuild-install leaves in its working folder. */
const fetchesNative = node(`
  const fs = require('fs');
  const name = require(process.cwd() + '/package.json').name;
  fs.mkdirSync('build/Release', { recursive: true });
  fs.writeFileSync('build/Release/better_sqlite3.node', 'electron build of ' + name);
`);

const quiet = { log: () => {}, heartbeatMs: 60_000 };

describe.skipIf(process.platform === 'win32')('npm start prepares the desktop window', () => {
  it('downloads the runtime, fetches the Electron builds of the native modules, then launches Electron', async () => {
    const root = project();
    const lines: string[] = [];
    const plan = await prepareDesktop(root, {
      runtimeInstaller: installsRuntime,
      nativeFetcher: () => fetchesNative,
      log: (line) => lines.push(line),
    });
    expect(plan).toEqual({
      mode: 'electron',
      binary: path.join(root, 'node_modules/electron/dist/electron'),
      env: {
        COFFER_ELECTRON_SQLITE_BINDING: electronNativePath(root, 'better-sqlite3-multiple-ciphers', '45.4.1'),
        COFFER_ELECTRON_RELAY_SQLITE_BINDING: electronNativePath(root, 'better-sqlite3', '45.4.1'),
      },
    });
    if (plan.mode !== 'electron') return;
    expect(readFileSync(plan.env.COFFER_ELECTRON_SQLITE_BINDING!, 'utf8')).toBe(
      'electron build of better-sqlite3-multiple-ciphers',
    );
    // Node's builds stay where the tests load them; nothing else is left beside the Electron builds.
    expect(existsSync(path.join(root, 'node_modules/better-sqlite3/build'))).toBe(false);
    expect(readdirSync(path.dirname(plan.env.COFFER_ELECTRON_SQLITE_BINDING!)).sort()).toEqual([
      'better-sqlite3-12.0.0.node',
      'better-sqlite3-multiple-ciphers-12.1.0.node',
    ]);
    expect(lines[0]).toMatch(
      /Electron 45\.4\.1 runtime not installed yet .*downloading it \(at most 10 min\)/,
    );
  });

  it('fetches nothing a second time', async () => {
    const root = project();
    await prepareDesktop(root, {
      ...quiet,
      runtimeInstaller: installsRuntime,
      nativeFetcher: () => fetchesNative,
    });
    const fetched: NativeModule[] = [];
    const again = await prepareDesktop(root, {
      ...quiet,
      runtimeInstaller: failsWith('must not run'),
      nativeFetcher: (module) => {
        fetched.push(module);
        return failsWith('must not run');
      },
    });
    expect(again.mode).toBe('electron');
    expect(fetched).toEqual([]);
  });

  it('falls back to the browser host with the installer’s own one-line reason when the download fails', async () => {
    const plan = await prepareDesktop(project(), {
      ...quiet,
      runtimeInstaller: failsWith('fetch failed'),
      nativeFetcher: () => fetchesNative,
    });
    expect(plan).toEqual({
      mode: 'browser',
      reason: 'the Electron runtime download failed: Error: fetch failed',
    });
  });

  it('gives up on a download that hangs once its time is up', async () => {
    const started = Date.now();
    const plan = await prepareDesktop(project(), {
      ...quiet,
      runtimeInstaller: hangs,
      runtimeTimeoutMs: 400,
    });
    expect(plan).toEqual({
      mode: 'browser',
      reason: 'the Electron runtime download failed: no answer within 1 s',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('falls back when the native modules cannot be fetched or the fetch hangs, keeping no half-written file', async () => {
    const root = project();
    const failed = await prepareDesktop(root, {
      ...quiet,
      runtimeInstaller: installsRuntime,
      nativeFetcher: () => failsWith('prebuild-install warn install No prebuilt binaries found'),
    });
    expect(failed).toEqual({
      mode: 'browser',
      reason:
        'no Electron build of better-sqlite3-multiple-ciphers could be fetched: Error: prebuild-install warn install No prebuilt binaries found',
    });
    const hung = await prepareDesktop(root, { ...quiet, nativeFetcher: () => hangs, nativeTimeoutMs: 300 });
    expect(hung).toMatchObject({ mode: 'browser', reason: expect.stringMatching(/no answer within 1 s$/) });
    const cache = path.dirname(electronNativePath(root, 'better-sqlite3', '45.4.1'));
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it('the real installer, with its download host unreachable, falls back in seconds', async () => {
    const root = project();
    // electron's own install.js in a scratch project (a success could never touch ours), its mirror a closed port.
    const real = path.resolve('node_modules/electron');
    for (const file of ['install.js', 'checksums.json', 'package.json']) {
      writeFileSync(path.join(root, 'node_modules/electron', file), readFileSync(path.join(real, file)));
    }
    const started = Date.now();
    const plan = await prepareDesktop(root, {
      ...quiet,
      runtimeTimeoutMs: 20_000,
      runtimeInstaller: {
        command: process.execPath,
        args: [path.join(root, 'node_modules/electron/install.js')],
        env: {
          NODE_PATH: path.resolve('node_modules'),
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          electron_config_cache: path.join(root, 'cache'),
          ELECTRON_GET_NO_PROGRESS: '1',
        },
      },
    });
    expect(plan).toMatchObject({
      mode: 'browser',
      reason: expect.stringMatching(/^the Electron runtime download failed: \S/),
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(path.join(root, 'node_modules/electron/path.txt'))).toBe(false);
  });
});
