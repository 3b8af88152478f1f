import { UNCATEGORIZED, type TransactionFilter } from '../../../shared/api';
import { defineView, type ViewAction } from '../../app/view-entry';
import { createRequestStore } from '../../ui/request-store';
import { monthBounds } from '../../ui/months';
import { localToday } from '../../ui/today';
import { createDetailStore } from './detail-store';
import { transactionsSlice, type TransactionsSlice } from './slice';
import { createTransactionsStore } from './transactions-store';

/** A palette action that opens the list with one filter (computed when run: "this month" moves). */
function show(id: string, label: string, filter: () => TransactionFilter): ViewAction<TransactionsSlice> {
  return { id, label, run: (_s, shell) => shell.intents.showTransactions(filter()) };
}

export const transactionsView = defineView<TransactionsSlice>({
  id: 'transactions',
  label: 'Transactions',
  place: 'tabs',
  createSlice(shell) {
    const transactions = createTransactionsStore(
      shell.api,
      shell.errors,
      shell.inLane('transactions-filter'),
    );
    const detail = createDetailStore(shell.api, {
      edited(tx) {
        transactions.getState().replaceRow(tx);
        shell.ledgerChanged();
      },
    });
    return { transactions, detail, searchFocus: createRequestStore() };
  },
  context: transactionsSlice,
  loadComponent: () => import('./TransactionsView').then((m) => m.TransactionsView),
  // Read once the dashboard has drawn (or when first shown: TransactionsPanel), not at start: a
  // first page and a count read beside the dashboard's own calls held them up.
  warm: ({ transactions }) => {
    const { loaded, loading, reload } = transactions.getState();
    if (!loaded && !loading) void reload();
  },
  reload: ({ transactions, detail }) => {
    const { loaded, loading } = transactions.getState();
    return loaded || loading
      ? Promise.all([transactions.getState().reload(), detail.getState().refresh()])
      : null;
  },
  intents: ({ transactions, detail }, shell) => ({
    showTransactions(filter) {
      detail.getState().close();
      transactions.getState().showFilter(filter);
      shell.navigation.getState().go('transactions');
    },
  }),
  actions: [
    {
      id: 'transactions.search',
      label: 'Search transactions',
      run: (s, shell) => {
        shell.navigation.getState().go('transactions');
        s.searchFocus.getState().request();
      },
    },
    {
      id: 'transactions.clear-filters',
      label: 'Clear filters',
      run: (s, shell) => {
        s.transactions.getState().clearFilters();
        shell.navigation.getState().go('transactions');
      },
    },
    show('transactions.pending', 'Show pending transactions', () => ({ pending: true })),
    show('transactions.uncategorized', 'Show uncategorized transactions', () => ({
      categories: [UNCATEGORIZED],
    })),
    show('transactions.excluded', 'Show transactions left out of totals', () => ({ excluded: true })),
    show('transactions.this-month', "Show this month's transactions", () => {
      const today = localToday();
      return { dateFrom: `${today.slice(0, 7)}-01`, dateTo: today };
    }),
    show('transactions.last-month', "Show last month's transactions", () => {
      const today = localToday();
      const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1));
      const { from, to } = monthBounds(d.toISOString().slice(0, 7));
      return { dateFrom: from, dateTo: to };
    }),
  ],
});
