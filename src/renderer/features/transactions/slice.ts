import type { RequestStore } from '../../ui/request-store';
import { createSliceContext } from '../../ui/slice-context';
import type { DetailStore } from './detail-store';
import type { TransactionsStore } from './transactions-store';

/** The Transactions view's stores: the filtered list and the open row's drawer. */
export interface TransactionsSlice {
  transactions: TransactionsStore;
  detail: DetailStore;
  /** "Search transactions" from the palette or `/`: the search box takes the focus. */
  searchFocus: RequestStore;
}

export const transactionsSlice = createSliceContext<TransactionsSlice>('Transactions');
