/**
 * The rows a full-text search matches, read from FTS5 once per search and ledger version instead
 * of once per page: a common word matches a tenth of the ledger, and reading its ~100,000 rowids
 * cost more than the page itself. They are kept in a temp table of the connection (memory: the
 * ledger's temp_store), which SQL reads as a rowid b-tree without copying it.
 *
 * Never stale: the cached set is reused only while `PRAGMA data_version` (changes when another
 * connection commits: the worker thread, another process) and `total_changes()` (changes when this
 * connection writes) are what they were right after it was filled. Inside a transaction nothing
 * is cached, as what it reads may yet be rolled back.
 */
import { stmt, type Db } from '../ledger/statements';

const TABLE = 'temp.coffer_search_rows';

interface Cached {
  match: string;
  version: string;
  count: number;
}

const cache = new WeakMap<Db, Cached>();

export interface SearchRows {
  /** A rowid-only subquery of the matches. */
  sql: string;
  params: Record<string, string>;
  count: number;
}

function version(db: Db): string {
  const data = stmt(db, 'PRAGMA data_version').pluck().get() as number;
  const own = stmt(db, 'SELECT total_changes()').pluck().get() as number;
  return `${data}:${own}`;
}

/** The matches read straight from FTS5 (parameter @fts), where no cached set may be used. */
export const FTS_ROWS = 'SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH @fts';

/**
 * Runs `work`, which writes only the connection's own temp tables (search-probe.ts), without
 * making a cached set that was valid before it look stale: those writes count in total_changes().
 */
export function keepingSearchCache<T>(db: Db, work: () => T): T {
  const hit = cache.get(db);
  const before = version(db);
  try {
    return work();
  } finally {
    const after = version(db);
    // Another connection's commit meanwhile (data_version, before the colon) still invalidates it.
    if (hit?.version === before && after.split(':')[0] === before.split(':')[0]) hit.version = after;
  }
}

export function searchRows(db: Db, match: string): SearchRows {
  if (db.inTransaction) {
    const count = stmt(db, `SELECT count(*) FROM transactions_fts WHERE transactions_fts MATCH ?`)
      .pluck()
      .get(match) as number;
    return { sql: FTS_ROWS, params: { fts: match }, count };
  }
  const hit = cache.get(db);
  if (!hit || hit.match !== match || hit.version !== version(db)) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS coffer_search_rows (rowid INTEGER PRIMARY KEY)`);
    const fill = db.transaction(() => {
      stmt(db, `DELETE FROM ${TABLE}`).run();
      return stmt(db, `INSERT INTO ${TABLE} (rowid) ${FTS_ROWS}`).run({ fts: match }).changes;
    });
    const count = fill();
    // Read after the fill: the fill's own changes are part of the version it is valid for.
    cache.set(db, { match, version: version(db), count });
  }
  return { sql: `SELECT rowid FROM ${TABLE}`, params: {}, count: cache.get(db)?.count ?? 0 };
}
