/**
 * The app's own settings, one small JSON file in the data dir (`settings.json`): which environment
 * the window opens on and how often everything syncs. Written whole (temp file + rename); a file
 * that does not parse is read as the defaults, never overwritten until the user saves.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PlaidEnvironment } from '../../../shared/api';
import { PERIODIC_SYNC_MS } from '../webhooks/periodic-sync';

const HOUR = 3_600_000;

export const StoredSettings = z.object({
  environment: PlaidEnvironment.optional(),
  syncIntervalHours: z.number().int().min(1).max(48).optional(),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

export const DEFAULT_SYNC_INTERVAL_HOURS = PERIODIC_SYNC_MS / HOUR;

export function settingsPath(dataDir: string): string {
  return path.join(dataDir, 'settings.json');
}

export function readSettings(dataDir: string): StoredSettings {
  try {
    const parsed = StoredSettings.safeParse(JSON.parse(fs.readFileSync(settingsPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function updateSettings(dataDir: string, change: Partial<StoredSettings>): StoredSettings {
  const next = StoredSettings.parse({ ...readSettings(dataDir), ...change });
  const file = settingsPath(dataDir);
  const temp = path.join(dataDir, `.settings.${randomBytes(6).toString('hex')}.partial`);
  fs.writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return next;
}

export function syncIntervalMs(settings: StoredSettings): number {
  return (settings.syncIntervalHours ?? DEFAULT_SYNC_INTERVAL_HOURS) * HOUR;
}
