/**
 * Liabilities (issue 14): one row per credit card, student loan or mortgage as /liabilities/get
 * last reported it. The columns are what upcoming payments and reminders query; `detail_json` holds
 * every other field Plaid sends for the kind (APRs, servicer, escrow…), already in minor units.
 */
export default `
  CREATE TABLE liabilities (
    account_id TEXT PRIMARY KEY REFERENCES accounts (account_id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('credit', 'student', 'mortgage')),
    currency TEXT NOT NULL,
    next_payment_due_date TEXT,
    amount_due_minor INTEGER,
    last_statement_balance_minor INTEGER,
    last_statement_issue_date TEXT,
    last_payment_date TEXT,
    last_payment_minor INTEGER,
    is_overdue INTEGER CHECK (is_overdue IN (0, 1)),
    detail_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX liabilities_by_item ON liabilities (item_id);
  `;
