/** The products a user chooses for an Item, in words, and what each product status means. */
import type { ItemProduct, ProductState, ProductStatus } from '../../shared/api';
import { userMessage } from '../../shared/plaid-error';

export const BILLING_NOTE = 'Plaid bills each product to your own Plaid account.';

export const PRODUCT_INFO: Record<ItemProduct, { label: string; purpose: string }> = {
  transactions: {
    label: 'Transactions',
    purpose: 'Your account history, spending and recurring payments (always).',
  },
  investments: { label: 'Investments', purpose: 'Holdings and trades in brokerage and retirement accounts.' },
  liabilities: {
    label: 'Liabilities',
    purpose: 'Credit card, student loan and mortgage details and due dates.',
  },
  auth: { label: 'Auth', purpose: 'Account and routing numbers, on demand.' },
  identity: {
    label: 'Identity',
    purpose: "The account holder's name, address and contact details, on demand.",
  },
  assets: { label: 'Assets', purpose: 'Asset reports of balances and history, for a lender, on demand.' },
  income: { label: 'Income', purpose: 'Income found in your deposits, on demand.' },
};

export const STATUS_LABEL: Record<ProductStatus, string> = {
  ready: 'ready',
  not_supported: 'not supported by this bank',
  no_accounts: 'no such accounts',
  needs_consent: 'needs consent',
  not_ready: 'not ready yet',
  failed: 'failed',
};

/** A product's status in words; a failure carries Plaid's display_message. */
export function productStatusText(state: ProductState): string {
  const label = STATUS_LABEL[state.status];
  return state.status === 'failed' && state.error ? `${label}: ${userMessage(state.error)}` : label;
}
