/**
 * Issue 7 benchmarks (`npm run bench` runs them after bench/run.ts's foundation figures; a tiny
 * run is part of `npm test` in tests/bench/transactions-bench.test.ts).
 *
 * Ingest: an Item of N transactions from the simulator's generator, synced through the `plaid`
 * SDK over HTTP into a fresh ledger exactly as the app does it (worker thread, pipelined fetch,
 * transfer detection and spending aggregate afterwards). Then, in the same run, the apply-and-
 * commit step alone (the same pages, already fetched, applied with applyPage) against a bare
 * prepared INSERT of the same rows (already mapped) into the same tables of a fresh ledger.
 *
 * Queries over a ledger of M rows (also from the generator): keyset pages with filters, the
 * filtered count and sum, full-text search, the spending chart's query, and as the anchor the
 * `sqlite3` command-line tool's naive full-scan GROUP BY over the same file.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Configuration, PlaidApi, Products } from 'plaid';
import type { TransactionFilter } from '../src/shared/api';
import { openLedger, type Ledger } from '../src/main/services/ledger/ledger';
import { newLedgerKey } from '../src/main/services/ledger/ledger-file';
import { silentLogger } from '../src/main/services/log/logger';
import { createPlaidApi, PlaidGateway } from '../src/main/services/plaid/client';
import { toAccountRecord, toTransactionRecord } from '../src/main/services/plaid/mapping';
import { applyPage, beginAttempt } from '../src/main/services/ingest/transactions/apply';
import { syncTransactions } from '../src/main/services/ingest/transactions/sync';
import { listTransactions } from '../src/main/services/transactions/queries';
import { summarize } from '../src/main/services/transactions/totals';
import { incomeVsExpenses, spendingByCategory } from '../src/main/services/transactions/spending';
import { workerLedgerWork } from '../src/main/services/worker/worker-work';
import { insertItem, upsertAccounts } from '../src/main/services/items/store';

export interface IngestFigures {
  encrypted: boolean;
  rows: number;
  pages: number;
  endToEndMs: number;
  rowsPerSecond: number;
  applyMs: number;
  bareMs: number;
  /** bare time / apply time: the apply step's speed as a share of the bare insert's. */
  applyShareOfBare: number;
}

export interface QueryFigures {
  rows: number;
  pageP95Ms: Record<string, number>;
  countSumMaxMs: Record<string, number>;
  ftsP95Ms: Record<string, number>;
  /** A search's first page, which reads its matches from FTS5 into the search cache. */
  ftsFirstMs: Record<string, number>;
  spendingMs: number;
  spendingLiveMonthMs: number;
  incomeVsExpensesMs: number;
  sqliteCliGroupByMs: number | null;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** A simulator in its own process (as Plaid is another machine): its work does not share our thread. */
export interface SimProcess {
  url: string;
  clientId: string;
  secret: string;
  plaid: PlaidApi;
  admin(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function startSimProcess(args: string[] = []): Promise<SimProcess> {
  const clientId = `bench-${Date.now()}`;
  const secret = `bench-secret-${Math.random().toString(16).slice(2)}`;
  const child = spawn(process.execPath, [path.join(root, 'bin/coffer.mjs'), 'sim', '--port', '0', ...args], {
    env: { ...process.env, PLAID_CLIENT_ID: clientId, PLAID_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`coffer sim exited (${code}) before listening`)));
  });
  const plaid = new PlaidApi(
    new Configuration({
      basePath: url,
      baseOptions: { headers: { 'PLAID-CLIENT-ID': clientId, 'PLAID-SECRET': secret }, timeout: 120_000 },
    }),
  );
  const admin = async (method: 'GET' | 'POST', pathname: string, body?: unknown) => {
    const res = await fetch(`${url}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', 'PLAID-CLIENT-ID': clientId, 'PLAID-SECRET': secret },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    url,
    clientId,
    secret,
    plaid,
    admin,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** An Item with about `rows` generated transactions over 24 months. */
export async function linkedItem(
  sim: SimProcess,
  rows: number,
): Promise<{ accessToken: string; itemId: string }> {
  await sim.admin('POST', '/__sim/config', { transactions_per_item: rows });
  const { data: created } = await sim.plaid.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.Transactions],
    options: { transactions: { days_requested: 730 } },
  });
  const { data } = await sim.plaid.itemPublicTokenExchange({ public_token: created.public_token });
  return { accessToken: data.access_token, itemId: data.item_id };
}

/** Ledgers are encrypted as the app's are (a random key per file), unless measuring the difference. */
function freshLedger(dir: string, name: string, encrypted = true): Ledger {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, name + suffix), { force: true });
  const ledger = openLedger(path.join(dir, name), { key: encrypted ? newLedgerKey() : null });
  ledger.write(() =>
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_109508', institutionName: 'Bench' }),
  );
  return ledger;
}

/** Syncs an Item of `rows` generated transactions into `file` through the SDK and the worker, as the app does. */
export async function ingestInto(
  h: SimProcess,
  accessToken: string,
  itemId: string,
  file: string,
  key: Buffer | null,
): Promise<{ ms: number; added: number; pages: number }> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const ledger = openLedger(file, { key });
  ledger.write(() => insertItem(ledger, { itemId, institutionId: 'ins_109508', institutionName: 'Bench' }));
  const plaid = new PlaidGateway(
    createPlaidApi({ basePath: h.url, clientId: h.clientId, secret: h.secret, timeoutMs: 120_000 }),
    silentLogger,
  );
  const work = workerLedgerWork({ file, key, log: silentLogger });
  try {
    // The app starts its worker when it opens the ledger, long before a sync.
    await work.run('ready', undefined);
    const started = performance.now();
    const outcome = await syncTransactions({ ledger, plaid, log: silentLogger, itemId, accessToken, work });
    return { ms: performance.now() - started, added: outcome.added, pages: outcome.pages };
  } finally {
    await work.close();
    ledger.close();
  }
}

const BARE_INSERT = `INSERT INTO transactions (transaction_id, account_id, item_id, date, authorized_date, name,
  merchant_name, amount_minor, currency, pending, pending_transaction_id, category_primary, category_detailed,
  payment_channel, raw_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export async function benchIngest(rows: number, dir: string, encrypted = true): Promise<IngestFigures> {
  const h = await startSimProcess(['--clock', '2025-06-30']);
  try {
    const { accessToken, itemId } = await linkedItem(h, rows);
    const e2e = await ingestInto(
      h,
      accessToken,
      itemId,
      path.join(dir, 'ingest.sqlite'),
      encrypted ? newLedgerKey() : null,
    );
    if (e2e.added < rows * 0.9) throw new Error(`ingest added ${e2e.added}, expected about ${rows}`);

    // The same pages, fetched once, for the apply-only comparison.
    const pages: { accounts: unknown[]; added: unknown[]; next: string; last: boolean }[] = [];
    let cursor = '';
    for (;;) {
      const { data } = await h.plaid.transactionsSync({ access_token: accessToken, cursor, count: 500 });
      pages.push({
        accounts: data.accounts,
        added: data.added,
        next: data.next_cursor,
        last: !data.has_more,
      });
      cursor = data.next_cursor;
      if (!data.has_more) break;
    }

    const ours = freshLedger(dir, 'apply.sqlite', encrypted);
    const { gen, start } = beginAttempt(ours, 'item-1');
    const applyMs = time(() => {
      for (const p of pages)
        applyPage(ours, {
          itemId: 'item-1',
          gen,
          accounts: p.accounts,
          added: p.added,
          modified: [],
          removed: [],
          last: p.last,
          nextCursor: p.next,
          loopStartCursor: start,
        });
    });
    ours.close();

    const bare = freshLedger(dir, 'bare.sqlite', encrypted);
    bare.write(() =>
      upsertAccounts(
        bare,
        pages[0].accounts.map((a) => toAccountRecord(a, 'item-1')),
      ),
    );
    const mapped = pages.map((p) =>
      p.added.map((t) => {
        const r = toTransactionRecord(t, 'item-1');
        return [
          r.transactionId,
          r.accountId,
          r.itemId,
          r.date,
          r.authorizedDate,
          r.name,
          r.merchantName,
          r.amountMinor,
          r.currency,
          r.pending ? 1 : 0,
          r.pendingTransactionId,
          r.categoryPrimary,
          r.categoryDetailed,
          r.paymentChannel,
          r.rawJson,
          '2025-06-30T00:00:00.000Z',
        ];
      }),
    );
    const insert = bare.db.prepare(BARE_INSERT);
    const bareMs = time(() => {
      for (const page of mapped) bare.write(() => page.forEach((values) => insert.run(...values)));
    });
    bare.close();

    return {
      encrypted,
      rows: e2e.added,
      pages: e2e.pages,
      endToEndMs: e2e.ms,
      rowsPerSecond: Math.round((e2e.added / e2e.ms) * 1000),
      applyMs,
      bareMs,
      applyShareOfBare: bareMs / applyMs,
    };
  } finally {
    await h.close();
  }
}

export async function benchQueries(rows: number, dir: string, repeat = 60): Promise<QueryFigures> {
  const file = path.join(dir, 'queries.sqlite');
  const key = newLedgerKey();
  const h = await startSimProcess(['--clock', '2025-06-30']);
  try {
    const { accessToken, itemId } = await linkedItem(h, rows);
    await ingestInto(h, accessToken, itemId, file, key);
  } finally {
    await h.close();
  }
  return measureQueries(file, key, dir, repeat);
}

/** The query figures over an existing ledger (the rows of benchQueries, or a copy kept from a run). */
export function measureQueries(file: string, key: Buffer | null, dir: string, repeat = 60): QueryFigures {
  const ledger = openLedger(file, { key });
  const db = ledger.db;
  try {
    const n = db.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
    const accounts = db
      .prepare('SELECT account_id FROM accounts ORDER BY account_id')
      .pluck()
      .all() as string[];
    const positions = db
      .prepare(`SELECT date, transaction_id FROM transactions ORDER BY random() LIMIT ?`)
      .all(repeat) as { date: string; transaction_id: string }[];
    const cursorAt = (i: number) => {
      const p = positions[i % positions.length];
      return Buffer.from(JSON.stringify([p.date, p.transaction_id]), 'utf8').toString('base64url');
    };
    const [minDate, maxDate] = db.prepare('SELECT min(date), max(date) FROM transactions').raw().get() as [
      string,
      string,
    ];
    const filters: Record<string, TransactionFilter> = {
      none: {},
      account: { accountIds: [accounts[0]] },
      category: { categories: ['FOOD_AND_DRINK'] },
      'detailed category': { categories: ['FOOD_AND_DRINK_COFFEE'] },
      'rare category': { categories: ['BANK_FEES'] },
      'date range': { dateFrom: `${maxDate.slice(0, 4)}-01-01`, dateTo: `${maxDate.slice(0, 4)}-03-31` },
      'amount range': { amountMin: 1000, amountMax: 5000 },
      pending: { pending: true },
      'spending drill-down': {
        dateBasis: 'spending',
        dateFrom: `${maxDate.slice(0, 7)}-01`,
        dateTo: maxDate,
        categories: ['FOOD_AND_DRINK'],
        excludeTransfers: true,
        excluded: false,
      },
      'search + account': { query: 'coffee', accountIds: accounts },
    };
    const pageP95Ms: Record<string, number> = {};
    const countSumMaxMs: Record<string, number> = {};
    for (const [name, filter] of Object.entries(filters)) {
      const times: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const after = i % 2 === 0 ? null : cursorAt(i);
        times.push(time(() => listTransactions(db, { ...filter, limit: 200, after, includeTotal: false })));
      }
      pageP95Ms[name] = p95(times);
      const sums: number[] = [];
      for (let i = 0; i < 5; i++) sums.push(time(() => summarize(db, filter)));
      countSumMaxMs[name] = Math.max(...sums);
    }
    const terms: Record<string, string> = {
      'common merchant': 'starbucks',
      prefix: 'sta',
      'two words': 'whole foods',
      'rare word': 'olive',
      category: 'groceries',
    };
    const ftsP95Ms: Record<string, number> = {};
    const ftsFirstMs: Record<string, number> = {};
    for (const [name, query] of Object.entries(terms)) {
      // The first page of a new search fills the search cache; the following ones page on from it.
      const times: number[] = [];
      let after: string | null = null;
      for (let i = 0; i < repeat; i++) {
        const from = after;
        let next: string | null = null;
        times.push(
          time(
            () => (next = listTransactions(db, { query, limit: 200, after: from, includeTotal: false }).next),
          ),
        );
        after = next;
      }
      ftsFirstMs[name] = times[0];
      ftsP95Ms[name] = p95(times);
    }
    const from = minDate.slice(0, 7);
    const to = maxDate.slice(0, 7);
    const spending: number[] = [];
    const income: number[] = [];
    for (let i = 0; i < 10; i++) {
      spending.push(time(() => spendingByCategory(db, { from, to, level: 'group' })));
      income.push(time(() => incomeVsExpenses(db, { from, to })));
    }
    // One month marked dirty (as right after an edit): computed live from the rows.
    ledger.write(() => db.prepare(`INSERT OR IGNORE INTO spending_dirty (month) VALUES (?)`).run(to));
    const spendingLiveMonthMs = time(() => spendingByCategory(db, { from, to, level: 'group' }));
    // The anchor's unencrypted copy of the same rows (the sqlite3 CLI cannot read the ledger).
    const plain = path.join(dir, 'plain-copy.sqlite');
    db.exec(`ATTACH DATABASE '${plain.replace(/'/g, "''")}' AS plain KEY ''`);
    db.exec(`CREATE TABLE plain.transactions AS SELECT * FROM main.transactions`);
    db.exec(`DETACH DATABASE plain`);
    ledger.close();

    let sqliteCliGroupByMs: number | null = null;
    const cli = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
    if (cli.status === 0) {
      const sql = `SELECT substr(coalesce(authorized_date, date), 1, 7) AS month, currency, category_primary,
        sum(amount_minor) FROM transactions WHERE amount_minor > 0 GROUP BY month, currency, category_primary;`;
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const r = spawnSync('sqlite3', ['-readonly', plain, sql], { encoding: 'utf8', maxBuffer: 64 << 20 });
        if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
        runs.push(performance.now() - started);
      }
      sqliteCliGroupByMs = Math.min(...runs);
    }
    return {
      rows: n,
      pageP95Ms,
      countSumMaxMs,
      ftsP95Ms,
      ftsFirstMs,
      spendingMs: p95(spending),
      spendingLiveMonthMs,
      incomeVsExpensesMs: p95(income),
      sqliteCliGroupByMs,
    };
  } finally {
    if (db.open) ledger.close();
  }
}

export function benchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-tx-'));
}

const f1 = (n: number) => n.toFixed(1);

export function formatIngest(f: IngestFigures): string[] {
  return [
    `ingest, ${f.encrypted ? 'encrypted' : 'unencrypted'} ledger (sim → SDK → worker → ledger, ${f.rows} rows, ${f.pages} pages)\t${f1(f.endToEndMs)} ms\t${f.rowsPerSecond} rows/s\ttarget ≥ 20000 rows/s`,
    `apply-and-commit alone\t${f1(f.applyMs)} ms\tbare insert into the same tables ${f1(f.bareMs)} ms\tshare of bare ${(f.applyShareOfBare * 100).toFixed(0)}%\ttarget ≥ 50%`,
  ];
}

export function formatQueries(q: QueryFigures): string[] {
  const lines = [`queries over ${q.rows} rows`];
  for (const [k, v] of Object.entries(q.pageP95Ms))
    lines.push(`  page p95 [${k}]\t${v.toFixed(2)} ms\ttarget ≤ 10 ms`);
  for (const [k, v] of Object.entries(q.countSumMaxMs))
    lines.push(`  count+sum max [${k}]\t${v.toFixed(1)} ms\ttarget ≤ 100 ms`);
  for (const [k, v] of Object.entries(q.ftsP95Ms))
    lines.push(
      `  search p95 [${k}], paging on\t${v.toFixed(2)} ms\tfirst page ${(q.ftsFirstMs[k] ?? 0).toFixed(1)} ms\ttarget ≤ 30 ms`,
    );
  lines.push(`  spending by category (all months)\t${f1(q.spendingMs)} ms\ttarget ≤ 100 ms`);
  lines.push(`  spending with one month dirty (computed live)\t${f1(q.spendingLiveMonthMs)} ms`);
  lines.push(`  income vs expenses\t${f1(q.incomeVsExpensesMs)} ms`);
  lines.push(
    q.sqliteCliGroupByMs === null
      ? '  sqlite3 CLI anchor: not installed (apt-get install -y sqlite3)'
      : `  anchor: sqlite3 CLI naive GROUP BY (process wall time)\t${f1(q.sqliteCliGroupByMs)} ms\tours/anchor ${(q.spendingMs / q.sqliteCliGroupByMs).toFixed(3)}`,
  );
  return lines;
}

/** `npm run bench`'s issue-7 section: BENCH_TX_INGEST (default 100,000) and BENCH_TX_QUERY (1,000,000) rows. */
export async function runTransactionsBench(): Promise<void> {
  const ingestRows = Number(process.env.BENCH_TX_INGEST ?? 100_000);
  const queryRows = Number(process.env.BENCH_TX_QUERY ?? 1_000_000);
  const dir = benchDir();
  try {
    console.log(`\n# transactions (issue 7): ingest ${ingestRows}, queries over ${queryRows}`);
    for (const line of formatIngest(await benchIngest(ingestRows, dir))) console.log(line);
    for (const line of formatIngest(await benchIngest(ingestRows, dir, false))) console.log(line);
    for (const line of formatQueries(await benchQueries(queryRows, dir))) console.log(line);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
