import type { CofferApi } from '../../../shared/api';
import type {
  InvestmentTransaction,
  PortfolioHoldings,
  SeriesPerformance,
  ValueSeries,
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

interface FilterOptions {
  types: string[];
  subtypes: string[];
  securities: { id: string; name: string }[];
}

interface TransactionsData {
  filter: InvestmentFilter;
  transactions: InvestmentTransaction[];
  yearly: {
    year: number;
    currency: string;
    dividendsMinor: number;
    interestMinor: number;
    feesMinor: number;
  }[];
  /** What the filter can choose from: the values of the unfiltered list, kept while a filter narrows it. */
  options: FilterOptions;
}

function optionsOf(list: readonly InvestmentTransaction[]): FilterOptions {
  const securities = new Map<string, string>();
  for (const t of list)
    if (t.securityId) securities.set(t.securityId, t.ticker ?? t.securityName ?? t.securityId);
  return {
    types: [...new Set(list.map((t) => t.type))].sort(),
    subtypes: [...new Set(list.map((t) => t.subtype))].sort(),
    securities: [...securities]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const isEmpty = (f: InvestmentFilter) => Object.values(f).every((v) => v === null);

export function createInvestmentTransactionsStore(api: CofferApi, errors: ErrorsStore) {
  let filter = NO_FILTER;
  let options: FilterOptions = { types: [], subtypes: [], securities: [] };
  const store = createResourceStore<
    TransactionsData,
    { setFilter(f: Partial<InvestmentFilter>): Promise<void> }
  >(
    { filter, transactions: [], yearly: [], options },
    async () => {
      const asked = filter;
      const answer = await api['portfolio.transactions'](asked);
      if (isEmpty(asked)) options = optionsOf(answer.transactions);
      return { filter: asked, ...answer, options };
    },
    errors,
    () => ({
      async setFilter(patch) {
        filter = { ...filter, ...patch };
        await store.getState().load();
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
