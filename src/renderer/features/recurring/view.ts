import { defineView } from '../../app/view-entry';
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
  // Not yet opened: it loads when it is.
  reload: ({ recurring }) => (recurring.getState().loaded ? recurring.getState().load() : null),
});
