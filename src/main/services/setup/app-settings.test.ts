import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preferenceHandlers, readSettings, settingsPath, updateSettings } from './app-settings';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-settings-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the app settings file', () => {
  it('keeps the environment, the sync interval and the theme in one file, each change keeping the others', async () => {
    const preferences = preferenceHandlers(dir);
    expect(await preferences['preferences.get']()).toEqual({ theme: 'system' });
    updateSettings(dir, { environment: 'sandbox' });
    updateSettings(dir, { syncIntervalHours: 6 });
    expect(await preferences['preferences.set']({ theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(readSettings(dir)).toEqual({ environment: 'sandbox', syncIntervalHours: 6, theme: 'dark' });
    expect(await preferenceHandlers(dir)['preferences.get']()).toEqual({ theme: 'dark' });
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
  });

  it('reads a field this version does not understand as its default, keeping the others, and leaves the file alone', () => {
    const text = '{"environment":"sandbox","theme":"purple","syncIntervalHours":"often"}';
    fs.writeFileSync(settingsPath(dir), text);
    expect(readSettings(dir)).toEqual({ environment: 'sandbox' });
    expect(fs.readFileSync(settingsPath(dir), 'utf8')).toBe(text);
    fs.writeFileSync(settingsPath(dir), '{not json');
    expect(readSettings(dir)).toEqual({});
  });

  it('refuses a bad value and writes nothing', async () => {
    await expect(preferenceHandlers(dir)['preferences.set']({ theme: 'purple' as 'dark' })).rejects.toThrow();
    expect(() => updateSettings(dir, { syncIntervalHours: 0 })).toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('carries over the theme chosen when it was kept in preferences.json', async () => {
    fs.writeFileSync(path.join(dir, 'preferences.json'), '{"theme":"light"}');
    updateSettings(dir, { syncIntervalHours: 12 });
    expect(readSettings(dir)).toEqual({ syncIntervalHours: 12, theme: 'light' });
    await preferenceHandlers(dir)['preferences.set']({ theme: 'dark' });
    expect(await preferenceHandlers(dir)['preferences.get']()).toEqual({ theme: 'dark' });
  });
});
