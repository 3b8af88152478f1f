/**
 * Issue 6, item 4: the electron-builder configuration sets every fuse, builds the four installer
 * kinds, and the Electron rebuild of native modules happens in the packaging script only.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = path.join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder configuration', () => {
  const fuses = config.electronFuses as Record<string, boolean>;

  it.each([
    ['runAsNode', false],
    ['enableCookieEncryption', true],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('sets the fuse %s to %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value);
  });

  it('packs the app into an asar (the integrity fuses need it) and builds AppImage, deb, dmg and nsis', () => {
    expect(config.asar).toBe(true);
    const targets = (key: string) => ((config[key] as { target: string[] }).target ?? []).slice().sort();
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(targets('win')).toEqual(['nsis']);
    expect(config.npmRebuild).toBe(false);
  });
});

describe('native modules', () => {
  it('are never rebuilt by an npm install lifecycle script', () => {
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare'];
    const rebuilding = lifecycle.filter((name) =>
      /rebuild|install-app-deps|electron-builder|node-gyp|prebuild/.test(pkg.scripts[name] ?? ''),
    );
    expect(rebuilding).toEqual([]);
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(pkg.scripts.install).toBeUndefined();
  });

  it('are rebuilt for Electron by `npm run package`, then back for Node', () => {
    expect(pkg.scripts.package).toBe('node scripts/package.mjs');
    const dry = spawnSync(process.execPath, ['scripts/package.mjs', '--dry-run', '--linux'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(dry.status).toBe(0);
    const steps = dry.stdout.split('\n').filter((l) => l.startsWith('▶'));
    expect(steps).toEqual([
      '▶ build: npx electron-vite build',
      '▶ rebuild native modules for Electron: npx --yes electron-builder@26 install-app-deps',
      '▶ package: npx --yes electron-builder@26 --config electron-builder.yml --publish never --linux',
      expect.stringMatching(
        /^▶ rebuild native modules for Node: npm rebuild .*better-sqlite3-multiple-ciphers/,
      ),
    ]);
  });

  it('keeps electron-builder out of the dependencies (it downloads Electron when it packages)', () => {
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('electron-builder');
  });
});
