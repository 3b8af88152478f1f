/**
 * Net worth (issue 14): every balance Plaid gave us kept as an immutable snapshot, the daily
 * balance per account derived from the snapshots and the transactions between them, the user's
 * own assets and liabilities with their dated values, and what a transaction change leaves to
 * recompute.
 */
export default `
  CREATE TABLE balance_snapshots (
    id INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    -- The bank day the balance stands for: every transaction posted on or before it is in it.
    as_of TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('refresh', 'sync')),
    currency TEXT NOT NULL,
    current_minor INTEGER NOT NULL,
    available_minor INTEGER
  ) STRICT;
  CREATE INDEX balance_snapshots_by_account ON balance_snapshots (account_id, as_of, id);
  CREATE TRIGGER balance_snapshots_immutable BEFORE UPDATE ON balance_snapshots
  BEGIN SELECT RAISE(ABORT, 'balance snapshots are immutable'); END;

  CREATE TABLE daily_balances (
    account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    balance_minor INTEGER NOT NULL,
    PRIMARY KEY (account_id, date)
  ) STRICT, WITHOUT ROWID;

  -- The daily balances added up per day and currency, rewritten with the days they come from.
  CREATE TABLE net_worth_daily (
    date TEXT NOT NULL,
    currency TEXT NOT NULL,
    assets_minor INTEGER NOT NULL,
    liabilities_minor INTEGER NOT NULL,
    PRIMARY KEY (date, currency)
  ) STRICT, WITHOUT ROWID;

  -- The span of dates whose transactions changed since the daily balances were last brought up to date.
  CREATE TABLE daily_balances_dirty (
    account_id TEXT PRIMARY KEY,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER transactions_dirty_balances_insert AFTER INSERT ON transactions WHEN new.pending = 0
  BEGIN
    INSERT INTO daily_balances_dirty (account_id, from_date, to_date) VALUES (new.account_id, new.date, new.date)
    ON CONFLICT (account_id) DO UPDATE SET from_date = min(from_date, excluded.from_date),
      to_date = max(to_date, excluded.to_date);
  END;
  CREATE TRIGGER transactions_dirty_balances_delete AFTER DELETE ON transactions WHEN old.pending = 0
  BEGIN
    INSERT INTO daily_balances_dirty (account_id, from_date, to_date) VALUES (old.account_id, old.date, old.date)
    ON CONFLICT (account_id) DO UPDATE SET from_date = min(from_date, excluded.from_date),
      to_date = max(to_date, excluded.to_date);
  END;
  CREATE TRIGGER transactions_dirty_balances_update
  AFTER UPDATE OF amount_minor, date, pending, account_id ON transactions
  WHEN new.amount_minor IS NOT old.amount_minor OR new.date IS NOT old.date
    OR new.pending IS NOT old.pending OR new.account_id IS NOT old.account_id
  BEGIN
    INSERT INTO daily_balances_dirty (account_id, from_date, to_date) VALUES (old.account_id, old.date, old.date)
    ON CONFLICT (account_id) DO UPDATE SET from_date = min(from_date, excluded.from_date),
      to_date = max(to_date, excluded.to_date);
    INSERT INTO daily_balances_dirty (account_id, from_date, to_date) VALUES (new.account_id, new.date, new.date)
    ON CONFLICT (account_id) DO UPDATE SET from_date = min(from_date, excluded.from_date),
      to_date = max(to_date, excluded.to_date);
  END;

  CREATE TABLE manual_assets (
    asset_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('asset', 'liability')),
    currency TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE manual_asset_values (
    asset_id TEXT NOT NULL REFERENCES manual_assets (asset_id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    value_minor INTEGER NOT NULL CHECK (value_minor >= 0),
    PRIMARY KEY (asset_id, date)
  ) STRICT, WITHOUT ROWID;
  `;
