/**
 * Search totals (issue 7): the count and sum of a search read a narrow row per match (~20 bytes:
 * account, currency, amount by the row's rowid) instead of the whole encrypted row. Kept in step
 * by triggers; a first sync's bulk load defers them and refills the table (ingest/transactions/bulk-load.ts).
 */
export default `
  CREATE TABLE transaction_amounts (
    rid INTEGER PRIMARY KEY,
    -- accounts.rowid. Nullable so that a row naming an unknown account fails on its foreign key.
    account_no INTEGER,
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL
  ) STRICT;
  INSERT INTO transaction_amounts (rid, account_no, currency, amount_minor)
    SELECT t.rowid, a.rowid, t.currency, t.amount_minor FROM transactions t JOIN accounts a USING (account_id);
  CREATE TRIGGER transaction_amounts_insert AFTER INSERT ON transactions BEGIN
    INSERT INTO transaction_amounts (rid, account_no, currency, amount_minor)
      VALUES (new.rowid, (SELECT rowid FROM accounts WHERE account_id = new.account_id), new.currency,
        new.amount_minor);
  END;
  CREATE TRIGGER transaction_amounts_delete AFTER DELETE ON transactions BEGIN
    DELETE FROM transaction_amounts WHERE rid = old.rowid;
  END;
  CREATE TRIGGER transaction_amounts_update AFTER UPDATE OF account_id, currency, amount_minor ON transactions
  BEGIN
    UPDATE transaction_amounts SET account_no = (SELECT rowid FROM accounts WHERE account_id = new.account_id),
      currency = new.currency, amount_minor = new.amount_minor WHERE rid = new.rowid;
  END;
  `;
