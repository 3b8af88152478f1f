import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { assetsSlice, createAssetsStore, type AssetsSlice } from './slice';

export const assetsView = defineView<AssetsSlice>({
  id: 'assets',
  label: 'Asset Reports',
  place: 'tabs',
  createSlice: (shell) => ({ assets: createAssetsStore(shell.api, shell.errors, shell.backupFiles) }),
  context: assetsSlice,
  loadComponent: () => import('./AssetsView').then((m) => m.AssetsView),
  reload: ({ assets }) => reloadIfLoaded(assets),
  actions: [
    {
      id: 'asset-report-create',
      label: 'Create an Asset Report',
      run: (_slice, shell) => shell.navigation.getState().go('assets'),
    },
  ],
});
