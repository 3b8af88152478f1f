import type { Transaction } from '../../shared/api';

/** A ledger row as the contract returns it, for renderer unit tests. */
export function sampleTransaction(n: number, patch: Partial<Transaction> = {}): Transaction {
  return {
    id: `tx-${n}`,
    accountId: 'acc',
    accountName: 'Checking',
    date: '2025-01-01',
    authorizedDate: null,
    name: `Purchase ${n}`,
    merchantName: null,
    amountMinor: 100 * n,
    currency: 'USD',
    pending: false,
    categoryPrimary: null,
    categoryDetailed: null,
    originalName: `Purchase ${n}`,
    category: null,
    categoryName: null,
    categoryGroup: null,
    categorySource: null,
    note: null,
    tags: [],
    excluded: false,
    transfer: false,
    locked: [],
    splits: [],
    review: null,
    pendingTransactionId: null,
    ...patch,
  };
}
