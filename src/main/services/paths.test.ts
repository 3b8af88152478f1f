import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir, envPaths, readOrCreateLedgerId, simulatorStatePath } from './paths';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('defaultDataDir', () => {
  it('prefers COFFER_DATA_DIR, then the platform convention', () => {
    expect(defaultDataDir({ COFFER_DATA_DIR: '/data/c' }, 'linux')).toBe('/data/c');
    expect(defaultDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.local', 'share', 'coffer'));
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/coffer');
    expect(defaultDataDir({}, 'darwin')).toBe(
      path.join(os.homedir(), 'Library', 'Application Support', 'Coffer'),
    );
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('Coffer');
  });
});

describe('layout', () => {
  it('gives each environment its own folder', () => {
    const demo = envPaths('/d', 'demo');
    const sandbox = envPaths('/d', 'sandbox');
    expect(demo.ledger).toBe('/d/demo/ledger.sqlite');
    expect(sandbox.ledger).toBe('/d/sandbox/ledger.sqlite');
    expect(sandbox.writerLock).toBe('/d/sandbox/writer.lock');
    expect(demo.log).toBe('/d/demo/logs/coffer.log');
    expect(simulatorStatePath('/d')).toBe('/d/demo/simulator-state.json');
  });

  it('creates the ledger id once, private, and keeps it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-paths-'));
    dirs.push(dir);
    const id = readOrCreateLedgerId(dir);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(readOrCreateLedgerId(dir)).toBe(id);
    expect(fs.statSync(path.join(dir, 'ledger-id')).mode & 0o777).toBe(0o600);
    expect(readOrCreateLedgerId(fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-paths-')))).not.toBe(id);
  });

  it('refuses a ledger-id file that is not a UUID', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-paths-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'ledger-id'), 'garbage');
    expect(() => readOrCreateLedgerId(dir)).toThrow(/does not hold a ledger id/);
  });
});
