/**
 * The window's preferences in `<dataDir>/preferences.json`, shared by every environment and
 * both hosts (Electron and the browser host), so a restart of either finds them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Preferences, type Theme } from '../../../shared/contract/preferences';

const DEFAULTS: Preferences = { theme: 'system' };

export class PreferencesStore {
  constructor(private readonly file: string) {}

  static in(dataDir: string): PreferencesStore {
    return new PreferencesStore(path.join(dataDir, 'preferences.json'));
  }

  read(): Preferences {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return { ...DEFAULTS };
    }
    // A field this version does not understand falls back alone; the others are kept.
    const file = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const theme = Preferences.shape.theme.safeParse(file.theme);
    return { theme: theme.success ? theme.data : DEFAULTS.theme };
  }

  /** Written whole (temporary file, then rename), so a crash never leaves half a file. */
  write(change: { theme?: Theme }): Preferences {
    const next = Preferences.parse({ ...this.read(), ...change });
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    return next;
  }
}

export function preferenceHandlers(dataDir: string) {
  const store = PreferencesStore.in(dataDir);
  return {
    'preferences.get': async () => store.read(),
    'preferences.set': async (req: { theme?: Theme }) => store.write(req),
  };
}
