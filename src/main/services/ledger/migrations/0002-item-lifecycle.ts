/**
 * Item lifecycle (issue 4): each Item's health and since when, the NEW_ACCOUNTS_AVAILABLE hint,
 * Items removed at Plaid whose history the user kept, and accounts the bank or the user dropped
 * (archived, their transactions kept).
 */
export default `
  ALTER TABLE items ADD COLUMN health TEXT NOT NULL DEFAULT 'ok' CHECK (health IN ('ok', 'login_required',
    'pending_expiration', 'pending_disconnect', 'permission_revoked', 'institution_down', 'error'));
  ALTER TABLE items ADD COLUMN health_since TEXT;
  ALTER TABLE items ADD COLUMN new_accounts_available INTEGER NOT NULL DEFAULT 0
    CHECK (new_accounts_available IN (0, 1));
  ALTER TABLE items ADD COLUMN removed_at TEXT;
  ALTER TABLE accounts ADD COLUMN archived_at TEXT;
  `;
