import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PreferencesStore } from './store';

const dirs: string[] = [];
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-prefs-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('PreferencesStore', () => {
  it('follows the system until a theme is chosen, then a new store on the same dir reads the choice', () => {
    const dir = scratch();
    expect(PreferencesStore.in(dir).read()).toEqual({ theme: 'system' });
    PreferencesStore.in(dir).write({ theme: 'dark' });
    expect(PreferencesStore.in(dir).read()).toEqual({ theme: 'dark' });
    expect(fs.readdirSync(dir)).toEqual(['preferences.json']);
  });

  it('reads a damaged or unknown value as the default instead of failing', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'preferences.json'), '{"theme":"purple"}');
    expect(PreferencesStore.in(dir).read()).toEqual({ theme: 'system' });
    fs.writeFileSync(path.join(dir, 'preferences.json'), '{not json');
    expect(PreferencesStore.in(dir).read()).toEqual({ theme: 'system' });
  });

  it('refuses a theme outside the three', () => {
    const dir = scratch();
    expect(() => PreferencesStore.in(dir).write({ theme: 'purple' as 'dark' })).toThrow();
    expect(fs.existsSync(path.join(dir, 'preferences.json'))).toBe(false);
  });
});
