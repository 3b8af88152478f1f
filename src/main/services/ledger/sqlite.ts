/**
 * The one place that loads the SQLite driver. The ledger uses better-sqlite3-multiple-ciphers, the
 * API-compatible fork of better-sqlite3 with encryption (SQLite3 Multiple Ciphers, ChaCha20-Poly1305
 * by default). The rest of the code keeps better-sqlite3's types: the fork's API is the same.
 */
import Cipherable from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteDatabase = BetterSqlite3.Database;

export function openSqlite(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}) {
  return new Cipherable(file, options) as unknown as SqliteDatabase;
}
