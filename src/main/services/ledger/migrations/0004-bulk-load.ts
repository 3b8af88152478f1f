/**
 * Bulk load (issue 7, ingest/transactions/bulk-load.ts): the first sync into a (nearly) empty ledger writes
 * its rows without the secondary indexes and FTS triggers of transactions and builds them once at
 * the loop's end. Their SQL waits here meanwhile, so a crash in between loses no index: the next
 * open restores them.
 */
export default `
  CREATE TABLE deferred_schema (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
    sql TEXT NOT NULL
  ) STRICT;
  `;
