/**
 * The daily balances read an account's posted amounts by day (net-worth/daily-balances.ts). A
 * change before an account's first balance snapshot moves every day back to its first
 * transaction, so that read covers the account's whole history: through the account index it
 * fetched each row from the table (2.8 s at a million rows, most of an incremental sync). The
 * account index now carries pending and the amount, so the read never leaves it, for ~8 bytes a
 * row instead of a second index (~35 bytes a row). A load that deferred the old index builds this one.
 */
export default `
  DELETE FROM deferred_schema WHERE name = 'transactions_by_account';
  DROP INDEX IF EXISTS transactions_by_account;
  CREATE INDEX transactions_by_account
    ON transactions (account_id, date DESC, transaction_id DESC, pending, amount_minor);
  `;
