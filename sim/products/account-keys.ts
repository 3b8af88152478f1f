/**
 * Every kind of account an Item can hold, and how each looks. The transaction-bearing ones
 * (checking, savings, credit card) are the household generator's templates; investment and loan
 * accounts carry no regular transactions. Account ids follow one scheme for all of them.
 */
import { ACCOUNT_TEMPLATES, ACCOUNT_TEMPLATE_KEYS, type AccountTemplateKey } from '../generator';
import { deriveId } from '../ids';

export const INVESTMENT_ACCOUNT_KEYS = ['brokerage', 'ira', '401k'] as const;
export const LOAN_ACCOUNT_KEYS = ['student', 'mortgage'] as const;
export const PRODUCT_ACCOUNT_KEYS = [...INVESTMENT_ACCOUNT_KEYS, ...LOAN_ACCOUNT_KEYS] as const;
export type ProductAccountKey = (typeof PRODUCT_ACCOUNT_KEYS)[number];

/** Every account an Item may have, in the order Plaid lists them. */
export const ACCOUNT_KEYS = [...ACCOUNT_TEMPLATE_KEYS, ...PRODUCT_ACCOUNT_KEYS] as const;
export type AccountKey = (typeof ACCOUNT_KEYS)[number];

export interface AccountShape {
  name: string;
  official_name: string;
  mask: string;
  type: 'depository' | 'credit' | 'investment' | 'loan';
  subtype: string;
}

const PRODUCT_ACCOUNTS: Record<ProductAccountKey, AccountShape> = {
  brokerage: {
    name: 'Plaid Brokerage',
    official_name: 'Plaid Diamond Brokerage Account',
    mask: '9999',
    type: 'investment',
    subtype: 'brokerage',
  },
  ira: {
    name: 'Plaid IRA',
    official_name: 'Plaid Bronze Traditional IRA',
    mask: '5555',
    type: 'investment',
    subtype: 'ira',
  },
  '401k': {
    name: 'Plaid 401k',
    official_name: 'Plaid Silver 401k Retirement Plan',
    mask: '6666',
    type: 'investment',
    subtype: '401k',
  },
  student: {
    name: 'Plaid Student Loan',
    official_name: 'Plaid Direct Consolidated Student Loan',
    mask: '7777',
    type: 'loan',
    subtype: 'student',
  },
  mortgage: {
    name: 'Plaid Mortgage',
    official_name: 'Plaid 30-Year Fixed Rate Mortgage',
    mask: '8888',
    type: 'loan',
    subtype: 'mortgage',
  },
};

export function isTransactionAccount(key: AccountKey): key is AccountTemplateKey {
  return (ACCOUNT_TEMPLATE_KEYS as readonly string[]).includes(key);
}

export function isInvestmentAccount(key: AccountKey): key is (typeof INVESTMENT_ACCOUNT_KEYS)[number] {
  return (INVESTMENT_ACCOUNT_KEYS as readonly string[]).includes(key);
}

export function isLoanAccount(key: AccountKey): key is (typeof LOAN_ACCOUNT_KEYS)[number] {
  return (LOAN_ACCOUNT_KEYS as readonly string[]).includes(key);
}

export function accountShape(key: AccountKey): AccountShape {
  if (isTransactionAccount(key)) {
    const t = ACCOUNT_TEMPLATES[key];
    return { name: t.name, official_name: t.official_name, mask: t.mask, type: t.type, subtype: t.subtype };
  }
  return PRODUCT_ACCOUNTS[key];
}

/** Same derivation as the view's accountIdFor, for every kind of account. */
export function accountIdOf(itemId: string, key: AccountKey): string {
  return deriveId(itemId, `account:${key}`);
}
