/**
 * Issue 13 benchmarks (`npm run bench` runs them after the net-worth figures; a tiny run is part
 * of `npm test` in tests/bench/portfolio-bench.test.ts).
 *
 * A ledger written directly: ten investment accounts over ten years with thirty securities, each
 * account with a monthly contribution, buys, sells, dividends and quarterly fees (the simulator's
 * history stops at two years), today's holdings equal to what those transactions leave, and a
 * valuation snapshot per account each month. Measured in one run:
 * - the Portfolio view's calls (holdings, investment transactions, value history, performance),
 *   p95, each beside a bare SQL read of the same rows;
 * - after a sync (a new day of trades, new holdings and a snapshot per account): recomputing the
 *   value history and returns of every account and the total, and bringing net worth's daily
 *   balances of the investment accounts up to date from it, beside a bare SQL running sum over the
 *   same transactions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertItem, upsertAccounts, type AccountRecord } from '../src/main/services/items/store';
import { openLedger, type Ledger } from '../src/main/services/ledger/ledger';
import { newLedgerKey } from '../src/main/services/ledger/ledger-file';
import {
  markSnapshotDirty,
  rebuildAllDailyBalances,
  refreshDirtyBalances,
} from '../src/main/services/net-worth/daily-balances';
import { addDays } from '../src/main/services/net-worth/days';
import { portfolioHandlers } from '../src/main/services/portfolio/service';
import { InvestmentTransactionsRequest } from '../src/shared/contract/portfolio';
import { portfolioValueSource } from '../src/main/services/portfolio/value-source';

export interface PortfolioFigures {
  accounts: number;
  securities: number;
  years: number;
  transactions: number;
  historyDays: number;
  viewP95Ms: Record<string, number>;
  anchorP95Ms: Record<string, number>;
  recomputeMs: number;
  /** History and performance, the first calls after a write: p95 over the repetitions. */
  recomputeP95Ms: number;
  /** The first page of the unfiltered transactions, the first call after a write: p95. */
  transactionsAfterWriteP95Ms: number;
  netWorthRefreshMs: number;
  anchorRecomputeMs: number;
}

const ACCOUNTS = 10;
const SECURITIES = 30;
const END = '2026-06-30';
const TYPES = ['equity', 'etf', 'mutual fund', 'fixed income'];

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** A deterministic price walk: each security drifts up with a seasonal swing of its own. */
function priceOf(security: number, day: number): number {
  return Math.round((40 + security * 7 + day * 0.02 + 15 * Math.sin(day / 60 + security)) * 100) / 100;
}

const dayIndex = (date: string, start: string) => (Date.parse(date) - Date.parse(start)) / 86_400_000;

interface Position {
  quantity: number;
  costMinor: number;
}

/** Writes the ledger directly; returns the number of investment transactions. */
export function fill(ledger: Ledger, years: number): number {
  const start = addDays(END, -Math.round(years * 365.25));
  const accounts: AccountRecord[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
    accountId: `inv-${i}`,
    itemId: 'item-1',
    name: `Brokerage ${i}`,
    officialName: null,
    mask: String(2000 + i),
    type: 'investment',
    subtype: i % 3 === 0 ? 'ira' : 'brokerage',
    currency: 'USD',
    currentMinor: 0,
    availableMinor: null,
    limitMinor: null,
  }));
  let n = 0;
  ledger.write(() => {
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_bench', institutionName: 'Bench broker' });
    upsertAccounts(ledger, accounts);
    const sec = ledger.db.prepare(
      `INSERT INTO securities (security_id, name, ticker, type, subtype, is_cash, proxy_security_id,
         close_price, close_price_as_of, currency, updated_at) VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?, 'USD', ?)`,
    );
    sec.run('cash', 'U S Dollar', 'CUR:USD', 'cash', 1, 1, END, END);
    for (let s = 0; s < SECURITIES; s++)
      sec.run(`sec-${s}`, `Security ${s}`, `T${s}`, TYPES[s % TYPES.length], 0, priceOf(s, 0), END, END);
    const tx = ledger.db.prepare(
      `INSERT INTO investment_transactions (investment_transaction_id, account_id, item_id, security_id, date,
         name, quantity, price, amount_minor, fees_minor, type, subtype, currency)
       VALUES (?, ?, 'item-1', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD')`,
    );
    const valuation = ledger.db.prepare(
      `INSERT INTO investment_valuations (account_id, currency, date, value_minor, cash_minor) VALUES (?, 'USD', ?, ?, ?)`,
    );
    const holding = ledger.db.prepare(
      `INSERT INTO holdings (account_id, security_id, item_id, quantity, price, price_as_of, value_minor,
         cost_basis_minor, currency) VALUES (?, ?, 'item-1', ?, ?, ?, ?, ?, 'USD')`,
    );
    const last = dayIndex(END, start);
    for (const [a, account] of accounts.entries()) {
      let cash = 0;
      const positions = new Map<number, Position>();
      const held = Array.from({ length: 8 }, (_, k) => (a * 3 + k * 4) % SECURITIES);
      const value = (day: number) =>
        cash + [...positions].reduce((v, [s, p]) => v + Math.round(p.quantity * priceOf(s, day) * 100), 0);
      for (let date = start; date <= END; date = addDays(date, 1)) {
        const day = dayIndex(date, start);
        const dom = Number(date.slice(8, 10));
        const id = () => `itx-${n++}`;
        if (dom === 1) {
          tx.run(
            id(),
            account.accountId,
            null,
            date,
            'CONTRIBUTION',
            0,
            0,
            -150_000,
            null,
            'cash',
            'contribution',
          );
          cash += 150_000;
        }
        if (dom === 3 || dom === 12 || dom === 21) {
          const s = held[(day + a) % held.length]!;
          const price = priceOf(s, day);
          const quantity = Math.floor(40_000 / (price * 100));
          const amount = Math.round(quantity * price * 100);
          if (quantity > 0 && cash >= amount + 100) {
            tx.run(
              id(),
              account.accountId,
              `sec-${s}`,
              date,
              `BUY T${s}`,
              quantity,
              price,
              amount + 100,
              100,
              'buy',
              'buy',
            );
            cash -= amount + 100;
            const p = positions.get(s) ?? { quantity: 0, costMinor: 0 };
            positions.set(s, { quantity: p.quantity + quantity, costMinor: p.costMinor + amount });
          }
        }
        if (dom === 17 && Number(date.slice(5, 7)) % 2 === 0) {
          const [s, p] = [...positions][(day + a) % Math.max(1, positions.size)] ?? [];
          if (s !== undefined && p && p.quantity >= 2) {
            const quantity = Math.floor(p.quantity / 2);
            const price = priceOf(s, day);
            const amount = Math.round(quantity * price * 100);
            tx.run(
              id(),
              account.accountId,
              `sec-${s}`,
              date,
              `SELL T${s}`,
              -quantity,
              price,
              -amount,
              null,
              'sell',
              'sell',
            );
            cash += amount;
            positions.set(s, {
              quantity: p.quantity - quantity,
              costMinor: Math.round((p.costMinor * (p.quantity - quantity)) / p.quantity),
            });
          }
        }
        if (dom === 25) {
          for (const [s, p] of positions)
            if (s % 3 === 0 && p.quantity > 0) {
              const amount = Math.round(p.quantity * 25);
              tx.run(
                id(),
                account.accountId,
                `sec-${s}`,
                date,
                `DIVIDEND T${s}`,
                0,
                0,
                -amount,
                null,
                'cash',
                'qualified dividend',
              );
              cash += amount;
            }
        }
        if (dom === 28 && Number(date.slice(5, 7)) % 3 === 0) {
          tx.run(id(), account.accountId, null, date, 'ACCOUNT FEE', 0, 0, 2_500, null, 'fee', 'account fee');
          cash -= 2_500;
        }
        if (dom === 1 || date === END) valuation.run(account.accountId, date, value(day), cash);
      }
      holding.run(account.accountId, 'cash', cash / 100, 1, END, cash, cash);
      for (const [s, p] of positions)
        if (p.quantity > 0) {
          const price = priceOf(s, last);
          holding.run(
            account.accountId,
            `sec-${s}`,
            p.quantity,
            price,
            END,
            Math.round(p.quantity * price * 100),
            p.costMinor,
          );
        }
    }
    // Net worth starts with a balance snapshot per account on the last day (the first fetch).
    ledger.db
      .prepare(
        `INSERT INTO balance_snapshots (account_id, item_id, as_of, fetched_at, source, currency, current_minor)
         SELECT account_id, 'item-1', ?, ?, 'sync', 'USD', value_minor FROM investment_valuations WHERE date = ?`,
      )
      .run(END, `${END}T12:00:00Z`, END);
  });
  return n;
}

export async function benchPortfolio(
  options: { years?: number; repeat?: number; dir?: string } = {},
): Promise<PortfolioFigures> {
  const years = options.years ?? 10;
  const repeat = options.repeat ?? 30;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-portfolio-'));
  const file = path.join(dir, 'portfolio.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const ledger = openLedger(file, { key: newLedgerKey() });
  try {
    const transactions = fill(ledger, years);
    const db = ledger.db;
    const sources = [portfolioValueSource];
    rebuildAllDailyBalances(ledger, { today: END, sources });
    const api = portfolioHandlers(ledger);
    // Every filter off, the view's page size: the request's defaults.
    const noFilter = InvestmentTransactionsRequest.parse({});
    const oneAccountYear = { ...noFilter, accountId: 'inv-3', from: '2025-01-01', to: '2025-12-31' };
    const calls: Record<string, () => Promise<unknown>> = {
      holdings: () => api['portfolio.holdings']({}),
      'transactions (first page of 200, unfiltered)': () => api['portfolio.transactions'](noFilter),
      'transactions (first page, one account, one year)': () => api['portfolio.transactions'](oneAccountYear),
      'transactions (every row, page by page, as the CLI reads them)': async () => {
        let after: { date: string; id: string } | null = null;
        do after = (await api['portfolio.transactions']({ ...noFilter, limit: 1000, after })).next;
        while (after);
      },
      history: () => api['portfolio.history']({ accountId: null }),
      performance: () => api['portfolio.performance']({}),
    };
    const anchors: Record<string, () => unknown> = {
      holdings: () =>
        db
          .prepare(
            `SELECT h.*, s.name, s.ticker, s.type FROM holdings h JOIN securities s ON s.security_id = h.security_id`,
          )
          .all(),
      'transactions (first page of 200, unfiltered)': () =>
        db
          .prepare(
            `SELECT t.*, a.name, s.ticker FROM investment_transactions t JOIN accounts a ON a.account_id = t.account_id
             LEFT JOIN securities s ON s.security_id = t.security_id
             ORDER BY t.date DESC, t.investment_transaction_id LIMIT 200`,
          )
          .all(),
      'transactions (first page, one account, one year)': () =>
        db
          .prepare(
            `SELECT * FROM investment_transactions WHERE account_id = 'inv-3' AND date BETWEEN '2025-01-01' AND '2025-12-31'
             ORDER BY date DESC, investment_transaction_id LIMIT 200`,
          )
          .all(),
      'transactions (every row, page by page, as the CLI reads them)': () =>
        db
          .prepare(
            `SELECT t.*, a.name, s.ticker FROM investment_transactions t JOIN accounts a ON a.account_id = t.account_id
             LEFT JOIN securities s ON s.security_id = t.security_id ORDER BY t.date DESC`,
          )
          .all(),
      history: () => runningSum(ledger),
      performance: () => runningSum(ledger),
    };
    const viewP95Ms: Record<string, number> = {};
    const anchorP95Ms: Record<string, number> = {};
    for (const [name, call] of Object.entries(calls)) {
      await call();
      const times: number[] = [];
      for (let i = 0; i < repeat; i++) times.push(await timeAsync(call));
      viewP95Ms[name] = p95(times);
      anchorP95Ms[name] = p95(Array.from({ length: repeat }, () => time(anchors[name]!)));
    }
    const recomputes: number[] = [];
    const firstPages: number[] = [];
    for (let i = 0; i < repeat; i++) {
      // Any write makes what is kept stale, as a sync's would.
      ledger.write(() => db.prepare(`UPDATE items SET institution_name = institution_name`).run());
      firstPages.push(await timeAsync(() => api['portfolio.transactions'](noFilter)));
      recomputes.push(
        await timeAsync(async () => {
          await api['portfolio.history']({ accountId: null });
          await api['portfolio.performance']({});
        }),
      );
    }
    const recomputeP95Ms = p95(recomputes);
    const transactionsAfterWriteP95Ms = p95(firstPages);
    const history = (await api['portfolio.history']({ accountId: null })) as {
      series: { points: unknown[] }[];
    };
    const historyDays = history.series[0]?.points.length ?? 0;

    // A sync: a day of trades on every account, its holdings and snapshot; then history and returns.
    const next = addDays(END, 1);
    ledger.write(() => {
      for (let a = 0; a < ACCOUNTS; a++) {
        db.prepare(
          `INSERT INTO investment_transactions (investment_transaction_id, account_id, item_id, security_id, date, name,
             quantity, price, amount_minor, fees_minor, type, subtype, currency)
           VALUES (?, ?, 'item-1', NULL, ?, 'CONTRIBUTION', 0, 0, -50000, NULL, 'cash', 'contribution', 'USD')`,
        ).run(`itx-sync-${a}`, `inv-${a}`, next);
        db.prepare(
          `UPDATE holdings SET quantity = quantity + 500, value_minor = value_minor + 50000, price_as_of = ?
           WHERE account_id = ? AND security_id = 'cash'`,
        ).run(next, `inv-${a}`);
        db.prepare(
          `INSERT INTO investment_valuations (account_id, currency, date, value_minor, cash_minor)
           SELECT account_id, 'USD', ?, sum(value_minor), 0 FROM holdings WHERE account_id = ?`,
        ).run(next, `inv-${a}`);
      }
      db.prepare(
        `INSERT INTO balance_snapshots (account_id, item_id, as_of, fetched_at, source, currency, current_minor)
         SELECT account_id, 'item-1', ?, ?, 'sync', 'USD', value_minor FROM investment_valuations WHERE date = ?`,
      ).run(next, `${next}T12:00:00Z`, next);
      markSnapshotDirty(
        ledger,
        Array.from({ length: ACCOUNTS }, (_, a) => `inv-${a}`),
        next,
      );
    });
    // In the order of a sync: net worth's refresh in the sync's transaction, then the view's calls.
    const netWorthRefreshMs = time(() => refreshDirtyBalances(ledger, { today: next, sources }));
    const recomputeMs = await timeAsync(async () => {
      await api['portfolio.history']({ accountId: null });
      await api['portfolio.performance']({});
    });
    const anchorRecomputeMs = time(() => runningSum(ledger));
    return {
      accounts: ACCOUNTS,
      securities: SECURITIES,
      years,
      transactions,
      historyDays,
      viewP95Ms,
      anchorP95Ms,
      recomputeMs,
      recomputeP95Ms,
      transactionsAfterWriteP95Ms,
      netWorthRefreshMs,
      anchorRecomputeMs,
    };
  } finally {
    ledger.close();
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The anchor for a value history: a bare SQL running sum of each account's cash by day. */
function runningSum(ledger: Ledger): unknown[] {
  return ledger.db
    .prepare(
      `SELECT account_id, date, sum(flow) OVER (PARTITION BY account_id ORDER BY date) FROM
         (SELECT account_id, date, sum(amount_minor) AS flow FROM investment_transactions GROUP BY account_id, date)`,
    )
    .all();
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

export function formatPortfolio(f: PortfolioFigures): string[] {
  return [
    `portfolio: ${f.accounts} investment accounts × ${f.years} years, ${f.securities} securities, ${f.transactions} investment transactions, ${f.historyDays} days of value history`,
    ...Object.keys(f.viewP95Ms).map(
      (k) => `  ${k}: p95 ${ms(f.viewP95Ms[k]!)} (anchor: bare SQL ${ms(f.anchorP95Ms[k]!)})`,
    ),
    `  after a sync, value history and returns of every account: ${ms(f.recomputeMs)} (anchor: bare SQL running sum ${ms(f.anchorRecomputeMs)})`,
    `  after any write, the first page of the unfiltered transactions (count, totals, choices read again): p95 ${ms(f.transactionsAfterWriteP95Ms)}`,
    `  after any write, value history and returns of every account: p95 ${ms(f.recomputeP95Ms)}`,
    `  after a sync, net worth's daily balances of the investment accounts: ${ms(f.netWorthRefreshMs)}`,
  ];
}

export async function runPortfolioBench(): Promise<void> {
  for (const line of formatPortfolio(await benchPortfolio())) console.log(line);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await runPortfolioBench();
