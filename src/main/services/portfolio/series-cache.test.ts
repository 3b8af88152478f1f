/**
 * The value history and returns are kept between calls: a second call answers what the first
 * computed, and any write to the ledger (this connection, another one, a transaction rolled back)
 * makes the next call answer what a fresh computation answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processInvestments } from '../ingest/investments/process';
import type { RawInvestments } from '../ingest/investments/raw';
import { insertItem, upsertAccounts } from '../items/store';
import { openLedger, type Ledger } from '../ledger/ledger';
import { holding, investmentAccount, security, txn } from './fixtures.testing';
import { accountSeries, firstSnapshot } from './history';
import { PortfolioSeries } from './series-cache';
import { portfolioHandlers } from './service';

let dir: string;
let file: string;
let ledger: Ledger;

const securities = [
  security('cash', { name: 'U S Dollar', ticker_symbol: 'CUR:USD', type: 'cash', is_cash_equivalent: true }),
  security('vti', { name: 'VTI', ticker_symbol: 'VTI', type: 'etf' }),
];
const inv = { account_id: 'inv' };
const baseTransactions = [
  txn('deposit', { ...inv, date: '2024-01-03', amount: -2400 }),
  txn('buy', {
    ...inv,
    date: '2024-01-04',
    security_id: 'vti',
    type: 'buy',
    subtype: 'buy',
    quantity: 10,
    price: 190,
    amount: 1900,
  }),
];
const sync = (transactions: ReturnType<typeof txn>[]): RawInvestments => ({
  holdings: {
    securities,
    holdings: [
      holding('inv', 'cash', { quantity: 500, institution_value: 500, cost_basis: 500 }),
      holding('inv', 'vti', { quantity: 10, institution_price: 200, institution_value: 2000 }),
    ],
  },
  transactions: {
    startDate: '2022-06-28',
    endDate: '2024-06-28',
    securities,
    investment_transactions: transactions,
  },
});
// A fee Plaid reports late: every day before it is worth 10 more than the reconstruction said.
const withFee = sync([
  ...baseTransactions,
  txn('fee', { ...inv, date: '2024-03-10', type: 'fee', subtype: 'account fee', amount: 10 }),
]);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-portfolio-cache-'));
  file = path.join(dir, 'ledger.sqlite');
  ledger = openLedger(file);
  ledger.write(() => {
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_1', institutionName: 'Broker' });
    upsertAccounts(ledger, [investmentAccount('inv', 'Brokerage', 'USD', 2500_00)]);
    processInvestments(ledger, 'item-1', sync(baseTransactions));
  });
});
afterEach(() => {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const api = () => portfolioHandlers(ledger);
const history = () => api()['portfolio.history']({ accountId: null });
const performance = () => api()['portfolio.performance']({});

/** What the calls answer when nothing was kept. */
function fresh() {
  const computed = new PortfolioSeries(accountSeries(ledger), firstSnapshot(ledger));
  return {
    history: { series: computed.valueSeries(), firstSnapshot: computed.firstSnapshot },
    performance: { series: computed.returns() },
  };
}

const valueOn = (h: Awaited<ReturnType<typeof history>>, date: string) =>
  h.series.find((s) => s.accountId === 'inv')?.points.find((p) => p.date === date)?.valueMinor;

describe('the portfolio series cache', () => {
  it('answers the second call with what the first computed, for history and performance alike', async () => {
    const first = await history();
    const second = await history();
    expect(second.series[0]).toBe(first.series[0]);
    const returns = await performance();
    expect((await performance()).series[0]).toBe(returns.series[0]);
    expect(first).toEqual(fresh().history);
    expect(returns).toEqual(fresh().performance);
  });

  it('after a new transaction is written, answers what a fresh computation answers', async () => {
    const before = await history();
    const returnsBefore = await performance();
    expect(valueOn(before, '2024-03-01')).toBe(2400_00);
    ledger.write(() => processInvestments(ledger, 'item-1', withFee));
    const after = await history();
    expect(valueOn(after, '2024-03-01')).toBe(2410_00);
    expect(after).not.toEqual(before);
    expect(after).toEqual(fresh().history);
    const returnsAfter = await performance();
    expect(returnsAfter).not.toEqual(returnsBefore);
    expect(returnsAfter).toEqual(fresh().performance);
  });

  it('sees a write committed by another connection (the sync worker, another process)', async () => {
    expect(valueOn(await history(), '2024-03-01')).toBe(2400_00);
    const other = openLedger(file);
    try {
      other.write(() => processInvestments(other, 'item-1', withFee));
    } finally {
      other.close();
    }
    const after = await history();
    expect(valueOn(after, '2024-03-01')).toBe(2410_00);
    expect(after).toEqual(fresh().history);
  });

  it('keeps nothing read inside a transaction that is then rolled back', async () => {
    await history();
    expect(() =>
      ledger.write(() => {
        processInvestments(ledger, 'item-1', withFee);
        void history();
        throw new Error('the sync failed');
      }),
    ).toThrow('the sync failed');
    const after = await history();
    expect(valueOn(after, '2024-03-01')).toBe(2400_00);
    expect(after).toEqual(fresh().history);
  });
});
