import { createSliceContext } from '../../ui/slice-context';
import type { RecurringStore } from './recurring-store';

export interface RecurringSlice {
  recurring: RecurringStore;
}

export const recurringSlice = createSliceContext<RecurringSlice>('Recurring');
