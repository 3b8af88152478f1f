import { createSliceContext } from '../../ui/slice-context';
import type { SpendingStore } from './spending-store';

export interface SpendingSlice {
  spending: SpendingStore;
}

export const spendingSlice = createSliceContext<SpendingSlice>('Spending');
