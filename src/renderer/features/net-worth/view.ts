import { defineView, type ViewAction } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import type { RangeId } from './net-worth';
import { createNetWorthStore } from './net-worth-store';
import { netWorthSlice, type NetWorthSlice } from './slice';

function range(id: RangeId, label: string): ViewAction<NetWorthSlice> {
  return {
    id: `net-worth.range-${id}`,
    label,
    run: (s, shell) => {
      shell.navigation.getState().go('net-worth');
      void s.netWorth.getState().setRange(id);
    },
  };
}

export const netWorthView = defineView<NetWorthSlice>({
  id: 'net-worth',
  label: 'Net worth',
  place: 'tabs',
  createSlice: (shell) => ({ netWorth: createNetWorthStore(shell.api, shell.errors) }),
  context: netWorthSlice,
  loadComponent: () => import('./NetWorthView').then((m) => m.NetWorthView),
  reload: ({ netWorth }) => reloadIfLoaded(netWorth),
  actions: [
    range('1M', 'Net worth over the last month'),
    range('1Y', 'Net worth over the last year'),
    range('ALL', 'Net worth over all history'),
  ],
});
