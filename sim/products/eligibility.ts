/**
 * Products that only work with certain accounts, and the ITEM_ERROR Plaid gives when an Item
 * (or a Link session's chosen accounts) has none: at link time and when the endpoint is called.
 */
import type { PlaidErrorCode } from '../errors';
import { isInvestmentAccount, isLoanAccount, type AccountKey } from './account-keys';

const NEEDS = {
  auth: { accepts: (k: AccountKey) => k === 'checking' || k === 'savings', error: 'NO_AUTH_ACCOUNTS' },
  investments: { accepts: isInvestmentAccount, error: 'NO_INVESTMENT_ACCOUNTS' },
  liabilities: {
    accepts: (k: AccountKey) => k === 'credit' || isLoanAccount(k),
    error: 'NO_LIABILITY_ACCOUNTS',
  },
} as const satisfies Record<string, { accepts: (k: AccountKey) => boolean; error: PlaidErrorCode }>;

export type ProductNeedingAccounts = keyof typeof NEEDS;

/** The error for the first product the accounts cannot serve, or null when they serve all. */
export function accountsMissingFor(
  products: readonly string[],
  keys: readonly AccountKey[],
): PlaidErrorCode | null {
  for (const product of products) {
    const need = (NEEDS as Record<string, { accepts: (k: AccountKey) => boolean; error: PlaidErrorCode }>)[
      product
    ];
    if (need && !keys.some(need.accepts)) return need.error;
  }
  return null;
}
