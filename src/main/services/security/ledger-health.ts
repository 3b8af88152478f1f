/**
 * A ledger that is empty, cut short or malformed is never replaced or written to: opening refuses
 * it by name and says the way forward (`coffer recover`, or a backup restored into a new data dir).
 */
import fs from 'node:fs';
import { AppError, LEDGER_DAMAGED_ADVICE } from '../errors';
import { isSqliteError } from '../ledger/ledger-file';

/** SQLite writes whole pages, and no page is smaller than this. */
const MIN_PAGE_BYTES = 512;

export function damagedLedger(file: string, why: string): AppError {
  return new AppError('LEDGER_DAMAGED', `The ledger ${file} ${why}. ${LEDGER_DAMAGED_ADVICE}`);
}

/** Refuses, before anything opens it, a ledger file that cannot be a whole database. */
export function refuseDamagedLedger(file: string): void {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isFile()) throw damagedLedger(file, 'is not a regular file');
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (stat.size === 0 && !(wal && wal.size > 0)) throw damagedLedger(file, 'is empty (0 bytes)');
  if (stat.size % MIN_PAGE_BYTES !== 0) {
    throw damagedLedger(file, `is cut short (${stat.size} bytes is not a whole number of pages)`);
  }
}

/** SQLite's "malformed" and "not a database" become the sentence above, naming the file. */
export function asDamagedLedger(file: string, error: unknown): unknown {
  if (isSqliteError(error, 'SQLITE_CORRUPT') || isSqliteError(error, 'SQLITE_NOTADB')) {
    return damagedLedger(file, 'is damaged (SQLite reads it as malformed)');
  }
  return error;
}
