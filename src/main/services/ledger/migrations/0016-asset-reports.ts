/**
 * Asset Reports (issue 16): each report the user asked Plaid for, kept until they remove it. Its
 * asset_report_token is a secret and lives in the keychain; here are its Items, its status (with
 * Plaid's error when it failed) and, once ready, Plaid's report, so it can be read offline.
 */
export default `
  CREATE TABLE asset_reports (
    asset_report_id TEXT PRIMARY KEY,
    item_ids_json TEXT NOT NULL,
    days_requested INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'failed')),
    error_json TEXT,
    report_json TEXT,
    generated_at TEXT,
    refreshed_from TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX asset_reports_by_created ON asset_reports (created_at);
  `;
