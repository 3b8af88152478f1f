/** The portfolio's calls: read-only queries over what the investments syncer stored. */
import type { ApiHandlers } from '../core-types';
import type { Ledger } from '../ledger/ledger';
import { accountSeries, firstSnapshot, toValueSeries, totalSeries } from './history';
import { portfolioHoldings } from './holdings';
import { PERIODS, periodReturn } from './performance';
import { investmentTransactions, yearlyIncome } from './transactions';

type PortfolioHandlers = Pick<
  ApiHandlers,
  'portfolio.holdings' | 'portfolio.transactions' | 'portfolio.history' | 'portfolio.performance'
>;

export function portfolioHandlers(ledger: Ledger): PortfolioHandlers {
  return {
    'portfolio.holdings': async () => portfolioHoldings(ledger),
    'portfolio.transactions': async (req) => {
      const transactions = investmentTransactions(ledger, req);
      return { transactions, yearly: yearlyIncome(transactions) };
    },
    'portfolio.history': async (req) => {
      const accounts = accountSeries(ledger, req.accountId);
      const series = req.accountId ? accounts : [...totalSeries(accounts), ...accounts];
      return { series: series.map(toValueSeries), firstSnapshot: firstSnapshot(ledger) };
    },
    'portfolio.performance': async () => {
      const accounts = accountSeries(ledger, null);
      return {
        series: [...totalSeries(accounts), ...accounts].map((s) => ({
          accountId: s.accountId,
          name: s.name,
          currency: s.currency,
          periods: PERIODS.map((p) => periodReturn(p, s.points)),
        })),
      };
    },
  };
}
