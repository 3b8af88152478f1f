import { createStore } from 'zustand/vanilla';
import type { CofferApi, IncomeExpenseMonth, SpendingCell } from '../../../shared/api';
import { monthsBack } from '../../ui/months';
import type { ErrorsStore } from '../../ui/errors-store';

export const RANGE_CHOICES = [6, 12, 24] as const;
export type RangeMonths = (typeof RANGE_CHOICES)[number];

export interface SpendingState {
  months: RangeMonths;
  /** The range's months; `to` is the month of the newest transaction, so a stale clock shows data. */
  from: string | null;
  to: string | null;
  /** Group level (PFC primary / user category) for the stacked chart. */
  cells: SpendingCell[];
  /** Detailed level, for the drill-down into one group. */
  detailedCells: SpendingCell[];
  incomeExpenses: IncomeExpenseMonth[];
  currency: string | null;
  /** The group drilled into, or null for the overview. */
  group: string | null;
  loading: boolean;
  loaded: boolean;
  load(): Promise<void>;
  setMonths(months: RangeMonths): void;
  setCurrency(currency: string): void;
  drill(group: string | null): void;
}

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

export function createSpendingStore(api: CofferApi, errors: ErrorsStore) {
  let generation = 0;
  return createStore<SpendingState>()((set, get) => ({
    months: 12,
    from: null,
    to: null,
    cells: [],
    detailedCells: [],
    incomeExpenses: [],
    currency: null,
    group: null,
    loading: false,
    loaded: false,
    async load() {
      const mine = ++generation;
      set({ loading: true });
      try {
        const newest = await api['transactions.list']({ limit: 1, after: null, includeTotal: false });
        const to = newest.transactions[0]?.date.slice(0, 7) ?? thisMonth();
        const from = monthsBack(to, get().months);
        const [groups, detailed, income] = await Promise.all([
          api['spending.byCategory']({ from, to, level: 'group' }),
          api['spending.byCategory']({ from, to, level: 'category' }),
          api['spending.incomeVsExpenses']({ from, to }),
        ]);
        if (mine !== generation) return;
        set({
          from,
          to,
          cells: groups.cells,
          detailedCells: detailed.cells,
          incomeExpenses: income.months,
          loading: false,
          loaded: true,
        });
      } catch (error) {
        if (mine === generation) set({ loading: false });
        errors.getState().report(error);
      }
    },
    setMonths(months) {
      set({ months });
      void get().load();
    },
    setCurrency(currency) {
      set({ currency, group: null });
    },
    drill(group) {
      set({ group });
    },
  }));
}
export type SpendingStore = ReturnType<typeof createSpendingStore>;
