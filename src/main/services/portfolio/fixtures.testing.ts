/**
 * Plaid-shaped investments fixtures for the portfolio's tests: a security, a holding and an
 * investment transaction with Plaid's fields, each defaulting to a plain USD row of the fixture
 * ledger's `usd` account, the test naming only what it is about.
 */
export const security = (id: string, fields: Record<string, unknown>) => ({
  security_id: id,
  name: null,
  ticker_symbol: null,
  type: null,
  subtype: null,
  is_cash_equivalent: false,
  proxy_security_id: null,
  close_price: null,
  close_price_as_of: null,
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  ...fields,
});

export const holding = (account_id: string, security_id: string, fields: Record<string, unknown>) => ({
  account_id,
  security_id,
  quantity: 1,
  institution_price: 1,
  institution_price_as_of: '2024-06-28',
  institution_value: 1,
  cost_basis: null,
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  ...fields,
});

export const txn = (id: string, fields: Record<string, unknown>) => ({
  investment_transaction_id: id,
  account_id: 'usd',
  security_id: null,
  date: '2024-06-03',
  name: id,
  quantity: 0,
  price: 0,
  amount: 0,
  fees: null,
  type: 'cash',
  subtype: 'deposit',
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  ...fields,
});

/** An investment account of the fixture Item `item-1`, as the accounts syncer stores it. */
export const investmentAccount = (accountId: string, name: string, currency = 'USD', currentMinor = 0) => ({
  accountId,
  itemId: 'item-1',
  name,
  officialName: null,
  mask: null,
  type: 'investment',
  subtype: 'brokerage',
  currency,
  currentMinor,
  availableMinor: null,
  limitMinor: null,
});
