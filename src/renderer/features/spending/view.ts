import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
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
  reload: ({ spending }) => reloadIfLoaded(spending),
});
