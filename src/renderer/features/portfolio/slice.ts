import type { CofferApi } from '../../../shared/api';
import {
  INVESTMENT_PAGE_MAX,
  type InvestmentFilterChoices,
  type InvestmentTransaction,
  type InvestmentTransactionCursor,
  type PortfolioHoldings,
  type SeriesPerformance,
  type ValueSeries,
  type YearlyIncome,
} from '../../../shared/contract/portfolio';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { createSliceContext } from '../../ui/slice-context';

interface PortfolioData {
  holdings: PortfolioHoldings | null;
  history: ValueSeries[];
  firstSnapshot: string | null;
  performance: SeriesPerformance[];
}

/** Holdings, value history and returns: read together, since one sync changes all three. */
export function createPortfolioStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<PortfolioData>(
    { holdings: null, history: [], firstSnapshot: null, performance: [] },
    async () => {
      const [holdings, history, performance] = await Promise.all([
        api['portfolio.holdings']({}),
        api['portfolio.history']({ accountId: null }),
        api['portfolio.performance']({}),
      ]);
      return {
        holdings,
        history: history.series,
        firstSnapshot: history.firstSnapshot,
        performance: performance.series,
      };
    },
    errors,
  );
}
export type PortfolioStore = ReturnType<typeof createPortfolioStore>;

export interface InvestmentFilter {
  accountId: string | null;
  type: string | null;
  subtype: string | null;
  securityId: string | null;
  from: string | null;
  to: string | null;
}

export const NO_FILTER: InvestmentFilter = {
  accountId: null,
  type: null,
  subtype: null,
  securityId: null,
  from: null,
  to: null,
};

/** A page of the list, as the view asks for it and shows it: "Show more" reads the next. */
export const TRANSACTIONS_PAGE = 200;

interface TransactionsData {
  filter: InvestmentFilter;
  /** The pages read so far, newest first. */
  transactions: InvestmentTransaction[];
  /** How many transactions the filter matches, read or not. */
  total: number;
  /** Where the next page starts; null when every match is read. */
  next: InvestmentTransactionCursor | null;
  /** Per year and currency, of every match (not only the pages read). */
  yearly: YearlyIncome[];
  /** What the filter can choose from: the values of the whole list, whatever the filter. */
  options: InvestmentFilterChoices;
  loadingMore: boolean;
}

interface TransactionsActions {
  setFilter(f: Partial<InvestmentFilter>): Promise<void>;
  loadMore(): Promise<void>;
}

export function createInvestmentTransactionsStore(api: CofferApi, errors: ErrorsStore) {
  let filter = NO_FILTER;
  let options: InvestmentFilterChoices = { types: [], subtypes: [], securities: [] };
  const store = createResourceStore<TransactionsData, TransactionsActions>(
    {
      filter,
      transactions: [],
      total: 0,
      next: null,
      yearly: [],
      options,
      loadingMore: false,
    },
    async () => {
      const asked = filter;
      const current = store.getState();
      // A reload of the same list (after a sync) keeps as many rows on screen as were read.
      const limit =
        current.filter === asked
          ? Math.min(INVESTMENT_PAGE_MAX, Math.max(TRANSACTIONS_PAGE, current.transactions.length))
          : TRANSACTIONS_PAGE;
      const answer = await api['portfolio.transactions']({ ...asked, limit, after: null });
      options = answer.choices ?? options;
      return {
        filter: asked,
        transactions: answer.transactions,
        total: answer.total,
        next: answer.next,
        yearly: answer.yearly,
        options,
        loadingMore: false,
      };
    },
    errors,
    (set) => ({
      async setFilter(patch) {
        filter = { ...filter, ...patch };
        await store.getState().load();
      },
      async loadMore() {
        const { next, filter: shown, loadingMore } = store.getState();
        if (!next || loadingMore) return;
        set({ loadingMore: true });
        try {
          const answer = await api['portfolio.transactions']({
            ...shown,
            limit: TRANSACTIONS_PAGE,
            after: next,
          });
          // A filter changed meanwhile: that list is no longer on screen.
          if (store.getState().filter !== shown || store.getState().next !== next) return;
          set({
            transactions: [...store.getState().transactions, ...answer.transactions],
            total: answer.total,
            next: answer.next,
            yearly: answer.yearly,
          });
        } catch (error) {
          errors.getState().report(error);
        } finally {
          set({ loadingMore: false });
        }
      },
    }),
  );
  return store;
}
export type InvestmentTransactionsStore = ReturnType<typeof createInvestmentTransactionsStore>;

export interface PortfolioSlice {
  portfolio: PortfolioStore;
  transactions: InvestmentTransactionsStore;
}

export const portfolioSlice = createSliceContext<PortfolioSlice>('Portfolio');
