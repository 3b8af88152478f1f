/**
 * The one place that loads the SQLite driver. The ledger uses better-sqlite3-multiple-ciphers, the
 * API-compatible fork of better-sqlite3 with encryption (SQLite3 Multiple Ciphers, ChaCha20-Poly1305
 * by default). The rest of the code keeps better-sqlite3's types: the fork's API is the same.
 */
import Cipherable from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteDatabase = BetterSqlite3.Database;

/**
 * Under Electron, `npm start` points this variable at the driver built for Electron's ABI (the one in
 * node_modules is Node's, which the tests load); a packaged app has its own rebuilt copy and no variable.
 */
export const ELECTRON_SQLITE_BINDING_ENV = 'COFFER_ELECTRON_SQLITE_BINDING';

export function electronNativeBinding(
  variable: string,
  env: NodeJS.ProcessEnv = process.env,
  versions: NodeJS.ProcessVersions = process.versions,
): string | undefined {
  if (versions.electron === undefined) return undefined;
  const file = env[variable];
  return file === undefined || file === '' ? undefined : file;
}

export function openSqlite(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}) {
  const nativeBinding = electronNativeBinding(ELECTRON_SQLITE_BINDING_ENV);
  return new Cipherable(
    file,
    nativeBinding ? { ...options, nativeBinding } : options,
  ) as unknown as SqliteDatabase;
}
