/**
 * Net worth takes the portfolio's value history for an investment account's days before its
 * first balance snapshot: without it a brokerage account (no cash transactions) would appear on
 * the day the Item was linked; with it, it has history, estimated days marked as such.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processInvestments } from '../ingest/investments/process';
import type { RawInvestments } from '../ingest/investments/raw';
import { insertItem, upsertAccounts } from '../items/store';
import { openLedger, type Ledger } from '../ledger/ledger';
import {
  markSnapshotDirty,
  rebuildAllDailyBalances,
  refreshDirtyBalances,
} from '../net-worth/daily-balances';
import { breakdownOn, netWorthSeries } from '../net-worth/series';
import { holding, investmentAccount, security, txn } from './fixtures.testing';
import { portfolioValueSource } from './value-source';

let dir: string;
let ledger: Ledger;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-portfolio-nw-'));
  ledger = openLedger(path.join(dir, 'ledger.sqlite'));
  ledger.write(() => {
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_1', institutionName: 'Broker' });
    upsertAccounts(ledger, [investmentAccount('inv', 'Brokerage', 'USD', 2510_00)]);
  });
});
afterEach(() => {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const securities = [
  security('cash', { name: 'U S Dollar', ticker_symbol: 'CUR:USD', type: 'cash', is_cash_equivalent: true }),
  security('vti', { name: 'VTI', ticker_symbol: 'VTI', type: 'etf' }),
];
const inv = { account_id: 'inv' };

// Deposited 2,400 on Jun 3, bought 10 VTI at 190 on Jun 4; on Jun 28 VTI is at 200 and 500 is cash.
const raw: RawInvestments = {
  holdings: {
    securities,
    holdings: [
      holding('inv', 'cash', { quantity: 500, institution_value: 500, cost_basis: 500 }),
      holding('inv', 'vti', {
        quantity: 10,
        institution_price: 200,
        institution_value: 2000,
        cost_basis: 1900,
      }),
    ],
  },
  transactions: {
    startDate: '2022-06-28',
    endDate: '2024-06-28',
    securities,
    investment_transactions: [
      txn('deposit', { ...inv, date: '2024-06-03', amount: -2400 }),
      txn('buy', {
        ...inv,
        date: '2024-06-04',
        security_id: 'vti',
        type: 'buy',
        subtype: 'buy',
        quantity: 10,
        price: 190,
        amount: 1900,
      }),
    ],
  },
};

/** The app's first balance fetch, two days after the brokerage's newest prices. */
const firstBalance = () =>
  ledger.write(() =>
    ledger.db
      .prepare(
        `INSERT INTO balance_snapshots (account_id, item_id, as_of, fetched_at, source, currency, current_minor)
         VALUES ('inv', 'item-1', '2024-06-30', '2024-06-30T12:00:00Z', 'sync', 'USD', 251000)`,
      )
      .run(),
  );

const day = (days: ReturnType<typeof netWorthSeries>, date: string) => days.find((d) => d.date === date);

describe('investment accounts in net worth', () => {
  it('have no history before the first balance without the portfolio as a source', () => {
    ledger.write(() => processInvestments(ledger, 'item-1', raw));
    firstBalance();
    rebuildAllDailyBalances(ledger, { today: '2024-06-30' });
    expect(netWorthSeries(ledger, '2024-06-01', '2024-06-30').map((d) => d.date)).toEqual(['2024-06-30']);
  });

  it('take the portfolio value history before the first balance, estimated days marked', () => {
    ledger.write(() => processInvestments(ledger, 'item-1', raw));
    firstBalance();
    rebuildAllDailyBalances(ledger, { today: '2024-06-30', sources: [portfolioValueSource] });
    const days = netWorthSeries(ledger, '2024-06-01', '2024-06-30');
    expect(days[0]?.date).toBe('2024-06-03');
    expect(days).toHaveLength(28);
    // After the deposit: cash; after the buy, 10 shares priced at the trade's 190 until Plaid's 200.
    expect(day(days, '2024-06-03')).toMatchObject({ assetsMinor: 2400_00, estimated: true });
    expect(day(days, '2024-06-15')).toMatchObject({ assetsMinor: 2400_00, estimated: true });
    // The investments snapshot is exact; from the first balance on, the bank's balance decides.
    expect(day(days, '2024-06-28')).toMatchObject({ assetsMinor: 2500_00, estimated: false });
    expect(day(days, '2024-06-30')).toMatchObject({ assetsMinor: 2510_00, estimated: false });
    expect(days.filter((d) => d.estimated).map((d) => d.date)).toEqual(
      days.filter((d) => d.date < '2024-06-28').map((d) => d.date),
    );
    expect(breakdownOn(ledger, '2024-06-30').accounts[0]).toMatchObject({
      historyFrom: '2024-06-03',
      snapshotsOnly: false,
      estimatedUntil: '2024-06-27',
      balanceMinor: 2510_00,
    });
  });

  it('follow the portfolio again after a later sync moves the reconstruction', () => {
    ledger.write(() => processInvestments(ledger, 'item-1', raw));
    firstBalance();
    rebuildAllDailyBalances(ledger, { today: '2024-06-30', sources: [portfolioValueSource] });
    // A later sync reports an older fee Plaid had not sent before: every earlier day moves by it.
    const later: RawInvestments = {
      ...raw,
      transactions: {
        ...raw.transactions,
        investment_transactions: [
          ...raw.transactions.investment_transactions,
          txn('fee', { ...inv, date: '2024-06-10', type: 'fee', subtype: 'account fee', amount: 10 }),
        ],
      },
    };
    ledger.write(() => {
      processInvestments(ledger, 'item-1', later);
      markSnapshotDirty(ledger, ['inv'], '2024-06-30');
    });
    refreshDirtyBalances(ledger, { today: '2024-06-30', sources: [portfolioValueSource] });
    const days = netWorthSeries(ledger, '2024-06-01', '2024-06-30');
    expect(day(days, '2024-06-09')).toMatchObject({ assetsMinor: 2410_00, estimated: true });
    expect(day(days, '2024-06-10')).toMatchObject({ assetsMinor: 2400_00, estimated: true });
  });
});
