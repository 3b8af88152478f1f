/**
 * The institutions the simulator offers, modelled on Plaid's Sandbox test banks. Product lists
 * decide which Link sessions may pick them and which products an Item may ask for.
 */
import { ACCOUNT_KEYS, type AccountKey } from './products/account-keys';
import type { LiabilityBehaviour } from './products/liability-scenario';

export const PRODUCTS = [
  'assets',
  'auth',
  'balance',
  'balance_plus',
  'beacon',
  'identity',
  'identity_match',
  'investments',
  'investments_auth',
  'liabilities',
  'payment_initiation',
  'identity_verification',
  'transactions',
  'credit_details',
  'income',
  'income_verification',
  'standing_orders',
  'transfer',
  'employment',
  'recurring_transactions',
  'transactions_refresh',
  'signal',
  'statements',
  'processor_payments',
  'processor_identity',
  'profile',
  'cra_base_report',
  'cra_income_insights',
  'cra_partner_insights',
  'cra_network_insights',
  'cra_cashflow_insights',
  'cra_monitoring',
  'cra_lend_score',
  'cra_plaid_credit_score',
  'layer',
  'pay_by_bank',
  'protect_linked_bank',
  'protect_transactions',
] as const;
export type Product = (typeof PRODUCTS)[number];

export interface InstitutionProfile {
  institution_id: string;
  name: string;
  products: Product[];
  url: string;
  primary_color: string;
  routing_numbers: string[];
  /** The accounts user_good has there (all of them unless the bank lacks a kind). */
  accounts: readonly AccountKey[];
  /** OAuth banks log in on their own page, in a pop-up, instead of inside Link. */
  oauth: boolean;
  /** How its customers handle their debts (absent: the card paid in full, the loans on time). */
  liabilities?: LiabilityBehaviour;
}

export const INSTITUTIONS: readonly InstitutionProfile[] = [
  {
    institution_id: 'ins_109508',
    name: 'First Platypus Bank',
    products: [
      'assets',
      'auth',
      'balance',
      'credit_details',
      'identity',
      'identity_match',
      'income',
      'income_verification',
      'investments',
      'investments_auth',
      'liabilities',
      'payment_initiation',
      'recurring_transactions',
      'signal',
      'standing_orders',
      'statements',
      'transactions',
      'transfer',
      'employment',
    ],
    url: 'https://www.platypus.example',
    primary_color: '#1f6feb',
    routing_numbers: ['011000138', '011200365'],
    accounts: ACCOUNT_KEYS,
    oauth: false,
  },
  {
    institution_id: 'ins_109512',
    name: 'Houndstooth Bank',
    products: ['auth', 'balance', 'identity', 'transactions'],
    url: 'https://www.houndstooth.example',
    primary_color: '#7c3aed',
    routing_numbers: ['021000021'],
    accounts: ['checking', 'savings', 'credit'],
    oauth: false,
  },
  {
    institution_id: 'ins_109510',
    name: 'Tattersall Federal Credit Union',
    // Offers Investments but holds none for user_good: the NO_INVESTMENT_ACCOUNTS path.
    products: ['assets', 'auth', 'balance', 'identity', 'investments', 'liabilities', 'transactions'],
    url: 'https://www.tattersall.example',
    primary_color: '#0f766e',
    routing_numbers: ['322271627'],
    accounts: ['checking', 'savings', 'credit', 'student', 'mortgage'],
    oauth: false,
    // Its card carries a balance that accrues interest and its mortgage runs a payment behind.
    liabilities: { card: 'revolving', mortgage: 'past_due' },
  },
  {
    institution_id: 'ins_127287',
    name: 'Platypus OAuth Bank',
    // Offers Liabilities but holds no debt for user_good: the NO_LIABILITY_ACCOUNTS path.
    products: ['auth', 'balance', 'identity', 'investments', 'liabilities', 'transactions'],
    url: 'https://www.platypus-oauth.example',
    primary_color: '#b45309',
    routing_numbers: ['021000089'],
    accounts: ['checking', 'savings', 'brokerage'],
    oauth: true,
  },
];

export function findInstitution(institutionId: string): InstitutionProfile | undefined {
  return INSTITUTIONS.find((i) => i.institution_id === institutionId);
}

/** Products Link may not be asked for: balance is implied by every Item. */
export const IMPLIED_PRODUCTS: readonly Product[] = ['balance'];

export function unsupportedProducts(institution: InstitutionProfile, products: readonly string[]): string[] {
  return products.filter((p) => !(institution.products as readonly string[]).includes(p));
}
