import { createStore } from 'zustand/vanilla';
import type { CofferApi, Transaction, TransactionFilter, TransactionSummary } from '../../../shared/api';
import { EMPTY_FILTER, filterFromRequest, filterToRequest, type FilterDraft } from './filter-draft';
import type { ErrorsStore } from '../../ui/errors-store';
import { isSuperseded } from '../../api/errors';

export const PAGE_SIZE = 200;
const MAX_PAGE = 1000;
/** How long the search box stays still before a search's count and sum are asked for. */
export const SEARCH_SUMMARY_QUIET_MS = 150;

export interface TransactionsState {
  rows: Transaction[];
  next: string | null;
  /** Size of the filtered set (from the summary, which never delays the page). */
  total: number;
  loaded: boolean;
  loading: boolean;
  /** The filter bar as typed, and the filter the list and summary were asked with. */
  draft: FilterDraft;
  filter: TransactionFilter;
  /** The filter the rows on screen were read with (null until the first page arrives). */
  shownFilter: TransactionFilter | null;
  summary: TransactionSummary | null;
  summaryLoading: boolean;
  /** From the newest again, keeping as many rows as were loaded so the scroll position survives. */
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  setDraft(patch: Partial<FilterDraft>): void;
  /** Shows a filter made elsewhere (a chart's drill-down) in the bar and the list. */
  showFilter(filter: TransactionFilter): void;
  clearFilters(): void;
  /** An edited row, shown at once without waiting for the reload. */
  replaceRow(tx: Transaction): void;
}

const sameFilter = (a: TransactionFilter, b: TransactionFilter) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `latest`: the contract in a lane, for the first page and summary of a filter: while a search is
 * typed, the host drops the requests of a query that a newer one replaced before they run.
 */
export function createTransactionsStore(api: CofferApi, errors: ErrorsStore, latest: CofferApi = api) {
  // A reload makes any page still in flight stale: its cursor belongs to the old list.
  let generation = 0;
  let summaryGeneration = 0;

  return createStore<TransactionsState>()((set, get) => {
    async function loadSummary(): Promise<void> {
      const mine = ++summaryGeneration;
      set({ summaryLoading: true });
      try {
        const summary = await latest['transactions.summary'](get().filter);
        if (mine !== summaryGeneration) return;
        set({ summary, total: summary.count, summaryLoading: false });
      } catch (error) {
        if (mine !== summaryGeneration || isSuperseded(error)) return;
        set({ summaryLoading: false });
        errors.getState().report(error);
      }
    }

    async function loadFirstPage(limit: number): Promise<void> {
      const mine = ++generation;
      const filter = get().filter;
      set({ loading: true });
      try {
        const page = await latest['transactions.list']({
          ...filter,
          limit,
          after: null,
          includeTotal: false,
        });
        if (mine !== generation) return;
        set({ rows: page.transactions, next: page.next, loaded: true, loading: false, shownFilter: filter });
      } catch (error) {
        if (mine !== generation || isSuperseded(error)) return;
        set({ loading: false });
        errors.getState().report(error);
      }
    }

    function refilter(filter: TransactionFilter, draft: FilterDraft): void {
      const changed = !sameFilter(filter, get().filter);
      set({ draft, filter });
      if (!changed) return;
      // Another filter is another list: start from its first page, not from as many rows as were loaded.
      set({ rows: [], next: null });
      if (filter.query === undefined) {
        void Promise.all([loadFirstPage(PAGE_SIZE), loadSummary()]);
        return;
      }
      // The count and sum of a search read every match (a prefix such as "c" matches half the
      // ledger), and a running query holds the ledger: asked at each keystroke, a prefix's summary
      // would hold up the next keystroke's page. So a search's summary waits for its page and for
      // the box to be still.
      const mine = ++summaryGeneration;
      set({ summaryLoading: true });
      void loadFirstPage(PAGE_SIZE)
        .then(() => new Promise((resolve) => setTimeout(resolve, SEARCH_SUMMARY_QUIET_MS)))
        .then(() => (mine === summaryGeneration ? loadSummary() : undefined));
    }

    return {
      rows: [],
      next: null,
      total: 0,
      loaded: false,
      loading: false,
      draft: EMPTY_FILTER,
      filter: {},
      shownFilter: null,
      summary: null,
      summaryLoading: false,
      async reload() {
        const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().rows.length));
        await Promise.all([loadFirstPage(limit), loadSummary()]);
      },
      async loadMore() {
        const { next, loading } = get();
        if (next === null || loading) return;
        const mine = generation;
        set({ loading: true });
        try {
          const page = await api['transactions.list']({
            ...get().filter,
            limit: PAGE_SIZE,
            after: next,
            includeTotal: false,
          });
          if (mine !== generation) return;
          set((s) => {
            const seen = new Set(s.rows.map((r) => r.id));
            const fresh = page.transactions.filter((r) => !seen.has(r.id));
            return { rows: [...s.rows, ...fresh], next: page.next, loading: false };
          });
        } catch (error) {
          if (mine === generation) set({ loading: false });
          errors.getState().report(error);
        }
      },
      setDraft(patch) {
        const draft = { ...get().draft, ...patch };
        refilter(filterToRequest(draft), draft);
      },
      showFilter(filter) {
        refilter(filter, filterFromRequest(filter));
      },
      clearFilters() {
        refilter({}, EMPTY_FILTER);
      },
      replaceRow(tx) {
        set((s) => ({ rows: s.rows.map((r) => (r.id === tx.id ? tx : r)) }));
      },
    };
  });
}
export type TransactionsStore = ReturnType<typeof createTransactionsStore>;
