import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { accountNumbersSlice, createAuthAccountsStore, type AccountNumbersSlice } from './slice';

export const accountNumbersView = defineView<AccountNumbersSlice>({
  id: 'account-numbers',
  label: 'Account numbers',
  place: 'tabs',
  createSlice: (shell) => ({ accounts: createAuthAccountsStore(shell.api, shell.errors) }),
  context: accountNumbersSlice,
  loadComponent: () => import('./AccountNumbersView').then((m) => m.AccountNumbersView),
  reload: ({ accounts }) => reloadIfLoaded(accounts),
  actions: [
    {
      id: 'account-numbers.show',
      label: 'Account and routing numbers (for a direct deposit form)',
      run: (_slice, shell) => shell.navigation.getState().go('account-numbers'),
    },
  ],
});
