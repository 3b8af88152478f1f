/**
 * Whether a daily balance is an estimate (an investment account's value reconstructed from its
 * holdings and trades before its first balance snapshot) rather than a balance the bank reported
 * or one walked from it through posted transactions; a day of net worth is estimated when any
 * account's balance in it is.
 */
export default `
  ALTER TABLE daily_balances ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1));
  ALTER TABLE net_worth_daily ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1));
  `;
