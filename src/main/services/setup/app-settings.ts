/**
 * The app's own settings, one small JSON file in the data dir (`settings.json`), shared by every
 * environment and by both hosts (Electron and the browser host, whose origin changes with its
 * port, so the window's localStorage would not survive a restart): which environment the window
 * opens on, how often everything syncs, and the theme. Written whole (temp file + rename). A field
 * this version does not understand falls back to its default alone; the others are kept, and the
 * file is never rewritten until the user saves.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PlaidEnvironment } from '../../../shared/api';
import { Theme } from '../../../shared/contract/preferences';
import { PERIODIC_SYNC_MS } from '../webhooks/periodic-sync';

const HOUR = 3_600_000;

export const StoredSettings = z.object({
  environment: PlaidEnvironment.optional(),
  syncIntervalHours: z.number().int().min(1).max(48).optional(),
  theme: Theme.optional(),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

export const DEFAULT_SYNC_INTERVAL_HOURS = PERIODIC_SYNC_MS / HOUR;
export const DEFAULT_THEME: Theme = 'system';

export function settingsPath(dataDir: string): string {
  return path.join(dataDir, 'settings.json');
}

/** Where the theme was kept before it joined the other settings; read only while settings.json has none. */
function legacyPreferencesPath(dataDir: string): string {
  return path.join(dataDir, 'preferences.json');
}

function readObject(file: string): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function readSettings(dataDir: string): StoredSettings {
  const file = readObject(settingsPath(dataDir));
  if (file.theme === undefined) file.theme = readObject(legacyPreferencesPath(dataDir)).theme;
  const settings: StoredSettings = {};
  for (const key of Object.keys(StoredSettings.shape) as (keyof StoredSettings)[]) {
    const field = StoredSettings.shape[key].safeParse(file[key]);
    if (field.success && field.data !== undefined) Object.assign(settings, { [key]: field.data });
  }
  return settings;
}

export function updateSettings(dataDir: string, change: Partial<StoredSettings>): StoredSettings {
  const next = StoredSettings.parse({ ...readSettings(dataDir), ...change });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temp = path.join(dataDir, `.settings.${randomBytes(6).toString('hex')}.partial`);
  fs.writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, settingsPath(dataDir));
  return next;
}

export function syncIntervalMs(settings: StoredSettings): number {
  return (settings.syncIntervalHours ?? DEFAULT_SYNC_INTERVAL_HOURS) * HOUR;
}

export function preferenceHandlers(dataDir: string) {
  const preferences = (settings: StoredSettings) => ({ theme: settings.theme ?? DEFAULT_THEME });
  return {
    'preferences.get': async () => preferences(readSettings(dataDir)),
    'preferences.set': async (req: { theme?: Theme }) =>
      preferences(updateSettings(dataDir, req.theme === undefined ? {} : { theme: req.theme })),
  };
}
