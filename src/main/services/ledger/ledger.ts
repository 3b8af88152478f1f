/**
 * The ledger: one SQLite file per environment, opened with its key, its pragmas and every
 * migration applied. This is the bottom layer: features (items/, ingest/, transactions/…) take a
 * Ledger and run their own SQL on `db`, composing their writes with `write`.
 */
import type Database from 'better-sqlite3';
import { openLedgerFile } from './ledger-file';
import { migrations as defaultMigrations } from './migrations';

/** SQLite's page cache per connection, in KiB (see openLedger). */
export const LEDGER_CACHE_KIB = 64 * 1024;

export interface OpenLedgerOptions {
  migrations?: readonly string[];
  /** The ledger's 256-bit key (see ledger-file.ts); null or absent: an unencrypted ledger. */
  key?: Buffer | null;
}

export function openLedger(file: string, options: OpenLedgerOptions = {}): Ledger {
  const db = openLedgerFile(file, options.key ?? null);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Readers and the single writer of other processes (app + `coffer sync`) briefly contend.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache: an encrypted page read from the OS cache is decrypted again, so keeping
    // the hot indexes decrypted in SQLite's own cache is what makes lists and counts fast.
    db.pragma(`cache_size = -${LEDGER_CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    migrate(db, options.migrations ?? defaultMigrations);
    return new Ledger(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Applies the pending migrations in their order, all in one write transaction: one that fails
 * leaves the file as it was, never half-migrated.
 */
function migrate(db: Database.Database, list: readonly string[]): void {
  const apply = db.transaction(() => {
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > list.length) {
      throw new Error(
        `This ledger has schema version ${version}, newer than this Coffer knows (${list.length}); update Coffer.`,
      );
    }
    for (let i = version; i < list.length; i++) db.exec(list[i]);
    if (version !== list.length) db.pragma(`user_version = ${list.length}`);
  });
  apply.immediate();
}

export class Ledger {
  constructor(readonly db: Database.Database) {}

  close(): void {
    if (this.db.open) this.db.close();
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Runs fn in one write transaction (BEGIN IMMEDIATE, so a busy ledger fails before any work). */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
