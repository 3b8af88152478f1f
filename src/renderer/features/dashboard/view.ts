import { defineView } from '../../app/view-entry';
import { createGenerationStore, DASHBOARD_VIEW_ID, dashboardSlice, type DashboardSlice } from './slice';

export const dashboardView = defineView<DashboardSlice>({
  id: DASHBOARD_VIEW_ID,
  label: 'Home',
  place: 'tabs',
  createSlice: () => ({ ledger: createGenerationStore() }),
  context: dashboardSlice,
  loadComponent: () => import('./DashboardView').then((m) => m.DashboardView),
  reload: ({ ledger }) => {
    ledger.getState().bump();
    return null;
  },
});
