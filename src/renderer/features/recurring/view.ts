import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { createRecurringStore } from './recurring-store';
import { RecurringView } from './RecurringView';
import { recurringSlice, type RecurringSlice } from './slice';

export const recurringView = defineView<RecurringSlice>({
  id: 'recurring',
  label: 'Recurring',
  place: 'tabs',
  createSlice: (shell) => ({ recurring: createRecurringStore(shell.api, shell.errors) }),
  context: recurringSlice,
  Component: RecurringView,
  reload: ({ recurring }) => reloadIfLoaded(recurring),
});
