/**
 * The ledger's schema state as features read it: which indexes and triggers a bulk load has
 * deferred (their SQL waits in `deferred_schema`, see ingest/transactions/bulk-load.ts), so that
 * queries name only indexes that exist.
 */
import { stmt, type Db } from './statements';

/** Whether the rows of transactions are being loaded without their indexes. */
export function isDeferred(db: Db): boolean {
  return stmt(db, `SELECT EXISTS (SELECT 1 FROM deferred_schema)`).pluck().get() === 1;
}

/**
 * The index a query may name (INDEXED BY): itself, or while a load has deferred it the list's
 * order index, which a load always keeps (the query's terms still filter; it only reads more).
 */
export function indexOrNewest(db: Db, index: string): string {
  const deferred = stmt(db, `SELECT EXISTS (SELECT 1 FROM deferred_schema WHERE name = ?)`)
    .pluck()
    .get(index);
  return deferred === 1 ? 'transactions_newest' : index;
}
