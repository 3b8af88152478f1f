import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { createNetWorthStore } from './net-worth-store';
import { netWorthSlice, type NetWorthSlice } from './slice';

export const netWorthView = defineView<NetWorthSlice>({
  id: 'net-worth',
  label: 'Net worth',
  place: 'tabs',
  createSlice: (shell) => ({ netWorth: createNetWorthStore(shell.api, shell.errors) }),
  context: netWorthSlice,
  loadComponent: () => import('./NetWorthView').then((m) => m.NetWorthView),
  reload: ({ netWorth }) => reloadIfLoaded(netWorth),
});
