/**
 * The Portfolio view over fixtures the simulator never produces, rendered to HTML as the window
 * would show them: a null price, a security without a ticker, an option through
 * proxy_security_id, a CAD holding beside USD ones, an unknown subtype, an investment account with
 * nothing in it, and a ledger without investment accounts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CofferApi } from '../../../shared/api';
import type {
  Holding,
  InvestmentTransaction,
  PeriodReturn,
  PortfolioHoldings,
  ValuePoint,
} from '../../../shared/contract/portfolio';
import { createErrorsStore } from '../../ui/errors-store';
import { HoldingsSection } from './HoldingsSection';
import { PortfolioView } from './PortfolioView';
import { estimatedStretches, historyRows, returnCell } from './portfolio';
import { ReturnsTable } from './ReturnsTable';
import {
  createInvestmentTransactionsStore,
  createPortfolioStore,
  portfolioSlice,
  type PortfolioSlice,
} from './slice';
import { TransactionsSection } from './TransactionsSection';

const holding = (patch: Partial<Holding>): Holding => ({
  accountId: 'usd',
  accountName: 'Brokerage',
  securityId: 'x',
  name: 'X',
  ticker: 'X',
  type: 'equity',
  isCash: false,
  underlying: null,
  quantity: 1,
  price: 1,
  priceAsOf: '2024-06-28',
  valueMinor: 100,
  costBasisMinor: 100,
  gainMinor: 0,
  gainFraction: 0,
  weight: 0,
  currency: 'USD',
  ...patch,
});

const HOLDINGS: PortfolioHoldings = {
  accounts: [
    {
      accountId: 'usd',
      name: 'Brokerage',
      institutionName: 'Broker',
      currency: 'USD',
      holdings: [
        holding({
          securityId: 'aapl',
          name: 'Apple Inc.',
          ticker: 'AAPL',
          quantity: 10,
          price: 200,
          valueMinor: 2000_00,
          costBasisMinor: 1600_00,
          gainMinor: 400_00,
          gainFraction: 0.25,
          weight: 0.5,
        }),
        holding({
          securityId: 'call',
          name: 'Apple Inc. (derivative)',
          ticker: 'AAPL',
          underlying: 'AAPL',
          type: 'derivative',
          price: 5.5,
          valueMinor: 550_00,
          costBasisMinor: 400_00,
          gainMinor: 150_00,
          gainFraction: 0.375,
          weight: 0.1375,
        }),
        holding({
          securityId: 'bond',
          name: 'Municipal bond 2031',
          ticker: null,
          type: 'fixed income',
          quantity: 10,
          price: 98,
          valueMinor: 980_00,
          costBasisMinor: 1000_00,
          gainMinor: -20_00,
          gainFraction: -0.02,
          weight: 0.245,
        }),
        holding({
          securityId: 'dark',
          name: 'Private placement',
          ticker: 'PRIV',
          quantity: 100,
          price: null,
          priceAsOf: null,
          valueMinor: 0,
          costBasisMinor: 1000_00,
          gainMinor: null,
          gainFraction: null,
        }),
        holding({
          securityId: 'cash',
          name: 'U S Dollar',
          ticker: 'CUR:USD',
          type: 'cash',
          isCash: true,
          quantity: 470,
          price: 1,
          valueMinor: 470_00,
          costBasisMinor: null,
          gainMinor: null,
          gainFraction: null,
          weight: 0.1175,
        }),
      ],
      totals: [
        {
          currency: 'USD',
          valueMinor: 4000_00,
          cashMinor: 470_00,
          costBasisMinor: 3000_00,
          gainMinor: 530_00,
        },
      ],
    },
    {
      accountId: 'cad',
      name: 'TFSA',
      institutionName: 'Broker',
      currency: 'CAD',
      holdings: [
        holding({
          accountId: 'cad',
          securityId: 'shop',
          name: 'Shopify',
          ticker: 'SHOP',
          quantity: 10,
          price: 90,
          valueMinor: 900_00,
          costBasisMinor: 700_00,
          gainMinor: 200_00,
          gainFraction: 200 / 700,
          weight: 1,
          currency: 'CAD',
        }),
      ],
      totals: [
        { currency: 'CAD', valueMinor: 900_00, cashMinor: 0, costBasisMinor: 700_00, gainMinor: 200_00 },
      ],
    },
    {
      accountId: 'empty',
      name: 'Old IRA',
      institutionName: 'Broker',
      currency: 'USD',
      holdings: [],
      totals: [],
    },
  ],
  combined: [],
  totals: [],
  allocation: { byType: [], byAccount: [], byCurrency: [] },
};
HOLDINGS.combined = HOLDINGS.accounts.flatMap((a) => a.holdings.map((h) => ({ ...h, accountId: null })));
HOLDINGS.totals = HOLDINGS.accounts.flatMap((a) => a.totals);

/** The text of each row of the table with this test id, cells joined by " | ". */
function rows(html: string, testId: string): string[] {
  const doc = html.replace(/<tr[^>]*data-testid="(holding|holding-cash|holdings-total)"/g, '\n$&');
  return doc
    .split('\n')
    .filter((line) => line.startsWith(`<tr`) && line.includes(`data-testid="${testId}"`))
    .map((line) =>
      line
        .slice(0, line.indexOf('</tr>'))
        .replace(/<\/t[dh]>/g, ' | ')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+\|\s*$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('holdings as the view shows them', () => {
  it('shows each case sensibly: no price, no ticker, an option, cash, another currency', () => {
    const html = renderToStaticMarkup(createElement(HoldingsSection, { holdings: HOLDINGS }));
    expect(rows(html, 'holding')).toEqual([
      'Apple Inc. AAPL | Stock | 10 | 200.00 USDas of Jun 28, 2024 | $2,000.00 | $1,600.00 | +$400.00 | +25.00% | 50.00%',
      'Apple Inc. (derivative) Derivative of AAPL | Derivative | 1 | 5.50 USDas of Jun 28, 2024 | $550.00 | $400.00 | +$150.00 | +37.50% | 13.75%',
      'Municipal bond 2031 No ticker | Bond | 10 | 98.00 USDas of Jun 28, 2024 | $980.00 | $1,000.00 | -$20.00 | -2.00% | 24.50%',
      // A position the institution did not price: unknown, not worth $0, and no gain or loss.
      'Private placement PRIV | Stock | 100 | No price | Unknown | $1,000.00 | — | — | —',
      'Shopify SHOP | Stock | 10 | 90.00 CADas of Jun 28, 2024 | CA$900.00 | CA$700.00 | +CA$200.00 | +28.57% | 100.00%',
    ]);
    expect(rows(html, 'holding-cash')).toEqual([
      'Cash CUR:USD | Cash | — | — | $470.00 | — | — | — | 11.75%',
    ]);
    // One total per currency, never one sum of dollars and Canadian dollars.
    expect(rows(html, 'holdings-total')).toEqual([
      'Total (USD), cash $470.00 | $4,000.00 | $3,000.00 | $530.00 | 17.67% |',
      'Total (CAD), cash CA$0.00 | CA$900.00 | CA$700.00 | CA$200.00 | 28.57% |',
    ]);
  });

  it('says so when an investment account holds nothing', () => {
    const html = renderToStaticMarkup(
      createElement(HoldingsSection, { holdings: HOLDINGS, initialAccount: 'empty' }),
    );
    expect(html).not.toContain('data-testid="holdings-table"');
    expect(text(html)).toContain('Old IRA holds nothing its institution reported.');
  });
});

/** An investment transaction as the contract answers it: a cash row named as Plaid names it. */
const investmentTxn = (patch: Partial<InvestmentTransaction>): InvestmentTransaction => ({
  id: 'a',
  accountId: 'usd',
  accountName: 'Brokerage',
  securityId: null,
  securityName: null,
  ticker: null,
  date: '2024-05-16',
  name: 'x',
  quantity: 0,
  price: 0,
  amountMinor: 0,
  feesMinor: null,
  type: 'cash',
  subtype: 'crypto staking reward',
  label: 'Crypto staking reward',
  kind: 'cash',
  currency: 'USD',
  ...patch,
});

const api = (answers: Partial<Record<keyof CofferApi, unknown>>) =>
  new Proxy({} as CofferApi, {
    get: (_, name: string) => () => Promise.resolve(answers[name as keyof CofferApi]),
  });

async function slice(answers: Partial<Record<keyof CofferApi, unknown>>): Promise<PortfolioSlice> {
  const errors = createErrorsStore();
  const s = {
    portfolio: createPortfolioStore(api(answers), errors),
    transactions: createInvestmentTransactionsStore(api(answers), errors),
  };
  await Promise.all([s.portfolio.getState().load(), s.transactions.getState().load()]);
  // Rendered to a string, zustand serves a store's initial state: serve the loaded one instead.
  s.portfolio.getInitialState = s.portfolio.getState;
  s.transactions.getInitialState = s.transactions.getState;
  return s;
}

const render = (s: PortfolioSlice, child: ReturnType<typeof createElement>) =>
  renderToStaticMarkup(createElement(portfolioSlice.Provider, { value: s }, child));

describe('the view around the holdings', () => {
  it('gives a ledger without investment accounts a clear empty state, not an error', async () => {
    const s = await slice({
      'portfolio.holdings': {
        accounts: [],
        combined: [],
        totals: [],
        allocation: { byType: [], byAccount: [], byCurrency: [] },
      },
      'portfolio.history': { series: [], firstSnapshot: null },
      'portfolio.performance': { series: [] },
      'portfolio.transactions': { transactions: [], total: 0, next: null, yearly: [], choices: null },
    });
    const html = render(s, createElement(PortfolioView));
    expect(html).toContain('data-testid="portfolio-empty"');
    expect(text(html)).toContain('No investment accounts yet.');
    expect(html).not.toContain('holdings-table');
  });

  it('names an unknown subtype as Plaid does and totals the year per currency', async () => {
    const t = (patch: Partial<InvestmentTransaction>) => investmentTxn({ amountMinor: -3_00, ...patch });
    const s = await slice({
      'portfolio.transactions': {
        transactions: [
          t({}),
          t({ id: 'b', subtype: 'dividend', label: 'Dividend', kind: 'dividend', amountMinor: -12_50 }),
        ],
        total: 2,
        next: null,
        yearly: [{ year: 2024, currency: 'USD', dividendsMinor: 12_50, interestMinor: 0, feesMinor: 0 }],
        choices: { types: ['cash'], subtypes: ['crypto staking reward', 'dividend'], securities: [] },
      },
    });
    const html = render(s, createElement(TransactionsSection, { accounts: [] }));
    expect(text(html)).toContain('Cash · Crypto staking reward');
    expect(text(html)).not.toMatch(/\bOther\b/);
    expect(text(html)).toContain('2024 (USD) $12.50 $0.00 $0.00');
    // The filter offers what the whole list holds.
    expect(html).toContain('<option value="crypto staking reward">Crypto staking reward</option>');
  });
});

describe('returns and estimates', () => {
  const period = (patch: Partial<PeriodReturn>): PeriodReturn => ({
    period: '1M',
    from: '2024-05-28',
    to: '2024-06-28',
    quality: 'exact',
    twr: 0.0123,
    xirr: 0.15,
    reason: null,
    ...patch,
  });

  it('never shows an unknown return as 0%', () => {
    const html = renderToStaticMarkup(
      createElement(ReturnsTable, {
        series: [
          {
            accountId: null,
            name: 'All accounts (USD)',
            currency: 'USD',
            periods: [
              period({}),
              period({
                period: '3M',
                quality: 'estimated',
                twr: 0,
                xirr: null,
                reason: 'Money-weighted return: no flows.',
              }),
              period({
                period: '1Y',
                quality: 'unavailable',
                twr: null,
                xirr: null,
                reason: 'The history starts on 2023-01-27, after the period begins.',
              }),
            ],
          },
        ],
      }),
    );
    const cells = text(html);
    expect(cells).toContain('Time-weighted +1.23% Money-weighted +15.00%');
    expect(cells).toContain('Time-weighted 0.00% Money-weighted Unavailable estimated');
    expect(cells).toContain('Unavailable The history starts on 2023-01-27, after the period begins.');
    expect(returnCell(period({ quality: 'unavailable', twr: null })).twr).toBe('Unavailable');
  });

  it('marks the estimated stretches and joins the dashed line to the solid one', () => {
    const p = (date: string, estimated: boolean, value = 100_00): ValuePoint => ({
      date,
      valueMinor: value,
      flowMinor: 0,
      netContributionsMinor: 0,
      estimated,
    });
    const points = [
      p('2024-01-01', true),
      p('2024-01-02', true),
      p('2024-01-03', false, 120_00),
      p('2024-01-04', true),
    ];
    expect(estimatedStretches(points)).toEqual([
      { from: '2024-01-01', to: '2024-01-02' },
      { from: '2024-01-04', to: '2024-01-04' },
    ]);
    const rowsOut = historyRows({ accountId: 'usd', name: 'Brokerage', currency: 'USD', points });
    expect(rowsOut[2]).toEqual({ date: '2024-01-03', exact: 120, estimated: 120, contributions: 0 });
    expect(rowsOut[0]).toEqual({ date: '2024-01-01', estimated: 100, contributions: 0 });
  });
});

describe('investment transactions a page at a time', () => {
  const row = (i: number) =>
    investmentTxn({
      id: `t${String(i).padStart(3, '0')}`,
      name: `row ${i}`,
      amountMinor: 1_00,
      type: 'fee',
      subtype: 'account fee',
      label: 'Account fee',
      kind: 'fee',
    });
  const all = Array.from({ length: 250 }, (_, i) => row(i));
  /** The service's answer: a page after the cursor, the count and totals of every row. */
  const serve = (req: { limit: number; after: { id: string } | null }) => {
    const start = req.after ? all.findIndex((t) => t.id === req.after!.id) + 1 : 0;
    const page = all.slice(start, start + req.limit);
    const last = page.at(-1)!;
    return {
      transactions: page,
      total: all.length,
      next: start + req.limit < all.length ? { date: last.date, id: last.id } : null,
      yearly: [{ year: 2024, currency: 'USD', dividendsMinor: 0, interestMinor: 0, feesMinor: 250_00 }],
      choices: req.after ? null : { types: ['fee'], subtypes: ['account fee'], securities: [] },
    };
  };
  const pagedApi = new Proxy({} as CofferApi, {
    get: (_, name: string) => (req: never) =>
      Promise.resolve(name === 'portfolio.transactions' ? serve(req) : undefined),
  });
  const shown = (store: ReturnType<typeof createInvestmentTransactionsStore>) => {
    store.getInitialState = store.getState;
    const html = renderToStaticMarkup(
      createElement(
        portfolioSlice.Provider,
        { value: { transactions: store } as unknown as PortfolioSlice },
        createElement(TransactionsSection, { accounts: [] }),
      ),
    );
    return { rows: html.split('data-testid="investment-transaction"').length - 1, text: text(html) };
  };

  it('shows the first 200 of 250 with the whole count and totals, then the rest on "Show more"', async () => {
    const store = createInvestmentTransactionsStore(pagedApi, createErrorsStore());
    await store.getState().load();
    const first = shown(store);
    expect(first.rows).toBe(200);
    expect(first.text).toContain('250 transactions, the newest 200 shown');
    expect(first.text).toContain('2024 (USD) $0.00 $0.00 $250.00');
    expect(first.text).toContain('Show 50 more');
    await store.getState().loadMore();
    const second = shown(store);
    expect(second.rows).toBe(250);
    expect(store.getState().transactions.map((t) => t.id)).toEqual(all.map((t) => t.id));
    expect(second.text).toContain('250 transactions');
    expect(second.text).not.toContain('Show');
    // The filter's choices stay those of the first page.
    expect(store.getState().options.subtypes).toEqual(['account fee']);
  });

  it('reloads (after a sync) as many rows as were on screen', async () => {
    const store = createInvestmentTransactionsStore(pagedApi, createErrorsStore());
    await store.getState().load();
    await store.getState().loadMore();
    await store.getState().load();
    expect(store.getState().transactions).toHaveLength(250);
  });
});
