import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import {
  createInvestmentTransactionsStore,
  createPortfolioStore,
  NO_FILTER,
  portfolioSlice,
  type PortfolioSlice,
} from './slice';

export const portfolioView = defineView<PortfolioSlice>({
  id: 'portfolio',
  label: 'Portfolio',
  place: 'tabs',
  createSlice: (shell) => ({
    portfolio: createPortfolioStore(shell.api, shell.errors),
    transactions: createInvestmentTransactionsStore(shell.api, shell.errors),
  }),
  context: portfolioSlice,
  loadComponent: () => import('./PortfolioView').then((m) => m.PortfolioView),
  reload: ({ portfolio, transactions }) => {
    const pending = [reloadIfLoaded(portfolio), reloadIfLoaded(transactions)].filter((p) => p !== null);
    return pending.length ? Promise.all(pending) : null;
  },
  actions: [
    {
      id: 'portfolio-dividends-this-year',
      label: 'Show investment income this year',
      run: (slice, shell) => {
        const year = new Date().getFullYear();
        void slice.transactions
          .getState()
          .setFilter({ ...NO_FILTER, from: `${year}-01-01`, to: `${year}-12-31` });
        shell.navigation.getState().go('portfolio');
      },
    },
    {
      id: 'portfolio-all-investment-transactions',
      label: 'Show all investment transactions',
      run: (slice, shell) => {
        void slice.transactions.getState().setFilter(NO_FILTER);
        shell.navigation.getState().go('portfolio');
      },
    },
  ],
});
