/**
 * Bulk load: the first sync of an Item into a (nearly) empty ledger writes tens of thousands of
 * rows. Kept row by row, every secondary index of `transactions` and the FTS index make each
 * commit rewrite pages all over the file (the ids are random), which costs ~3× the rows
 * themselves (BENCHMARKS.md). So such a loop drops them, writes plain rows, and builds each index
 * once, sorted, when the loop ends — in the same transaction as its last page.
 *
 * Crash safety: the dropped objects' SQL is stored in `deferred_schema` in the same transaction
 * that drops them, so a crash in between leaves the recipe beside the rows; the loop's resumption
 * or the next open (restoreDeferredSchema) builds them. While deferred, the list keeps its order
 * index (KEPT) and searches see the rows indexed before the load.
 */
import { LEDGER_CACHE_KIB } from '../../ledger/ledger';
import { isDeferred } from '../../ledger/schema-state';
import { stmt, type Db } from '../../ledger/statements';

/** A loop from the beginning that brings more than a page is a bulk load unless the ledger is already big. */
export const BULK_LOAD_MAX_EXISTING_ROWS = 50_000;

/**
 * Indexes kept during a load: the list's order (so the list stays usable and its queries may name
 * it), and partial indexes over rows a sync rarely or never writes (split rows, paired transfers,
 * pending rows, rows authorized after they posted, rows transfer detection has not looked at):
 * they cost a load almost nothing, while building each afterwards would read the whole table.
 */
const KEPT = new Set([
  'transactions_newest',
  'transactions_split',
  'transactions_by_pair',
  'transactions_pending',
  'transactions_authorized_late',
  'transactions_unchecked',
]);

/**
 * SQLite's page cache while loading. With the default cache each index build re-reads and
 * decrypts the whole table (~250 ms per index per 100k rows here); with the rows still decrypted
 * in memory it takes ~40 ms. Pages are allocated only as used, and freed when the load ends.
 */
const LOAD_CACHE_KIB = 256 * 1024;

/**
 * Tables kept in step with transactions by triggers: while loading, their triggers are dropped
 * and the tables rebuilt from the rows at the end (an FTS 'delete' of a row it never indexed
 * would corrupt it). The refill repeats the migration that created transaction_amounts.
 */
const DERIVED = [
  {
    triggers: 'transactions\\_fts\\_%',
    rebuild: `INSERT INTO transactions_fts (transactions_fts) VALUES ('rebuild')`,
  },
  {
    triggers: 'transaction\\_amounts\\_%',
    rebuild: `DELETE FROM transaction_amounts;
      INSERT INTO transaction_amounts (rid, account_no, currency, amount_minor)
        SELECT t.rowid, a.rowid, t.currency, t.amount_minor FROM transactions t JOIN accounts a USING (account_id);`,
  },
];

interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

/** Whether a loop starting here should load in bulk (see the file comment). */
export function shouldBulkLoad(
  db: Db,
  loopStartCursor: string,
  moreThanOnePage: boolean,
  maxExistingRows = BULK_LOAD_MAX_EXISTING_ROWS,
): boolean {
  if (loopStartCursor !== '' || !moreThanOnePage) return false;
  if (isDeferred(db)) return false;
  const rows = stmt(db, `SELECT count(*) FROM (SELECT 1 FROM transactions LIMIT ?)`)
    .pluck()
    .get(maxExistingRows + 1) as number;
  return rows <= maxExistingRows;
}

/**
 * Drops the secondary indexes of transactions and the triggers of its DERIVED tables, keeping their
 * SQL. Runs inside the caller's write transaction.
 */
export function deferIndexes(db: Db): void {
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE tbl_name = 'transactions' AND sql IS NOT NULL
         AND (type = 'index' OR (type = 'trigger' AND (${DERIVED.map((d) => `name LIKE '${d.triggers}' ESCAPE '\\'`).join(' OR ')})))`,
    )
    .all() as SchemaObject[];
  const keep = stmt(db, `INSERT INTO deferred_schema (name, type, sql) VALUES (?, ?, ?)`);
  for (const o of objects) {
    if (KEPT.has(o.name)) continue;
    keep.run(o.name, o.type, o.sql);
    db.exec(`DROP ${o.type === 'index' ? 'INDEX' : 'TRIGGER'} "${o.name.replace(/"/g, '""')}"`);
  }
}

/**
 * Builds what deferIndexes dropped and rebuilds the DERIVED tables from the rows. Runs inside the
 * caller's write transaction; returns whether there was anything to build.
 */
export function restoreDeferredSchema(db: Db): boolean {
  const objects = db.prepare(`SELECT name, type, sql FROM deferred_schema`).all() as SchemaObject[];
  if (objects.length === 0) return false;
  // Indexes first: the FTS rebuild reads the table, the triggers only matter for later writes.
  for (const o of objects) if (o.type === 'index') db.exec(o.sql);
  for (const o of objects) if (o.type === 'trigger') db.exec(o.sql);
  for (const d of DERIVED) db.exec(d.rebuild);
  db.exec(`DELETE FROM deferred_schema`);
  return true;
}

/**
 * WAL pages between checkpoints while loading (40 MiB instead of SQLite's 4 MiB): each checkpoint
 * copies and syncs the pages written since the last, and a load rewrites the same index pages
 * commit after commit, so fewer checkpoints copy each page fewer times.
 */
const LOAD_CHECKPOINT_PAGES = 10_000;
const CHECKPOINT_PAGES = 1_000;

/** The load's larger page cache and checkpoint interval on this connection (idempotent). */
export function useLoadCache(db: Db): void {
  db.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${LOAD_CHECKPOINT_PAGES}`);
}

/** Back to the ledger's usual cache and checkpoints, returning the load's memory. Outside a transaction. */
export function endLoadCache(db: Db): void {
  db.pragma(`cache_size = -${LEDGER_CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
  db.pragma('shrink_memory');
}
