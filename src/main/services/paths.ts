/**
 * Where Coffer keeps its files. One data dir holds one ledger id and one folder per Plaid
 * environment, so demo data never mixes with real data.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlaidEnvironment } from '../../shared/api';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.COFFER_DATA_DIR) return path.resolve(env.COFFER_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Coffer');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Coffer');
  const xdg =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(home, '.local', 'share');
  return path.join(xdg, 'coffer');
}

export interface EnvPaths {
  dir: string;
  ledger: string;
  /** The ledger key wrapped by the recovery key (see security/recovery.ts). */
  ledgerRecovery: string;
  logs: string;
  log: string;
  writerLock: string;
}

export function envPaths(dataDir: string, environment: PlaidEnvironment): EnvPaths {
  const dir = path.join(dataDir, environment);
  const logs = path.join(dir, 'logs');
  return {
    dir,
    ledger: path.join(dir, 'ledger.sqlite'),
    ledgerRecovery: path.join(dir, 'ledger-key.recovery.json'),
    logs,
    log: path.join(logs, 'coffer.log'),
    writerLock: path.join(dir, 'writer.lock'),
  };
}

export function simulatorStatePath(dataDir: string): string {
  return path.join(dataDir, 'demo', 'simulator-state.json');
}

export function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The data dir's identity, used to name its keychain entries: created once, never changed, so two
 * data dirs (or tests and a developer's real app) never overwrite each other's secrets.
 */
export function readOrCreateLedgerId(dataDir: string): string {
  ensureDir(dataDir);
  const file = path.join(dataDir, 'ledger-id');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const existing = fs.readFileSync(file, 'utf8').trim();
      if (UUID.test(existing)) return existing;
      if (existing.length > 0) {
        throw new Error(
          `${file} does not hold a ledger id (expected a UUID); move it away to start a new ledger.`,
        );
      }
      // Empty: another process is between creating and writing it.
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const id = randomUUID();
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        try {
          fs.writeSync(fd, `${id}\n`);
        } finally {
          fs.closeSync(fd);
        }
        return id;
      } catch (createError) {
        if ((createError as NodeJS.ErrnoException).code !== 'EEXIST') throw createError;
      }
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  throw new Error(`Could not read the ledger id in ${file}.`);
}
