/**
 * The rows a full-text search matches, read from FTS5 once per search and ledger version instead
 * of once per page: a common word matches a tenth of the ledger, and reading its ~100,000 rowids
 * cost more than the page itself. They are kept in a temp table of the connection (memory: the
 * ledger's temp_store), which SQL reads as a rowid b-tree without copying it.
 *
 * Never stale: the set is kept by ledgerMemo (ledger-memo.ts), reused only while the ledger is at
 * the version it was filled for. Inside a transaction nothing is cached, as what it reads may yet
 * be rolled back.
 */
import { ledgerMemo, writingTempOnly } from '../ledger/ledger-memo';
import { stmt, type Db } from '../ledger/statements';

const TABLE = 'temp.coffer_search_rows';

/** The count of the matches in the temp table, per search. */
const filled = ledgerMemo<number>();

export interface SearchRows {
  /** A rowid-only subquery of the matches. */
  sql: string;
  params: Record<string, string>;
  count: number;
}

/** The matches read straight from FTS5 (parameter @fts), where no cached set may be used. */
export const FTS_ROWS = 'SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH @fts';

export function searchRows(db: Db, match: string): SearchRows {
  if (db.inTransaction) {
    const count = stmt(db, `SELECT count(*) FROM transactions_fts WHERE transactions_fts MATCH ?`)
      .pluck()
      .get(match) as number;
    return { sql: FTS_ROWS, params: { fts: match }, count };
  }
  const count = filled.get(db, match, () => {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS coffer_search_rows (rowid INTEGER PRIMARY KEY)`);
    const fill = db.transaction(() => {
      stmt(db, `DELETE FROM ${TABLE}`).run();
      return stmt(db, `INSERT INTO ${TABLE} (rowid) ${FTS_ROWS}`).run({ fts: match }).changes;
    });
    return writingTempOnly(db, fill);
  });
  return { sql: `SELECT rowid FROM ${TABLE}`, params: {}, count };
}
