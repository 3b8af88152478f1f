/**
 * Investments (issue 13): securities once per ledger (Plaid's security ids are global), holdings
 * one row per account and security, investment transactions by Plaid's id, and a valuation per
 * account, currency and day taken from the holdings at each sync (the only values Plaid vouches
 * for; everything before the first one is reconstructed when read, and labelled so).
 */
export default `
  CREATE TABLE securities (
    security_id TEXT PRIMARY KEY,
    name TEXT,
    ticker TEXT,
    type TEXT,
    subtype TEXT,
    is_cash INTEGER NOT NULL,
    proxy_security_id TEXT,
    close_price REAL,
    close_price_as_of TEXT,
    currency TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE holdings (
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    security_id TEXT NOT NULL REFERENCES securities (security_id),
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    quantity REAL NOT NULL,
    price REAL,
    price_as_of TEXT,
    value_minor INTEGER NOT NULL,
    cost_basis_minor INTEGER,
    currency TEXT NOT NULL,
    PRIMARY KEY (account_id, security_id)
  ) STRICT;
  CREATE INDEX holdings_by_item ON holdings (item_id);

  CREATE TABLE investment_transactions (
    investment_transaction_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    security_id TEXT REFERENCES securities (security_id),
    date TEXT NOT NULL,
    name TEXT NOT NULL,
    quantity REAL NOT NULL,
    price REAL NOT NULL,
    amount_minor INTEGER NOT NULL,
    fees_minor INTEGER,
    type TEXT NOT NULL,
    subtype TEXT NOT NULL,
    currency TEXT NOT NULL
  ) STRICT;
  CREATE INDEX investment_transactions_by_account ON investment_transactions (account_id, date);
  CREATE INDEX investment_transactions_by_date ON investment_transactions (date);

  CREATE TABLE investment_valuations (
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    currency TEXT NOT NULL,
    date TEXT NOT NULL,
    value_minor INTEGER NOT NULL,
    cash_minor INTEGER NOT NULL,
    PRIMARY KEY (account_id, currency, date)
  ) STRICT;
  `;
