/** Transactions as a product syncer: the paged engine of sync.ts, which keeps no raw answer. */
import type { ProductSyncer } from '../syncer';
import { syncTransactions, TRANSACTIONS } from './sync';

export const transactionsSyncer: ProductSyncer = {
  product: TRANSACTIONS,
  sync: (job) => syncTransactions(job),
};
