/**
 * The foundation. Money is integer minor units; dates are ISO strings; no token anywhere.
 */
export default `
  CREATE TABLE items (
    item_id TEXT PRIMARY KEY,
    institution_id TEXT,
    institution_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_synced_at TEXT,
    status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
    error_json TEXT
  ) STRICT;

  CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    official_name TEXT,
    mask TEXT,
    type TEXT NOT NULL,
    subtype TEXT,
    currency TEXT NOT NULL,
    current_minor INTEGER,
    available_minor INTEGER,
    limit_minor INTEGER,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX accounts_by_item ON accounts (item_id);

  CREATE TABLE transactions (
    transaction_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    authorized_date TEXT,
    name TEXT NOT NULL,
    merchant_name TEXT,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    pending INTEGER NOT NULL CHECK (pending IN (0, 1)),
    pending_transaction_id TEXT,
    category_primary TEXT,
    category_detailed TEXT,
    payment_channel TEXT,
    raw_json TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  -- The transaction list's order, so keyset paging reads the index and never sorts.
  CREATE INDEX transactions_newest ON transactions (date DESC, transaction_id DESC);
  CREATE INDEX transactions_by_account ON transactions (account_id, date DESC, transaction_id DESC);
  CREATE INDEX transactions_by_item ON transactions (item_id);

  CREATE TABLE sync_state (
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    cursor TEXT,
    -- Non-null while a loop is under way: the cursor it started from ('' = from the beginning).
    loop_start_cursor TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (item_id, product)
  ) STRICT;

  -- Transactions added or modified since the current loop started, with the attempt that saw
  -- them. When a loop restarts, ids only an abandoned attempt added (and the final attempt never
  -- mentions) did not exist at the loop's start and no longer exist: they are deleted at the end.
  CREATE TABLE sync_loop_seen (
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    transaction_id TEXT NOT NULL,
    attempt TEXT NOT NULL,
    PRIMARY KEY (item_id, transaction_id)
  ) STRICT;

  CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'error')),
    pages INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    modified INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    error_json TEXT
  ) STRICT;
  CREATE INDEX sync_runs_by_item ON sync_runs (item_id, started_at DESC);
  `;
