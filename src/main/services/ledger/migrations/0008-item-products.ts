/**
 * Products per Item (issue 12): what the user asked for and where each stands, apart from the
 * Item's health, which is about the connection only. Items linked before this migration asked for
 * transactions alone.
 */
export default `
  CREATE TABLE item_products (
    item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN
      ('ready', 'not_supported', 'no_accounts', 'needs_consent', 'not_ready', 'failed')),
    error_json TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (item_id, product)
  ) STRICT;

  INSERT INTO item_products (item_id, product, status, updated_at)
    SELECT item_id, 'transactions', 'ready', created_at FROM items;
  `;
