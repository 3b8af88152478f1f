/**
 * Whether a ledger's transactions table has every index and trigger a freshly migrated ledger has,
 * nothing left deferred by a bulk load, and an FTS index that matches the rows exactly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger } from '../../src/main/services/ledger/ledger';
import type { SqliteDatabase } from '../../src/main/services/ledger/sqlite';

function schemaOf(db: SqliteDatabase): string[] {
  return (
    db
      .prepare(
        `SELECT type || ' ' || name || ': ' || sql FROM sqlite_master
         WHERE tbl_name IN ('transactions', 'transactions_fts', 'transaction_amounts') AND sql IS NOT NULL
         ORDER BY type, name`,
      )
      .pluck()
      .all() as string[]
  ).map((s) => s.replace(/\s+/g, ' '));
}

let reference: string[] | null = null;

/** The schema of transactions in a ledger created from scratch by the current migrations. */
export function freshSchema(): string[] {
  if (reference) return reference;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-schema-'));
  const ledger = openLedger(path.join(dir, 'fresh.sqlite'));
  try {
    reference = schemaOf(ledger.db);
    return reference;
  } finally {
    ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface SchemaState {
  schema: string[];
  deferred: number;
  /** null when FTS5's integrity-check (index against the rows) passed, else its error. */
  ftsError: string | null;
  /** Rows of transaction_amounts that disagree with transactions (missing, extra or different). */
  amountsMismatches: number;
}

export function schemaState(db: SqliteDatabase): SchemaState {
  let ftsError: string | null = null;
  try {
    // rank 1: also compare the index with the external content table, row by row.
    db.prepare(`INSERT INTO transactions_fts (transactions_fts, rank) VALUES ('integrity-check', 1)`).run();
  } catch (error) {
    ftsError = String(error);
  }
  const missingOrDifferent = db
    .prepare(
      `SELECT count(*) FROM transactions t JOIN accounts a USING (account_id)
       LEFT JOIN transaction_amounts x ON x.rid = t.rowid
       WHERE x.rid IS NULL OR x.amount_minor <> t.amount_minor OR x.currency <> t.currency OR x.account_no <> a.rowid`,
    )
    .pluck()
    .get() as number;
  const extra = db
    .prepare(`SELECT count(*) FROM transaction_amounts WHERE rid NOT IN (SELECT rowid FROM transactions)`)
    .pluck()
    .get() as number;
  return {
    schema: schemaOf(db),
    deferred: db.prepare(`SELECT count(*) FROM deferred_schema`).pluck().get() as number,
    ftsError,
    amountsMismatches: missingOrDifferent + extra,
  };
}

/** What schemaState must say of a healthy ledger. */
export function healthySchema(): SchemaState {
  return { schema: freshSchema(), deferred: 0, ftsError: null, amountsMismatches: 0 };
}
