import { defineView } from '../../app/view-entry';
import { createDetailStore } from './detail-store';
import { transactionsSlice, type TransactionsSlice } from './slice';
import { createTransactionsStore } from './transactions-store';

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
    return { transactions, detail };
  },
  context: transactionsSlice,
  loadComponent: () => import('./TransactionsView').then((m) => m.TransactionsView),
  reload: ({ transactions, detail }) =>
    Promise.all([transactions.getState().reload(), detail.getState().refresh()]),
  intents: ({ transactions, detail }, shell) => ({
    showTransactions(filter) {
      detail.getState().close();
      transactions.getState().showFilter(filter);
      shell.navigation.getState().go('transactions');
    },
  }),
  actions: [
    {
      id: 'transactions.clear-filters',
      label: 'Clear filters',
      run: (s) => s.transactions.getState().clearFilters(),
    },
  ],
});
