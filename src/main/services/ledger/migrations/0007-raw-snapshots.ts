/**
 * Raw snapshots (issue 11): the latest response Plaid sent for a small product of an Item
 * (balances, holdings, liabilities…), kept as it came so the product's processor can run again
 * offline. Never transactions (the ledger holds them row by row) nor Auth's account numbers.
 */
export default `
  CREATE TABLE raw_snapshots (
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    response_json TEXT NOT NULL,
    PRIMARY KEY (item_id, product)
  ) STRICT;
  `;
