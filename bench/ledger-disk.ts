/**
 * Where a ledger's bytes go (issue 18, item 5): SQLite's `dbstat` table (pages of each table and
 * index) grouped into the transactions table (with what its `raw_json` holds), the primary key,
 * each secondary index of transactions, the full-text index, the aggregates and everything else;
 * per transaction, beside the size of Plaid's JSON for rows of the same generator (compact JSON as
 * /transactions/sync sends them, measured on a sample drained from a simulator process).
 */
import type { Ledger } from '../src/main/services/ledger/ledger';
import type { SimProcess } from './transactions';

/** Tables kept so that views and exports need not read every transaction. */
const AGGREGATES = new Set([
  'transaction_amounts',
  'spending_monthly',
  'spending_dirty',
  'totals_monthly',
  'daily_balances',
  'daily_balances_dirty',
  'net_worth_daily',
]);

export interface DiskObject {
  name: string;
  /** The table an index belongs to (itself for a table). */
  table: string;
  part: string;
  bytes: number;
}

export interface DiskFigures {
  rows: number;
  fileBytes: number;
  freeBytes: number;
  /** Bytes of `raw_json` text (Plaid's fields beyond the columns), inside the transactions table. */
  rawJsonBytes: number;
  rowsWithRawJson: number;
  objects: DiskObject[];
  /** Bytes per part, largest first. */
  parts: { part: string; bytes: number }[];
}

function partOf(name: string, table: string, type: string): string {
  if (name.startsWith('transactions_fts')) return 'full-text index (FTS5)';
  if (AGGREGATES.has(table)) return 'aggregates';
  if (table !== 'transactions') return 'everything else (accounts, sync state, other products, …)';
  if (type === 'table') return 'transactions table (columns + raw_json)';
  if (name.startsWith('sqlite_autoindex')) return 'primary key (transaction_id)';
  return `index ${name}`;
}

/** The ledger's pages by object, from dbstat (compiled into the bundled SQLite). */
export function ledgerDisk(ledger: Ledger): DiskFigures {
  const db = ledger.db;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const kinds = new Map(
    (
      db.prepare(`SELECT name, tbl_name, type FROM sqlite_schema`).all() as {
        name: string;
        tbl_name: string;
        type: string;
      }[]
    ).map((r) => [r.name, r]),
  );
  const stat = db.prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`).all() as {
    name: string;
    bytes: number;
  }[];
  const objects = stat.map(({ name, bytes }) => {
    const kind = kinds.get(name);
    const table = kind?.tbl_name ?? name;
    return { name, table, part: partOf(name, table, kind?.type ?? 'table'), bytes };
  });
  const byPart = new Map<string, number>();
  for (const o of objects) byPart.set(o.part, (byPart.get(o.part) ?? 0) + o.bytes);
  const raw = db
    .prepare(
      `SELECT count(*) AS rows, coalesce(sum(octet_length(raw_json)), 0) AS bytes, count(raw_json) AS withRaw
       FROM transactions`,
    )
    .get() as { rows: number; bytes: number; withRaw: number };
  return {
    rows: raw.rows,
    fileBytes: pages * pageSize,
    freeBytes: free * pageSize,
    rawJsonBytes: raw.bytes,
    rowsWithRawJson: raw.withRaw,
    objects: objects.sort((a, b) => b.bytes - a.bytes),
    parts: [...byPart].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/**
 * Bytes per transaction of Plaid's JSON: the `added` rows of the first /transactions/sync pages of
 * an Item, each as compact JSON (what the rows cost as Plaid sent them, without the envelope).
 */
export async function plaidJsonBytesPerRow(
  sim: SimProcess,
  accessToken: string,
  sampleRows = 10_000,
): Promise<{ rows: number; bytesPerRow: number }> {
  let cursor = '';
  let rows = 0;
  let bytes = 0;
  while (rows < sampleRows) {
    const { data } = await sim.plaid.transactionsSync({ access_token: accessToken, cursor, count: 500 });
    for (const t of data.added) bytes += Buffer.byteLength(JSON.stringify(t));
    rows += data.added.length;
    cursor = data.next_cursor;
    if (!data.has_more) break;
  }
  return { rows, bytesPerRow: rows > 0 ? bytes / rows : 0 };
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

export function formatDisk(d: DiskFigures, plaid: { rows: number; bytesPerRow: number } | null): string[] {
  const per = (n: number) => (d.rows > 0 ? (n / d.rows).toFixed(0) : 'n/a');
  const lines = [
    `ledger on disk: ${d.rows} transactions, ${mb(d.fileBytes)} (${per(d.fileBytes)} bytes a transaction; ${mb(d.freeBytes)} free pages)` +
      (plaid
        ? `\tPlaid's JSON for the same generator's rows: ${plaid.bytesPerRow.toFixed(0)} bytes a transaction (mean of ${plaid.rows}), ledger/JSON ${(d.fileBytes / d.rows / plaid.bytesPerRow).toFixed(2)}`
        : ''),
  ];
  for (const p of d.parts)
    lines.push(
      `  ${p.part}\t${mb(p.bytes)}\t${per(p.bytes)} B/txn\t${((p.bytes / d.fileBytes) * 100).toFixed(1)} %`,
    );
  lines.push(
    `  of which raw_json text (Plaid's fields beyond the columns, ${d.rowsWithRawJson} rows)\t${mb(d.rawJsonBytes)}\t${per(d.rawJsonBytes)} B/txn`,
  );
  return lines;
}
