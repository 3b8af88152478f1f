/**
 * `npm run bench`: Coffer's performance figures, each beside an anchor measured in the same run on
 * the same machine, so the ratio means something where the absolute time does not.
 *
 * 1. Ingest: our transactions sync engine applying N Plaid-shaped rows in pages of 500 (zod check,
 *    minor units, upsert, loop bookkeeping, cursor commit per page) vs a bare better-sqlite3 INSERT of
 *    the same rows into a table of the same columns, one transaction per 500 rows.
 * 2. Listing: the `transactions.list` query (count + keyset page of 200 with the account join) vs a
 *    bare `SELECT … ORDER BY date DESC LIMIT 200` over the same table.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PlaidApi } from 'plaid';
import { openLedger } from '../src/main/services/ledger/ledger';
import { silentLogger } from '../src/main/services/log/logger';
import { PlaidGateway } from '../src/main/services/plaid/client';
import { syncTransactions } from '../src/main/services/ingest/transactions/sync';
import { insertItem } from '../src/main/services/items/store';
import { listTransactions } from '../src/main/services/transactions/queries';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const PAGE = 500;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

function plaidTransaction(i: number) {
  const day = new Date(Date.UTC(2024, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10);
  return {
    transaction_id: `tx${i.toString(36).padStart(35, '0')}`,
    account_id: i % 3 === 0 ? 'acc-card' : 'acc-checking',
    amount: ((i * 7919) % 20_000) / 100 - 20,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    date: day,
    authorized_date: day,
    name: `Merchant ${i % 400}`,
    merchant_name: `Merchant ${i % 400}`,
    pending: i % 50 === 0,
    pending_transaction_id: null,
    payment_channel: 'in store',
    personal_finance_category: {
      primary: 'FOOD_AND_DRINK',
      detailed: 'FOOD_AND_DRINK_COFFEE',
      confidence_level: 'HIGH',
    },
  };
}

const accounts = ['acc-checking', 'acc-card'].map((id) => ({
  account_id: id,
  name: id,
  official_name: null,
  mask: '0000',
  type: id === 'acc-card' ? 'credit' : 'depository',
  subtype: id === 'acc-card' ? 'credit card' : 'checking',
  balances: {
    available: 100,
    current: 110,
    limit: null,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
  },
}));

const rows = Array.from({ length: ROWS }, (_, i) => plaidTransaction(i));

/** Serves the prepared rows as /transactions/sync pages from memory: no HTTP in this measurement. */
function pagedApi(): PlaidApi {
  const api = {
    accountsGet: async () => ({ data: { accounts, request_id: 'bench' } }),
    transactionsSync: async (req: { cursor?: string; count?: number }) => {
      const offset = Number(req.cursor ?? 0);
      const count = req.count ?? PAGE;
      const added = rows.slice(offset, offset + count);
      const next = offset + added.length;
      return {
        data: {
          added,
          modified: [],
          removed: [],
          accounts,
          next_cursor: String(next),
          has_more: next < rows.length,
          request_id: 'bench',
          transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
        },
      };
    },
  };
  return api as unknown as PlaidApi;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function ourIngest(dir: string): Promise<number> {
  const ledger = openLedger(path.join(dir, 'ours.sqlite'));
  ledger.write(() =>
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_1', institutionName: 'Bench Bank' }),
  );
  const plaid = new PlaidGateway(pagedApi(), silentLogger);
  const started = performance.now();
  const outcome = await syncTransactions({
    ledger,
    plaid,
    log: silentLogger,
    itemId: 'item-1',
    accessToken: 'bench-token',
    pageSize: PAGE,
  });
  const ms = performance.now() - started;
  if (outcome.added !== ROWS) throw new Error(`ingest added ${outcome.added}, expected ${ROWS}`);
  ledger.close();
  return ms;
}

function bareInsert(dir: string): number {
  const db = new Database(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE t (transaction_id TEXT PRIMARY KEY, account_id TEXT, item_id TEXT, date TEXT,
    authorized_date TEXT, name TEXT, merchant_name TEXT, amount_minor INTEGER, currency TEXT, pending INTEGER,
    pending_transaction_id TEXT, category_primary TEXT, category_detailed TEXT, payment_channel TEXT);
    CREATE INDEX t_by_date ON t (date DESC, transaction_id DESC);`);
  const insert = db.prepare(`INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const page = db.transaction((slice: typeof rows) => {
    for (const r of slice) {
      insert.run(
        r.transaction_id,
        r.account_id,
        'item-1',
        r.date,
        r.authorized_date,
        r.name,
        r.merchant_name,
        Math.round(r.amount * 100),
        'USD',
        r.pending ? 1 : 0,
        null,
        r.personal_finance_category.primary,
        r.personal_finance_category.detailed,
        r.payment_channel,
      );
    }
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += PAGE) page(rows.slice(i, i + PAGE));
  const ms = performance.now() - started;
  db.close();
  return ms;
}

function listing(dir: string): { ours: number; bare: number } {
  const ledger = openLedger(path.join(dir, 'ours.sqlite'));
  const db = new Database(path.join(dir, 'bare.sqlite'), { readonly: true });
  const bareStmt = db.prepare(`SELECT * FROM t ORDER BY date DESC, transaction_id DESC LIMIT 200`);
  const time = (fn: () => void) => {
    const started = performance.now();
    for (let i = 0; i < 50; i++) fn();
    return (performance.now() - started) / 50;
  };
  // A page deep in the history: the keyset seek must not scan what precedes it.
  let after: string | null = null;
  for (let i = 0; i < 100; i++)
    after = listTransactions(ledger.db, { limit: 200, after, accountId: null }).next;
  const ours = time(() => listTransactions(ledger.db, { limit: 200, after, accountId: null }));
  const bare = time(() => bareStmt.all());
  ledger.close();
  db.close();
  return { ours, bare };
}

async function main() {
  const ingest: number[] = [];
  const bare: number[] = [];
  let list = { ours: 0, bare: 0 };
  for (let r = 0; r < REPEAT; r++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'coffer-bench-'));
    try {
      ingest.push(await ourIngest(dir));
      bare.push(bareInsert(dir));
      if (r === REPEAT - 1) list = listing(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ours = median(ingest);
  const anchor = median(bare);
  const fmt = (n: number) => n.toFixed(1);
  console.log(`rows=${ROWS} page=${PAGE} repeat=${REPEAT} node=${process.version}`);
  console.log(
    `ingest\tours ${fmt(ours)} ms (${Math.round((ROWS / ours) * 1000)} rows/s)\tbare insert ${fmt(anchor)} ms\tratio ${(ours / anchor).toFixed(2)}`,
  );
  console.log(
    `list page (200, keyset at row 20000, with count)\tours ${list.ours.toFixed(2)} ms\tbare page ${list.bare.toFixed(2)} ms\tratio ${(list.ours / list.bare).toFixed(2)}`,
  );
}

await main();

// 3. The Plaid simulator at scale (bench/sim-scale.ts): its own figures and anchors.
const { simScale } = await import('./sim-scale');
await simScale();

// 4. Transactions (issue 7): ingest from the simulator, queries over a million rows (bench/transactions.ts).
const { runTransactionsBench } = await import('./transactions');
await runTransactionsBench();

// 4b. Incremental sync at scale (issue 18): a day's changes applied to a 1M-row ledger (bench/sync-scale.ts),
// then what the ledger's bytes go to (bench/ledger-disk.ts).
const { runSyncScaleBench } = await import('./sync-scale');
await runSyncScaleBench();

// 5. The command line (issue 18): `coffer --help` and a page of a 1M-row ledger (bench/cli.ts).
const { runCliBench } = await import('./cli');
await runCliBench();
// 5b. The window (issue 18): Chromium through the browser host on a 1M-row ledger (bench/window.ts).
const { runWindowBench } = await import('./window');
await runWindowBench();
// 6. Net worth (issue 14): daily balances and the net-worth series over ten years (bench/net-worth.ts).
const { runNetWorthBench } = await import('./net-worth');
runNetWorthBench();
// Portfolio (issue 13): the view's calls and the recompute after a sync over ten years (bench/portfolio.ts).
const { runPortfolioBench } = await import('./portfolio');
await runPortfolioBench();
// 7. Exports (issue 15): CSV and hledger journal of a million transactions (bench/exports.ts).
const { runExportsBench } = await import('./exports');
await runExportsBench();
