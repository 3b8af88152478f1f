import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { createIncomeStore, incomeSlice, type IncomeSlice } from './slice';

export const incomeView = defineView<IncomeSlice>({
  id: 'income',
  label: 'Income',
  place: 'tabs',
  createSlice: (shell) => ({ income: createIncomeStore(shell.api, shell.errors) }),
  context: incomeSlice,
  loadComponent: () => import('./IncomeView').then((m) => m.IncomeView),
  reload: ({ income }) => reloadIfLoaded(income),
  actions: [
    {
      id: 'income-show',
      label: 'Show income by source',
      run: (_slice, shell) => shell.navigation.getState().go('income'),
    },
  ],
});
