import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { createUpcomingStore, upcomingSlice, type UpcomingSlice } from './slice';

export const upcomingPaymentsView = defineView<UpcomingSlice>({
  id: 'upcoming-payments',
  label: 'Upcoming payments',
  place: 'tabs',
  createSlice: (shell) => ({ upcoming: createUpcomingStore(shell.api, shell.errors) }),
  context: upcomingSlice,
  loadComponent: () => import('./UpcomingPaymentsView').then((m) => m.UpcomingPaymentsView),
  reload: ({ upcoming }) => reloadIfLoaded(upcoming),
});
