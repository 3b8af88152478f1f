/**
 * Notifications: each one its source raised, keyed by the source's own key so evaluating a source
 * again (at every start, after every sync) never raises it twice; `seen_at` is what the tray at
 * start leaves out. Preferences per kind, the user's.
 */
export default `
  CREATE TABLE notifications (
    notification_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    target TEXT NOT NULL,
    item_id TEXT,
    account_id TEXT,
    created_at TEXT NOT NULL,
    seen_at TEXT
  ) STRICT;
  CREATE INDEX notifications_newest ON notifications (created_at DESC);
  CREATE INDEX notifications_unseen ON notifications (created_at DESC) WHERE seen_at IS NULL;
  CREATE TABLE notification_preferences (
    kind TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    options_json TEXT
  ) STRICT;
  `;
