/**
 * The portfolio over fixtures the simulator never produces: a null price, a security without a
 * ticker, an option through proxy_security_id, a non-USD holding, an unknown subtype, an
 * investment account with nothing in it, and a position Plaid reports in two lots.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processInvestments } from '../ingest/investments/process';
import type { RawInvestments } from '../ingest/investments/raw';
import { insertItem, upsertAccounts } from '../items/store';
import { openLedger, type Ledger } from '../ledger/ledger';
import { portfolioHoldings } from './holdings';
import { accountSeries } from './history';
import { holding, investmentAccount, security, txn } from './fixtures.testing';
import type { InvestmentTransactionCursor } from '../../../shared/contract/portfolio';
import { portfolioHandlers } from './service';
import { investmentTotals, investmentTransactionsPage } from './transactions';

let dir: string;
let ledger: Ledger;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-portfolio-'));
  ledger = openLedger(path.join(dir, 'ledger.sqlite'));
  ledger.write(() => {
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_1', institutionName: 'Broker' });
    upsertAccounts(ledger, [
      investmentAccount('usd', 'Brokerage', 'USD'),
      investmentAccount('cad', 'TFSA', 'CAD'),
      investmentAccount('empty', 'Old IRA', 'USD'),
    ]);
  });
});
afterEach(() => {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const securities = [
  security('cash', { name: 'U S Dollar', ticker_symbol: 'CUR:USD', type: 'cash', is_cash_equivalent: true }),
  security('aapl', { name: 'Apple Inc.', ticker_symbol: 'AAPL', type: 'equity', close_price: 200 }),
  security('call', { name: null, ticker_symbol: null, type: 'derivative', proxy_security_id: 'aapl' }),
  security('bond', { name: 'Municipal bond 2031', ticker_symbol: null, type: 'fixed income' }),
  security('dark', { name: 'Private placement', ticker_symbol: 'PRIV', type: 'equity' }),
  security('shop', { name: 'Shopify', ticker_symbol: 'SHOP', type: 'equity', iso_currency_code: 'CAD' }),
];

const raw: RawInvestments = {
  holdings: {
    securities,
    holdings: [
      holding('usd', 'cash', { quantity: 500, institution_value: 500, cost_basis: 500 }),
      // Two lots of one position: one row, quantities, values and costs added.
      holding('usd', 'aapl', {
        quantity: 5,
        institution_price: 200,
        institution_value: 1000,
        cost_basis: 750,
      }),
      holding('usd', 'aapl', {
        quantity: 5,
        institution_price: 200,
        institution_value: 1000,
        cost_basis: 850,
      }),
      holding('usd', 'call', {
        quantity: 1,
        institution_price: 5.5,
        institution_value: 550,
        cost_basis: 400,
      }),
      holding('usd', 'bond', {
        quantity: 10,
        institution_price: 98,
        institution_value: 980,
        cost_basis: 1000,
      }),
      holding('usd', 'dark', {
        quantity: 100,
        institution_price: null,
        institution_value: 0,
        cost_basis: 1000,
      }),
      holding('cad', 'shop', {
        quantity: 10,
        institution_price: 90,
        institution_value: 900,
        cost_basis: 700,
        iso_currency_code: 'CAD',
      }),
    ],
  },
  transactions: {
    startDate: '2022-06-28',
    endDate: '2024-06-28',
    securities,
    investment_transactions: [
      txn('deposit', { amount: -1000 }),
      txn('buy', {
        security_id: 'aapl',
        type: 'buy',
        subtype: 'buy',
        quantity: 2,
        price: 190,
        amount: 385,
        fees: 5,
      }),
      txn('div', { security_id: 'aapl', subtype: 'qualified dividend', amount: -12.5, date: '2024-05-15' }),
      txn('odd', { type: 'cash', subtype: 'crypto staking reward', amount: -3, date: '2024-05-16' }),
      txn('fee', { type: 'fee', subtype: 'account fee', amount: 25, date: '2023-01-27' }),
      txn('int', { type: 'cash', subtype: 'interest', amount: -4.2, date: '2023-12-31' }),
      txn('cad-buy', {
        account_id: 'cad',
        security_id: 'shop',
        type: 'buy',
        subtype: 'buy',
        quantity: 10,
        price: 70,
        amount: 700,
        iso_currency_code: 'CAD',
      }),
    ],
  },
};

function load() {
  ledger.write(() => processInvestments(ledger, 'item-1', raw));
}

describe('holdings from fixtures', () => {
  it('shows each case sensibly and never mixes currencies', () => {
    load();
    const p = portfolioHoldings(ledger);
    const usd = p.accounts.find((a) => a.accountId === 'usd')!;
    const bySecurity = new Map(usd.holdings.map((h) => [h.securityId, h]));

    expect(bySecurity.get('cash')).toMatchObject({
      isCash: true,
      valueMinor: 500_00,
      gainMinor: null,
      costBasisMinor: null,
    });
    // cost_basis is a total: 1,600 for 10 shares worth 2,000 is a 25% gain, not −97%.
    expect(bySecurity.get('aapl')).toMatchObject({
      quantity: 10,
      valueMinor: 2000_00,
      costBasisMinor: 1600_00,
      gainMinor: 400_00,
      gainFraction: 0.25,
    });
    expect(bySecurity.get('call')).toMatchObject({
      ticker: 'AAPL',
      underlying: 'AAPL',
      name: 'Apple Inc. (derivative)',
      type: 'derivative',
    });
    expect(bySecurity.get('bond')).toMatchObject({
      ticker: null,
      name: 'Municipal bond 2031',
      gainMinor: -20_00,
    });
    expect(bySecurity.get('dark')).toMatchObject({
      price: null,
      valueMinor: 0,
      gainMinor: null,
      gainFraction: null,
    });

    // The cash is counted once in the account's total, and weights add to 1.
    expect(usd.totals).toEqual([
      { currency: 'USD', valueMinor: 4030_00, cashMinor: 500_00, costBasisMinor: 3000_00, gainMinor: 530_00 },
    ]);
    expect(usd.holdings.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 12);

    // The CAD holding stays in CAD: its own total, its own weight of 1.
    expect(p.totals.map((t) => [t.currency, t.valueMinor])).toEqual([
      ['CAD', 900_00],
      ['USD', 4030_00],
    ]);
    expect(p.combined.find((h) => h.securityId === 'shop')).toMatchObject({ currency: 'CAD', weight: 1 });
    expect(p.allocation.byCurrency.map((s) => [s.key, s.valueMinor])).toEqual([
      ['CAD', 900_00],
      ['USD', 4030_00],
    ]);
    expect(
      p.allocation.byType.filter((s) => s.currency === 'USD').map((s) => [s.label, s.valueMinor]),
    ).toEqual([
      ['Stocks', 2000_00],
      ['Bonds', 980_00],
      ['Derivatives', 550_00],
      ['Cash', 500_00],
    ]);

    // An investment account with no holdings is listed, empty, not an error.
    expect(p.accounts.find((a) => a.accountId === 'empty')).toMatchObject({ holdings: [], totals: [] });
  });

  it('leaves the same rows when the same answer is processed twice', () => {
    load();
    const once = { h: portfolioHoldings(ledger), t: investmentTransactions(ledger, filter()) };
    const counts = ledger.write(() => processInvestments(ledger, 'item-1', raw));
    expect(counts.added).toBe(0);
    expect({ h: portfolioHoldings(ledger), t: investmentTransactions(ledger, filter()) }).toEqual(once);
  });
});

const filter = (
  f: Partial<Record<'accountId' | 'type' | 'subtype' | 'securityId' | 'from' | 'to', string>> = {},
) => ({
  accountId: null,
  type: null,
  subtype: null,
  securityId: null,
  from: null,
  to: null,
  ...f,
});

/** Every matching transaction, read a page of `limit` at a time as the view and the CLI do. */
function investmentTransactions(l: Ledger, f: ReturnType<typeof filter>, limit = 2) {
  const out = [];
  let after: InvestmentTransactionCursor | null = null;
  do {
    const page = investmentTransactionsPage(l, { ...f, limit, after });
    out.push(...page.transactions);
    after = page.next;
  } while (after);
  return out;
}

describe('investment transactions from fixtures', () => {
  it('names every subtype as Plaid does, an unknown one included, and totals income and fees per year', () => {
    load();
    const all = investmentTransactions(ledger, filter());
    expect(all.find((t) => t.id === 'odd')).toMatchObject({ label: 'Crypto staking reward', kind: 'cash' });
    expect(all.find((t) => t.id === 'div')).toMatchObject({ label: 'Qualified dividend', kind: 'dividend' });
    expect(all.some((t) => /other/i.test(t.label))).toBe(false);
    expect(investmentTotals(ledger, filter()).yearly).toEqual([
      { year: 2024, currency: 'CAD', dividendsMinor: 0, interestMinor: 0, feesMinor: 0 },
      { year: 2024, currency: 'USD', dividendsMinor: 12_50, interestMinor: 0, feesMinor: 5_00 },
      { year: 2023, currency: 'USD', dividendsMinor: 0, interestMinor: 4_20, feesMinor: 25_00 },
    ]);
  });

  it('filters by account, type, subtype, security and dates', () => {
    load();
    const ids = (f: Parameters<typeof filter>[0]) =>
      investmentTransactions(ledger, filter(f))
        .map((t) => t.id)
        .sort();
    expect(ids({ accountId: 'cad' })).toEqual(['cad-buy']);
    expect(ids({ type: 'buy' })).toEqual(['buy', 'cad-buy']);
    expect(ids({ subtype: 'qualified dividend' })).toEqual(['div']);
    expect(ids({ securityId: 'aapl' })).toEqual(['buy', 'div']);
    expect(ids({ from: '2023-01-01', to: '2023-12-31' })).toEqual(['fee', 'int']);
  });
});

describe('value history from fixtures', () => {
  it('starts with the snapshot taken at the sync and keeps currencies apart', () => {
    load();
    const series = accountSeries(ledger);
    const usd = series.find((s) => s.accountId === 'usd' && s.currency === 'USD')!;
    expect(usd.points.at(-1)).toEqual({ date: '2024-06-28', value: 4030_00, flow: 0, estimated: false });
    expect(usd.points[0]?.date).toBe('2023-01-27');
    const cad = series.find((s) => s.accountId === 'cad')!;
    expect(cad.currency).toBe('CAD');
    expect(cad.points.at(-1)?.value).toBe(900_00);
    // The empty account is worth 0 on the snapshot day, not missing.
    expect(series.find((s) => s.accountId === 'empty')?.points).toEqual([
      { date: '2024-06-28', value: 0, flow: 0, estimated: false },
    ]);
  });
});

describe('investment transactions a page at a time', () => {
  const api = () => portfolioHandlers(ledger);
  const ask = (patch: Partial<Parameters<ReturnType<typeof api>['portfolio.transactions']>[0]> = {}) =>
    api()['portfolio.transactions']({ ...filter(), limit: 200, after: null, ...patch });

  it('pages through every match once, newest first, each page with the count and totals of all matches', async () => {
    load();
    const whole = await ask();
    expect(whole.total).toBe(7);
    expect(whole.next).toBeNull();
    expect(whole.transactions.map((t) => t.date)).toEqual(
      whole.transactions.map((t) => t.date).sort((a, b) => (a < b ? 1 : -1)),
    );
    const first = await ask({ limit: 3 });
    expect(first.transactions).toEqual(whole.transactions.slice(0, 3));
    expect(first.next).toEqual({ date: whole.transactions[2]!.date, id: whole.transactions[2]!.id });
    const second = await ask({ limit: 3, after: first.next });
    const third = await ask({ limit: 3, after: second.next });
    expect([...second.transactions, ...third.transactions]).toEqual(whole.transactions.slice(3));
    expect(third.next).toBeNull();
    for (const page of [first, second, third]) {
      expect(page.total).toBe(7);
      expect(page.yearly).toEqual(whole.yearly);
    }
  });

  it('totals only what the filter matches, and offers the choices of the whole list on the first page', async () => {
    load();
    const fees = await ask({ from: '2023-01-01', to: '2023-12-31', limit: 1 });
    expect(fees.total).toBe(2);
    expect(fees.yearly).toEqual([
      { year: 2023, currency: 'USD', dividendsMinor: 0, interestMinor: 4_20, feesMinor: 25_00 },
    ]);
    expect(fees.choices?.subtypes).toEqual([
      'account fee',
      'buy',
      'crypto staking reward',
      'deposit',
      'interest',
      'qualified dividend',
    ]);
    expect(fees.choices?.securities).toEqual([
      { id: 'aapl', name: 'AAPL' },
      { id: 'shop', name: 'SHOP' },
    ]);
    expect((await ask({ from: '2023-01-01', to: '2023-12-31', after: fees.next })).choices).toBeNull();
  });

  it('counts, totals and offers a transaction written after the first read', async () => {
    load();
    const before = await ask();
    ledger.write(() =>
      processInvestments(ledger, 'item-1', {
        ...raw,
        transactions: {
          ...raw.transactions,
          investment_transactions: [
            ...raw.transactions.investment_transactions,
            txn('late-fee', { type: 'fee', subtype: 'management fee', amount: 7, date: '2024-06-20' }),
          ],
        },
      }),
    );
    const after = await ask();
    expect(after.total).toBe(before.total + 1);
    expect(after.yearly.find((y) => y.year === 2024 && y.currency === 'USD')?.feesMinor).toBe(5_00 + 7_00);
    expect(after.choices?.subtypes).toContain('management fee');
  });
});
