/**
 * Issue 14 benchmarks (`npm run bench` runs them after the transactions figures; a tiny run is
 * part of `npm test` in tests/bench/net-worth-bench.test.ts).
 *
 * A ledger written directly: ten accounts (checking, savings, two cards, a loan, a brokerage
 * account…) over ten years with a few posted transactions a day and a balance snapshot a month,
 * plus two manual assets valued monthly. Measured in one run: the full rebuild of the daily
 * balances against a bare SQL running sum (window function) written into a table of the same
 * shape; one edited transaction and one sync (a day of new postings and new snapshots) brought
 * up to date incrementally, with the days each rewrote; and the net-worth series for ranges from
 * a month to all history (p95) against a bare GROUP BY over the same daily balances.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLedger, type Ledger } from '../src/main/services/ledger/ledger';
import { newLedgerKey } from '../src/main/services/ledger/ledger-file';
import { insertItem, upsertAccounts, type AccountRecord } from '../src/main/services/items/store';
import {
  markSnapshotDirty,
  rebuildAllDailyBalances,
  refreshDirtyBalances,
} from '../src/main/services/net-worth/daily-balances';
import { addDays } from '../src/main/services/net-worth/days';
import { createManualAsset, setManualValue } from '../src/main/services/net-worth/manual-assets';
import { netWorthSeries } from '../src/main/services/net-worth/series';

export interface NetWorthFigures {
  accounts: number;
  years: number;
  transactions: number;
  dailyRows: number;
  fullRebuildMs: number;
  anchorRebuildMs: number;
  editMs: number;
  editDays: number;
  syncMs: number;
  syncDays: number;
  seriesP95Ms: Record<string, number>;
  anchorSeriesP95Ms: Record<string, number>;
}

const TYPES: [string, string][] = [
  ['depository', 'checking'],
  ['depository', 'savings'],
  ['credit', 'credit card'],
  ['credit', 'credit card'],
  ['depository', 'checking'],
  ['loan', 'mortgage'],
  ['investment', 'brokerage'],
  ['depository', 'money market'],
  ['loan', 'student'],
  ['depository', 'cd'],
];

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Writes the ledger directly; returns the last day. */
function fill(ledger: Ledger, years: number, perDay: number): string {
  const end = '2026-06-30';
  const start = addDays(end, -Math.round(years * 365.25));
  const accounts: AccountRecord[] = TYPES.map(([type, subtype], i) => ({
    accountId: `acc-${i}`,
    itemId: 'item-1',
    name: `${subtype} ${i}`,
    officialName: null,
    mask: String(1000 + i),
    type,
    subtype,
    currency: 'USD',
    currentMinor: 0,
    availableMinor: null,
    limitMinor: null,
  }));
  ledger.write(() => {
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_bench', institutionName: 'Bench' });
    upsertAccounts(ledger, accounts);
    const tx = ledger.db.prepare(
      `INSERT INTO transactions (transaction_id, account_id, item_id, date, name, amount_minor, currency, pending, updated_at)
       VALUES (?, ?, 'item-1', ?, 'Bench', ?, 'USD', 0, '2026-06-30T00:00:00Z')`,
    );
    const snap = ledger.db.prepare(
      `INSERT INTO balance_snapshots (account_id, item_id, as_of, fetched_at, source, currency, current_minor)
       VALUES (?, 'item-1', ?, ?, 'sync', 'USD', ?)`,
    );
    let n = 0;
    for (const a of accounts) {
      let balance = 5_000_000;
      for (let date = start; date <= end; date = addDays(date, 1)) {
        // Loans and brokerage accounts carry no transactions in the ledger, only snapshots.
        if (a.type !== 'loan' && a.type !== 'investment')
          for (let k = 0; k < perDay; k++) {
            const amount = ((n * 7919) % 20_000) - 9_000;
            tx.run(`tx-${n++}`, a.accountId, date, amount);
            balance += a.type === 'credit' ? amount : -amount;
          }
        if (date.endsWith('-01') || date === end) snap.run(a.accountId, date, `${date}T12:00:00Z`, balance);
      }
    }
  });
  const house = createManualAsset(ledger, {
    name: 'House',
    kind: 'asset',
    currency: 'USD',
    date: start,
    valueMinor: 30_000_000,
  });
  const car = createManualAsset(ledger, {
    name: 'Car loan',
    kind: 'liability',
    currency: 'USD',
    date: start,
    valueMinor: 2_000_000,
  });
  for (let date = start, i = 0; date <= end; date = addDays(date, 30), i++) {
    setManualValue(ledger, house, date, 30_000_000 + i * 10_000);
    setManualValue(ledger, car, date, Math.max(0, 2_000_000 - i * 20_000));
  }
  return end;
}

export function benchNetWorth(
  options: { years?: number; perDay?: number; repeat?: number; dir?: string } = {},
): NetWorthFigures {
  const years = options.years ?? 10;
  const perDay = options.perDay ?? 3;
  const repeat = options.repeat ?? 40;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-nw-'));
  const file = path.join(dir, 'net-worth.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const ledger = openLedger(file, { key: newLedgerKey() });
  try {
    const end = fill(ledger, years, perDay);
    const db = ledger.db;
    // The triggers marked every day dirty while filling: the full rebuild clears that.
    const fullRebuildMs = time(() => rebuildAllDailyBalances(ledger, { today: end }));
    const dailyRows = db.prepare(`SELECT count(*) FROM daily_balances`).pluck().get() as number;
    const transactions = db.prepare(`SELECT count(*) FROM transactions`).pluck().get() as number;

    db.exec(`CREATE TEMP TABLE anchor_balances (account_id TEXT NOT NULL, date TEXT NOT NULL, balance_minor INTEGER NOT NULL,
      PRIMARY KEY (account_id, date)) WITHOUT ROWID`);
    const anchorRebuildMs = time(() =>
      ledger.write(() =>
        db.exec(`INSERT INTO anchor_balances SELECT account_id, date, sum(flow) OVER (PARTITION BY account_id ORDER BY date)
          FROM (SELECT account_id, date, sum(amount_minor) AS flow FROM transactions WHERE pending = 0 GROUP BY account_id, date)`),
      ),
    );

    // An edit: one transaction in the middle of the history changes its amount.
    const middle = addDays(end, -Math.round((years * 365) / 2));
    const editId = db
      .prepare(`SELECT transaction_id FROM transactions WHERE date = ? LIMIT 1`)
      .pluck()
      .get(middle) as string;
    let editDays = 0;
    const editMs = time(() => {
      ledger.write(() =>
        db
          .prepare(`UPDATE transactions SET amount_minor = amount_minor + 1234 WHERE transaction_id = ?`)
          .run(editId),
      );
      editDays = refreshDirtyBalances(ledger, { today: end });
    });

    // A sync: a new day of postings on every transaction account and a snapshot of every account.
    const next = addDays(end, 1);
    let syncDays = 0;
    const syncMs = time(() => {
      ledger.write(() => {
        const tx = db.prepare(
          `INSERT INTO transactions (transaction_id, account_id, item_id, date, name, amount_minor, currency, pending, updated_at)
           VALUES (?, ?, 'item-1', ?, 'Bench', 500, 'USD', 0, '2026-07-01T00:00:00Z')`,
        );
        const ids = db.prepare(`SELECT account_id, type FROM accounts`).all() as {
          account_id: string;
          type: string;
        }[];
        for (const a of ids)
          if (a.type !== 'loan' && a.type !== 'investment')
            tx.run(`tx-sync-${a.account_id}`, a.account_id, next);
        db.prepare(
          `INSERT INTO balance_snapshots (account_id, item_id, as_of, fetched_at, source, currency, current_minor)
           SELECT account_id, 'item-1', ?, '2026-07-01T12:00:00Z', 'sync', 'USD', 4_000_000 FROM accounts`,
        ).run(next);
        markSnapshotDirty(
          ledger,
          ids.map((a) => a.account_id),
          next,
        );
      });
      syncDays = refreshDirtyBalances(ledger, { today: next });
    });

    const ranges: Record<string, number> = {
      '1M': 30,
      '3M': 91,
      '1Y': 365,
      '5Y': 1826,
      all: Math.round(years * 365.25) + 1,
    };
    const seriesP95Ms: Record<string, number> = {};
    const anchorSeriesP95Ms: Record<string, number> = {};
    const anchor = db.prepare(
      `SELECT date, sum(balance_minor) FROM daily_balances WHERE date BETWEEN ? AND ? GROUP BY date`,
    );
    for (const [name, days] of Object.entries(ranges)) {
      const from = addDays(next, -days);
      seriesP95Ms[name] = p95(
        Array.from({ length: repeat }, () => time(() => netWorthSeries(ledger, from, next))),
      );
      anchorSeriesP95Ms[name] = p95(Array.from({ length: repeat }, () => time(() => anchor.all(from, next))));
    }
    return {
      accounts: TYPES.length,
      years,
      transactions,
      dailyRows,
      fullRebuildMs,
      anchorRebuildMs,
      editMs,
      editDays,
      syncMs,
      syncDays,
      seriesP95Ms,
      anchorSeriesP95Ms,
    };
  } finally {
    ledger.close();
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

export function formatNetWorth(f: NetWorthFigures): string[] {
  return [
    `net worth: ${f.accounts} accounts × ${f.years} years, ${f.transactions} transactions, ${f.dailyRows} daily balances`,
    `  full rebuild of daily balances: ${ms(f.fullRebuildMs)} (anchor: bare SQL running sum ${ms(f.anchorRebuildMs)})`,
    `  one edited transaction: ${ms(f.editMs)}, ${f.editDays} days rewritten`,
    `  one sync (a day of postings, a snapshot per account): ${ms(f.syncMs)}, ${f.syncDays} days rewritten`,
    ...Object.keys(f.seriesP95Ms).map(
      (r) =>
        `  series ${r}: p95 ${ms(f.seriesP95Ms[r]!)} (anchor: bare GROUP BY ${ms(f.anchorSeriesP95Ms[r]!)})`,
    ),
  ];
}

export function runNetWorthBench(): void {
  for (const line of formatNetWorth(benchNetWorth())) console.log(line);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runNetWorthBench();
