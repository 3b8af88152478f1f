/**
 * Plaid's investment transaction types and subtypes, each named as Plaid names it and sorted into
 * what the portfolio counts: income (dividends, interest), fees, money the owner put in or took
 * out (external flows, which returns must exclude), trades and the rest. A subtype Plaid adds
 * later keeps its own name, never "Other".
 */
export type InvestmentKind =
  | 'trade'
  | 'dividend'
  | 'interest'
  | 'fee'
  | 'contribution'
  | 'withdrawal'
  | 'corporate-action'
  | 'tax'
  | 'cancel'
  | 'cash';

const BY_SUBTYPE: Record<string, InvestmentKind> = {
  buy: 'trade',
  sell: 'trade',
  'buy to cover': 'trade',
  'sell short': 'trade',
  trade: 'trade',
  rebalance: 'trade',
  exercise: 'trade',
  assignment: 'trade',
  expire: 'trade',
  dividend: 'dividend',
  'qualified dividend': 'dividend',
  'non-qualified dividend': 'dividend',
  'dividend reinvestment': 'dividend',
  'long-term capital gain': 'dividend',
  'long-term capital gain reinvestment': 'dividend',
  'short-term capital gain': 'dividend',
  'short-term capital gain reinvestment': 'dividend',
  'unqualified gain': 'dividend',
  interest: 'interest',
  'interest receivable': 'interest',
  'interest reinvestment': 'interest',
  'account fee': 'fee',
  'fund fee': 'fee',
  'legal fee': 'fee',
  'management fee': 'fee',
  'margin expense': 'fee',
  'miscellaneous fee': 'fee',
  'transfer fee': 'fee',
  'trust fee': 'fee',
  contribution: 'contribution',
  deposit: 'contribution',
  'pending credit': 'contribution',
  withdrawal: 'withdrawal',
  distribution: 'withdrawal',
  'pending debit': 'withdrawal',
  'loan payment': 'withdrawal',
  merger: 'corporate-action',
  'spin off': 'corporate-action',
  split: 'corporate-action',
  'stock distribution': 'corporate-action',
  'return of principal': 'corporate-action',
  adjustment: 'corporate-action',
  tax: 'tax',
  'tax withheld': 'tax',
  'non-resident tax': 'tax',
  send: 'withdrawal',
  request: 'contribution',
  transfer: 'contribution',
};

/** What a type alone says when Plaid sends a subtype this list does not know. */
const BY_TYPE: Record<string, InvestmentKind> = {
  buy: 'trade',
  sell: 'trade',
  fee: 'fee',
  cancel: 'cancel',
  cash: 'cash',
  transfer: 'contribution',
};

export interface Classified {
  kind: InvestmentKind;
  /** Plaid's own subtype, as a label ("Qualified dividend"). */
  label: string;
  /** Money the owner moved in or out: a flow for returns, not a gain. */
  external: boolean;
}

export function classify(type: string, subtype: string): Classified {
  let kind = BY_SUBTYPE[subtype] ?? BY_TYPE[type] ?? 'cash';
  if (type === 'cancel') kind = 'cancel';
  const text = subtype || type;
  return {
    kind,
    label: text.charAt(0).toUpperCase() + text.slice(1),
    external: kind === 'contribution' || kind === 'withdrawal',
  };
}
