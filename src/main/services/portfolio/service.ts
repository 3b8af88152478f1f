/** The portfolio's calls: read-only queries over what the investments syncer stored. */
import type { ApiHandlers } from '../core-types';
import type { Ledger } from '../ledger/ledger';
import { portfolioHoldings } from './holdings';
import { portfolioSeries } from './series-cache';
import { investmentFilterChoices, investmentTotals, investmentTransactionsPage } from './transactions';

type PortfolioHandlers = Pick<
  ApiHandlers,
  'portfolio.holdings' | 'portfolio.transactions' | 'portfolio.history' | 'portfolio.performance'
>;

export function portfolioHandlers(ledger: Ledger): PortfolioHandlers {
  return {
    'portfolio.holdings': async () => portfolioHoldings(ledger),
    // Not one read transaction: the count, totals and choices are kept between calls (ledger-memo.ts),
    // which nothing read inside a transaction may be.
    'portfolio.transactions': async (req) => ({
      ...investmentTotals(ledger, req),
      choices: req.after === null ? investmentFilterChoices(ledger) : null,
      ...investmentTransactionsPage(ledger, req),
    }),
    'portfolio.history': async (req) => {
      const cached = portfolioSeries(ledger);
      const all = cached.valueSeries();
      // One account: its own series only; none: the totals as well.
      const series = req.accountId ? all.filter((s) => s.accountId === req.accountId) : all;
      return { series: [...series], firstSnapshot: cached.firstSnapshot };
    },
    'portfolio.performance': async () => ({ series: [...portfolioSeries(ledger).returns()] }),
  };
}
