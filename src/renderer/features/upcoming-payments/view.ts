import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { createUpcomingStore, upcomingSlice, type UpcomingSlice } from './slice';
import { UpcomingPaymentsView } from './UpcomingPaymentsView';

export const upcomingPaymentsView = defineView<UpcomingSlice>({
  id: 'upcoming-payments',
  label: 'Upcoming payments',
  place: 'tabs',
  createSlice: (shell) => ({ upcoming: createUpcomingStore(shell.api, shell.errors) }),
  context: upcomingSlice,
  Component: UpcomingPaymentsView,
  reload: ({ upcoming }) => reloadIfLoaded(upcoming),
});
