/**
 * Values read from the ledger, kept per connection for as long as the ledger is what they were
 * read from. The ledger's version is `PRAGMA data_version` (it changes when another connection
 * commits: the worker thread, another process) with `total_changes()` (it changes when this
 * connection writes); a kept value is reused only while both are what they were right after it was
 * computed, so it is never stale. Inside a transaction a kept value may be read but none is kept,
 * as what the transaction reads may yet be rolled back.
 */
import { stmt, type Db } from './statements';

export interface LedgerVersion {
  data: number;
  own: number;
}

/** Changes this connection made to its own temp tables, which no kept value depends on. */
const tempChanges = new WeakMap<Db, number>();

const totalChanges = (db: Db) => stmt(db, 'SELECT total_changes()').pluck().get() as number;

export function ledgerVersion(db: Db): LedgerVersion {
  return {
    data: stmt(db, 'PRAGMA data_version').pluck().get() as number,
    own: totalChanges(db) - (tempChanges.get(db) ?? 0),
  };
}

/**
 * Runs `work`, which writes only the connection's own temp tables (a search's scratch tables):
 * those writes count in total_changes(), but no value kept on this connection goes stale by them.
 */
export function writingTempOnly<T>(db: Db, work: () => T): T {
  const before = totalChanges(db);
  try {
    return work();
  } finally {
    tempChanges.set(db, (tempChanges.get(db) ?? 0) + totalChanges(db) - before);
  }
}

interface Kept<T> {
  key: string;
  data: number;
  own: number;
  value: T;
}

export interface LedgerMemo<T> {
  /**
   * The value kept for this key and version, else `compute()`'s. What compute itself writes (a temp
   * table it fills) is part of the version its value is kept for.
   */
  get(db: Db, key: string, compute: () => T): T;
}

/** One kept value per connection: a new key or version replaces it. */
export function ledgerMemo<T>(): LedgerMemo<T> {
  const kept = new WeakMap<Db, Kept<T>>();
  return {
    get(db, key, compute) {
      const before = ledgerVersion(db);
      const hit = kept.get(db);
      if (hit && hit.key === key && hit.data === before.data && hit.own === before.own) return hit.value;
      const value = compute();
      const after = ledgerVersion(db);
      // Another connection's commit while computing: the value may mix both states, so keep nothing.
      if (!db.inTransaction && after.data === before.data) kept.set(db, { key, ...after, value });
      return value;
    },
  };
}
