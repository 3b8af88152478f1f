import { defineView } from '../../app/view-entry';
import { spendingSlice, type SpendingSlice } from './slice';
import { createSpendingStore } from './spending-store';
import { SpendingView } from './SpendingView';

export const spendingView = defineView<SpendingSlice>({
  id: 'spending',
  label: 'Spending',
  place: 'tabs',
  createSlice: (shell) => ({ spending: createSpendingStore(shell.api, shell.errors) }),
  context: spendingSlice,
  Component: SpendingView,
  // Not yet opened: it loads when it is.
  reload: ({ spending }) => (spending.getState().loaded ? spending.getState().load() : null),
});
