/**
 * Transactions users trust (issue 7). User edits live beside Plaid's fields (a sync rewrites
 * only Plaid's), so an edit survives every sync; rules write their own columns; the effective
 * values are generated columns. FTS and the spending pre-aggregate are kept in step by triggers.
 */
export default `
  ALTER TABLE transactions ADD COLUMN user_name TEXT;
  ALTER TABLE transactions ADD COLUMN rule_name TEXT;
  ALTER TABLE transactions ADD COLUMN user_category TEXT;
  ALTER TABLE transactions ADD COLUMN user_category_group TEXT;
  ALTER TABLE transactions ADD COLUMN rule_category TEXT;
  ALTER TABLE transactions ADD COLUMN rule_category_group TEXT;
  ALTER TABLE transactions ADD COLUMN note TEXT;
  ALTER TABLE transactions ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;
  -- Bit set of user-locked fields: 1 category, 2 name, 4 note, 8 tags, 16 excluded.
  ALTER TABLE transactions ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE transactions ADD COLUMN is_split INTEGER NOT NULL DEFAULT 0;
  -- The pending amount, when the posted amount of a split row differed from it (review needed).
  ALTER TABLE transactions ADD COLUMN review_pending_minor INTEGER;
  ALTER TABLE transactions ADD COLUMN transfer_pair_id TEXT;
  -- 0 while transfer detection has yet to look at the row (set by the apply step only for rows
  -- that can be half of a pair: posted, no merchant, or already paired).
  ALTER TABLE transactions ADD COLUMN transfer_checked INTEGER NOT NULL DEFAULT 0;
  -- The sync attempt (sync_state.gen) that last wrote the row; see sync_state.loop_first_gen.
  ALTER TABLE transactions ADD COLUMN sync_gen INTEGER;
  ALTER TABLE transactions ADD COLUMN custom_name TEXT GENERATED ALWAYS AS (coalesce(user_name, rule_name)) VIRTUAL;
  ALTER TABLE transactions ADD COLUMN category TEXT
    GENERATED ALWAYS AS (coalesce(user_category, rule_category, category_detailed, category_primary)) VIRTUAL;
  ALTER TABLE transactions ADD COLUMN category_group TEXT GENERATED ALWAYS AS (CASE
      WHEN user_category IS NOT NULL THEN user_category_group
      WHEN rule_category IS NOT NULL THEN rule_category_group
      ELSE coalesce(category_primary, category_detailed) END) VIRTUAL;
  -- A user's category decides alone; otherwise a detected pair or a transfer category makes a transfer.
  ALTER TABLE transactions ADD COLUMN is_transfer INTEGER GENERATED ALWAYS AS (CASE
      WHEN user_category IS NOT NULL THEN
        coalesce(user_category_group IN ('TRANSFER_IN', 'TRANSFER_OUT')
          OR user_category = 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT', 0)
      ELSE transfer_pair_id IS NOT NULL
        OR coalesce(coalesce(rule_category_group, category_primary) IN ('TRANSFER_IN', 'TRANSFER_OUT'), 0)
        OR coalesce(coalesce(rule_category, category_detailed) = 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT', 0)
      END) VIRTUAL;
  -- Spending's date: when the purchase happened (authorized) if known, else when it posted.
  ALTER TABLE transactions ADD COLUMN spend_date TEXT GENERATED ALWAYS AS (coalesce(authorized_date, date)) VIRTUAL;
  ALTER TABLE transactions ADD COLUMN spend_month TEXT
    GENERATED ALWAYS AS (substr(coalesce(authorized_date, date), 1, 7)) VIRTUAL;

  -- No index on category: a category filter matches split rows by their parts (an OR no index
  -- serves), so it walks the date index; each index costs every ingested row (BENCHMARKS.md).
  -- Covers amount-range counts and sums, and transfer pairing (opposite amount, same currency, near date).
  CREATE INDEX transactions_by_amount ON transactions (amount_minor, currency, date);
  -- Spending months are read as spend_date ranges ('YYYY-MM-01'..'YYYY-MM-31'), on this index.
  CREATE INDEX transactions_by_spend_date ON transactions (spend_date);
  CREATE INDEX transactions_by_pending_id ON transactions (pending_transaction_id)
    WHERE pending_transaction_id IS NOT NULL;
  CREATE INDEX transactions_by_pair ON transactions (transfer_pair_id) WHERE transfer_pair_id IS NOT NULL;
  CREATE INDEX transactions_unchecked ON transactions (item_id) WHERE transfer_checked = 0;
  CREATE INDEX transactions_split ON transactions (transaction_id) WHERE is_split = 1;
  -- Pending rows are few and recent: the "pending" filter reads them alone, in list order.
  CREATE INDEX transactions_pending ON transactions (date DESC, transaction_id DESC) WHERE pending = 1;

  DROP TABLE sync_loop_seen;
  -- gen: a counter of sync attempts per Item; loop_first_gen: the first attempt of the unfinished
  -- loop. Rows whose sync_gen is in [loop_first_gen, final attempt) and that the final attempt did
  -- not rewrite existed only in an abandoned attempt's view: they are deleted when the loop ends.
  ALTER TABLE sync_state ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sync_state ADD COLUMN loop_first_gen INTEGER;

  CREATE TABLE user_categories (
    category_id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    group_id TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE transaction_tags (
    transaction_id TEXT NOT NULL REFERENCES transactions (transaction_id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (transaction_id, tag)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX transaction_tags_by_tag ON transaction_tags (tag, transaction_id);

  CREATE TABLE transaction_splits (
    transaction_id TEXT NOT NULL REFERENCES transactions (transaction_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    category TEXT,
    category_group TEXT,
    note TEXT,
    PRIMARY KEY (transaction_id, idx)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX transaction_splits_by_category ON transaction_splits (category);

  -- A removed pending row's user edits, kept until its posted successor arrives (it names the
  -- pending row in pending_transaction_id) or the retention window passes.
  CREATE TABLE pending_tombstones (
    transaction_id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    edits_json TEXT NOT NULL,
    removed_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE rules (
    rule_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    position INTEGER NOT NULL,
    conditions_json TEXT NOT NULL,
    actions_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE recurring_streams (
    stream_id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('inflow', 'outflow')),
    description TEXT NOT NULL,
    merchant_name TEXT,
    category_primary TEXT,
    category_detailed TEXT,
    frequency TEXT NOT NULL,
    average_minor INTEGER NOT NULL,
    last_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    predicted_next_date TEXT,
    status TEXT NOT NULL,
    is_active INTEGER NOT NULL,
    transaction_ids_json TEXT NOT NULL
  ) STRICT;
  CREATE INDEX recurring_streams_by_item ON recurring_streams (item_id);
  CREATE TABLE recurring_state (
    item_id TEXT PRIMARY KEY REFERENCES items (item_id) ON DELETE CASCADE,
    updated_at TEXT NOT NULL
  ) STRICT;

  -- Spending pre-aggregated per month x currency x category x account (only rows that count:
  -- not transfers, not excluded). Months whose rows changed are queued in spending_dirty by the
  -- triggers below and recomputed in one statement per month (see transactions/spending.ts).
  CREATE TABLE spending_monthly (
    month TEXT NOT NULL,
    currency TEXT NOT NULL,
    category TEXT NOT NULL,
    category_group TEXT NOT NULL,
    account_id TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    pending_minor INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (month, currency, category, account_id)
  ) STRICT, WITHOUT ROWID;
  -- Count and sum of every unsplit row per (posting month, spending month, and the dimensions the
  -- list filters on), so the count and sum of a filtered set read a few thousand rows, not a
  -- million. Same dirty-month queue as spending_monthly (keyed by spending month).
  CREATE TABLE totals_monthly (
    month TEXT NOT NULL,
    spend_month TEXT NOT NULL,
    currency TEXT NOT NULL,
    account_id TEXT NOT NULL,
    category TEXT,
    category_group TEXT,
    pending INTEGER NOT NULL,
    is_transfer INTEGER NOT NULL,
    excluded INTEGER NOT NULL,
    count INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX totals_monthly_by_spend_month ON totals_monthly (spend_month);
  CREATE TABLE spending_dirty (month TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
  INSERT OR IGNORE INTO spending_dirty SELECT DISTINCT spend_month FROM transactions;

  -- Inserts are queued by the sync's apply step, once per month and page (a per-row trigger cost
  -- a third of the ingest). No INSERT OR IGNORE in triggers: an outer UPSERT overrides it.
  CREATE TRIGGER transactions_spending_delete AFTER DELETE ON transactions BEGIN
    INSERT INTO spending_dirty (month) SELECT old.spend_month
      WHERE NOT EXISTS (SELECT 1 FROM spending_dirty WHERE month = old.spend_month);
  END;
  CREATE TRIGGER transactions_spending_update AFTER UPDATE ON transactions
  WHEN old.amount_minor IS NOT new.amount_minor OR old.spend_month IS NOT new.spend_month
    OR old.category IS NOT new.category OR old.category_group IS NOT new.category_group
    OR old.is_transfer IS NOT new.is_transfer OR old.excluded IS NOT new.excluded
    OR old.pending IS NOT new.pending OR old.is_split IS NOT new.is_split
    OR old.currency IS NOT new.currency OR old.account_id IS NOT new.account_id
  BEGIN
    INSERT INTO spending_dirty (month) SELECT m FROM (SELECT old.spend_month AS m UNION SELECT new.spend_month)
      WHERE m NOT IN (SELECT month FROM spending_dirty);
  END;
  CREATE TRIGGER transaction_splits_spending_insert AFTER INSERT ON transaction_splits BEGIN
    INSERT INTO spending_dirty (month) SELECT spend_month FROM transactions
      WHERE transaction_id = new.transaction_id AND spend_month NOT IN (SELECT month FROM spending_dirty);
  END;
  CREATE TRIGGER transaction_splits_spending_delete AFTER DELETE ON transaction_splits BEGIN
    INSERT INTO spending_dirty (month) SELECT spend_month FROM transactions
      WHERE transaction_id = old.transaction_id AND spend_month NOT IN (SELECT month FROM spending_dirty);
  END;
  -- A deleted row's transfer partner is single again: detection looks at it anew.
  CREATE TRIGGER transactions_unpair AFTER DELETE ON transactions WHEN old.transfer_pair_id IS NOT NULL BEGIN
    UPDATE transactions SET transfer_pair_id = NULL, transfer_checked = 0
      WHERE transfer_pair_id = old.transaction_id;
  END;

  -- Full-text search over what a person remembers: names (Plaid's and their own), merchant, note,
  -- category code words. External content: the text lives once, in transactions.
  CREATE VIRTUAL TABLE transactions_fts USING fts5 (
    custom_name, name, merchant_name, note, category,
    content = 'transactions', content_rowid = 'rowid',
    -- Searches are words ANDed, each prefix-matched: no positions or column sizes needed.
    tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0
  );
  INSERT INTO transactions_fts (transactions_fts) VALUES ('rebuild');
  CREATE TRIGGER transactions_fts_insert AFTER INSERT ON transactions BEGIN
    INSERT INTO transactions_fts (rowid, custom_name, name, merchant_name, note, category)
      VALUES (new.rowid, new.custom_name, new.name, new.merchant_name, new.note, new.category);
  END;
  CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, custom_name, name, merchant_name, note, category)
      VALUES ('delete', old.rowid, old.custom_name, old.name, old.merchant_name, old.note, old.category);
  END;
  CREATE TRIGGER transactions_fts_update AFTER UPDATE ON transactions
  WHEN old.custom_name IS NOT new.custom_name OR old.name IS NOT new.name
    OR old.merchant_name IS NOT new.merchant_name OR old.note IS NOT new.note OR old.category IS NOT new.category
  BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, custom_name, name, merchant_name, note, category)
      VALUES ('delete', old.rowid, old.custom_name, old.name, old.merchant_name, old.note, old.category);
    INSERT INTO transactions_fts (rowid, custom_name, name, merchant_name, note, category)
      VALUES (new.rowid, new.custom_name, new.name, new.merchant_name, new.note, new.category);
  END;
  `;
