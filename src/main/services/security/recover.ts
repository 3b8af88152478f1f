/**
 * `coffer recover`: the way forward from a damaged ledger. The damaged file is moved aside (kept,
 * never deleted), a new ledger is made with the current migrations and the same key, and every
 * row SQLite can still read is copied into it, table by table, skipping what fails to read.
 * Derived tables (search index, totals, spending) are rebuilt from the rows, not copied, and the
 * sync cursors are cleared so the next sync fetches every transaction the bank still has.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PlaidEnvironment } from '../../../shared/api';
import { AppError } from '../errors';
import { openLedger } from '../ledger/ledger';
import { ledgerFileKind, ledgerKeyFromHex } from '../ledger/ledger-file';
import { openSqlite, type SqliteDatabase } from '../ledger/sqlite';
import { WriterLock } from '../ledger/writer-lock';
import { envPaths } from '../paths';
import { openKeychain } from '../secrets/keychain';
import { ledgerKeyPurpose } from '../secrets/store';
import { columnsOf, quote } from './backup';
import { readRecoveryFile, unwrapLedgerKey } from './recovery';

/** Rebuilt from the rows by the ledger's own triggers and queues, never copied. */
const DERIVED = new Set([
  'spending_monthly',
  'totals_monthly',
  'spending_dirty',
  'transaction_amounts',
  'deferred_schema',
]);

export interface SalvagedTable {
  table: string;
  saved: number;
  /** Rows read but refused by the new ledger (their parent row was lost). */
  dropped: number;
  /** Whether part of the table could not be read. */
  damaged: boolean;
}

export interface RecoverResult {
  ledger: string;
  damagedKeptAt: string;
  tables: SalvagedTable[];
}

interface RecoverInput {
  dataDir: string;
  environment: PlaidEnvironment;
  recoveryKey: string | null;
}

async function keyFor(input: RecoverInput, file: string, recoveryFile: string): Promise<Buffer | null> {
  if (ledgerFileKind(file) === 'plain') return null;
  if (input.recoveryKey) {
    const recovery = readRecoveryFile(recoveryFile);
    if (!recovery) {
      throw new AppError('RECOVERY_FILE_MISSING', `${recoveryFile} is missing: the recovery key needs it.`);
    }
    return unwrapLedgerKey(recovery, input.recoveryKey);
  }
  const idFile = path.join(input.dataDir, 'ledger-id');
  const ledgerId = fs.existsSync(idFile) ? fs.readFileSync(idFile, 'utf8').trim() : '';
  const keychain = ledgerId ? await openKeychain(ledgerId) : null;
  const stored = keychain?.status.available
    ? await keychain.store.get(ledgerKeyPurpose(input.environment))
    : null;
  const key = stored ? ledgerKeyFromHex(stored) : null;
  if (!key) {
    if (fs.statSync(file).size === 0) return null;
    throw new AppError(
      'LEDGER_KEY_MISSING',
      `The key of ${file} is not in the keychain: give your recovery key (--recovery-key KEY, or - to read it from stdin).`,
    );
  }
  return key;
}

function moveAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = file.replace(/\.sqlite$/, '') + `.damaged-${stamp}.sqlite`;
  fs.renameSync(file, aside);
  for (const side of ['-wal', '-shm']) {
    if (fs.existsSync(`${file}${side}`)) fs.renameSync(`${file}${side}`, `${aside}${side}`);
  }
  return aside;
}

/** Rows of a table in rowid order; a region that fails to read is skipped by probing further ahead. */
function* readableRows(
  db: SqliteDatabase,
  table: string,
  cols: string,
  withoutRowid: boolean,
  damaged: () => void,
) {
  if (withoutRowid) {
    try {
      for (const row of db
        .prepare(`SELECT ${cols} FROM ${quote(table)}`)
        .raw()
        .iterate())
        yield row as unknown[];
    } catch {
      damaged();
    }
    return;
  }
  const rows = db.prepare(`SELECT rowid, ${cols} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid`).raw();
  const next = db.prepare(`SELECT rowid FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT 1`).pluck();
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    try {
      for (const row of rows.iterate(after) as Iterable<unknown[]>) {
        after = row[0] as number;
        yield row.slice(1);
      }
      return;
    } catch {
      damaged();
    }
    let resumed = false;
    for (let step = 1; step < 2 ** 52 && !resumed; step *= 2) {
      try {
        const found = next.get(after + step) as number | undefined;
        if (found === undefined) return;
        after = found - 1;
        resumed = true;
      } catch {
        // Still inside the unreadable region: look further ahead.
      }
    }
    if (!resumed) return;
  }
}

/**
 * Copies into the new ledger what `source` still yields. The new ledger's schema decides what to
 * look for: the damaged file's own schema table may be partly unreadable itself.
 */
function salvageInto(source: SqliteDatabase, target: SqliteDatabase): SalvagedTable[] {
  // Plain tables only (not virtual ones or their shadow tables), parents before children.
  const plain = new Set(
    (target.prepare('PRAGMA main.table_list').all() as { name: string; type: string; wr: number }[])
      .filter((t) => t.type === 'table')
      .map((t) => t.name),
  );
  const withoutRowid = new Set(
    (target.prepare('PRAGMA main.table_list').all() as { name: string; wr: number }[])
      .filter((t) => t.wr === 1)
      .map((t) => t.name),
  );
  const targetTables = (
    target
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid`)
      .pluck()
      .all() as string[]
  ).filter((name) => plain.has(name) && !name.startsWith('sqlite_'));
  const report: SalvagedTable[] = [];
  target.transaction(() => {
    for (const table of targetTables) {
      if (DERIVED.has(table)) continue;
      let sourceCols: Set<string>;
      try {
        sourceCols = new Set(columnsOf(source, 'main', table));
      } catch {
        report.push({ table, saved: 0, dropped: 0, damaged: true });
        continue;
      }
      // An empty list: the damaged file's schema did not name this table (lost, or not yet made).
      if (sourceCols.size === 0) continue;
      const cols = columnsOf(target, 'main', table).filter((c) => sourceCols.has(c));
      if (cols.length === 0) continue;
      const insert = target.prepare(
        `INSERT OR IGNORE INTO ${quote(table)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      const entry: SalvagedTable = { table, saved: 0, dropped: 0, damaged: false };
      const rows = readableRows(source, table, cols.join(', '), withoutRowid.has(table), () => {
        entry.damaged = true;
      });
      for (const row of rows) {
        try {
          entry.saved += insert.run(...row).changes;
        } catch {
          entry.dropped++;
        }
      }
      report.push(entry);
    }
    const has = (table: string) => targetTables.includes(table);
    if (has('spending_dirty') && has('transactions')) {
      target.exec(
        'INSERT OR IGNORE INTO spending_dirty (month) SELECT DISTINCT spend_month FROM transactions',
      );
    }
    if (has('sync_state')) target.exec('UPDATE sync_state SET cursor = NULL, loop_start_cursor = NULL');
  })();
  return report;
}

export async function recoverLedger(input: RecoverInput): Promise<RecoverResult> {
  const paths = envPaths(path.resolve(input.dataDir), input.environment);
  if (!fs.existsSync(paths.ledger)) {
    throw new AppError('NOTHING_TO_RECOVER', `There is no ledger at ${paths.ledger}: nothing to recover.`);
  }
  const key = await keyFor(input, paths.ledger, paths.ledgerRecovery);
  const lock = new WriterLock(paths.writerLock);
  return lock.with(async () => {
    const aside = moveAside(paths.ledger);
    // Read from a copy: opening the kept file could fold its WAL into it, changing the evidence.
    const copy = path.join(paths.dir, `.salvage-${randomBytes(8).toString('hex')}.sqlite`);
    const copies = [copy, `${copy}-wal`, `${copy}-shm`];
    try {
      fs.copyFileSync(aside, copy);
      if (fs.existsSync(`${aside}-wal`)) fs.copyFileSync(`${aside}-wal`, `${copy}-wal`);
      const ledger = openLedger(paths.ledger, { key });
      let tables: SalvagedTable[] = [];
      try {
        if (fs.statSync(copy).size > 0) {
          const source = openSqlite(copy);
          try {
            if (key) source.pragma(`key = "x'${key.toString('hex')}'"`);
            // Lets SQLite read a file shorter than its header says, instead of refusing it whole
            // (writable_schema counts only outside defensive mode; nothing writes to this copy).
            source.unsafeMode(true);
            source.pragma('writable_schema = ON');
            tables = salvageInto(source, ledger.db);
          } finally {
            source.close();
          }
        }
      } finally {
        ledger.close();
      }
      return { ledger: paths.ledger, damagedKeptAt: aside, tables };
    } finally {
      for (const file of copies) fs.rmSync(file, { force: true });
    }
  });
}
