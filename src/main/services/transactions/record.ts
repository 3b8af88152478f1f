/** A transaction as a sync writes Plaid's fields of it (ingest/transactions/apply.ts). */
export interface TransactionRecord {
  transactionId: string;
  accountId: string;
  itemId: string;
  date: string;
  authorizedDate: string | null;
  name: string;
  merchantName: string | null;
  amountMinor: number;
  currency: string;
  pending: boolean;
  pendingTransactionId: string | null;
  categoryPrimary: string | null;
  categoryDetailed: string | null;
  paymentChannel: string | null;
  rawJson: string | null;
}
