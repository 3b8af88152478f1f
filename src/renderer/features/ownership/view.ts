import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { createOwnersStore, ownershipSlice, type OwnershipSlice } from './slice';

export const ownershipView = defineView<OwnershipSlice>({
  id: 'ownership',
  label: 'Owners',
  place: 'tabs',
  createSlice: (shell) => ({ owners: createOwnersStore(shell.api, shell.errors) }),
  context: ownershipSlice,
  loadComponent: () => import('./OwnershipView').then((m) => m.OwnershipView),
  reload: ({ owners }) => reloadIfLoaded(owners),
  actions: [
    {
      id: 'ownership.check',
      label: 'Check that the banks have my name and address',
      run: (_slice, shell) => shell.navigation.getState().go('ownership'),
    },
  ],
});
