import { createStore } from 'zustand/vanilla';
import type { CofferApi, Transaction } from '../../shared/api';
import type { ErrorsStore } from './errors';

export const PAGE_SIZE = 200;
const MAX_PAGE = 1000;

export interface TransactionsState {
  rows: Transaction[];
  next: string | null;
  total: number;
  loaded: boolean;
  loading: boolean;
  /** From the newest again, keeping as many rows as were loaded so the scroll position survives. */
  reload(): Promise<void>;
  loadMore(): Promise<void>;
}

export function createTransactionsStore(api: CofferApi, errors: ErrorsStore) {
  // A reload makes any page still in flight stale: its cursor belongs to the old list.
  let generation = 0;
  return createStore<TransactionsState>()((set, get) => ({
    rows: [],
    next: null,
    total: 0,
    loaded: false,
    loading: false,
    async reload() {
      const mine = ++generation;
      const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().rows.length));
      set({ loading: true });
      try {
        const page = await api['transactions.list']({ limit, after: null });
        if (mine !== generation) return;
        set({ rows: page.transactions, next: page.next, total: page.total, loaded: true, loading: false });
      } catch (error) {
        if (mine === generation) set({ loading: false });
        errors.getState().report(error);
      }
    },
    async loadMore() {
      const { next, loading } = get();
      if (next === null || loading) return;
      const mine = generation;
      set({ loading: true });
      try {
        const page = await api['transactions.list']({ limit: PAGE_SIZE, after: next });
        if (mine !== generation) return;
        set((s) => {
          const seen = new Set(s.rows.map((r) => r.id));
          const fresh = page.transactions.filter((r) => !seen.has(r.id));
          return { rows: [...s.rows, ...fresh], next: page.next, total: page.total, loading: false };
        });
      } catch (error) {
        if (mine === generation) set({ loading: false });
        errors.getState().report(error);
      }
    },
  }));
}
export type TransactionsStore = ReturnType<typeof createTransactionsStore>;
