/** The notifications table and the preferences per kind (migration 0013). */
import {
  NotificationKind,
  NotificationPreferences,
  type AppNotification,
  type NotificationTarget,
} from '../../../shared/contract/notifications';
import { DEFAULT_REMINDER_DAYS } from '../../../shared/contract/liabilities';
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';

interface Row {
  notification_id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  target: NotificationTarget;
  item_id: string | null;
  account_id: string | null;
  created_at: string;
  seen_at: string | null;
}

const fromRow = (r: Row): AppNotification => ({
  id: r.notification_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  target: r.target,
  itemId: r.item_id,
  accountId: r.account_id,
  createdAt: r.created_at,
  seenAt: r.seen_at,
});

/** Stores the notification unless one with its id exists; true when it is new. */
export function insertIfNew(ledger: Ledger, n: AppNotification): boolean {
  const result = stmt(
    ledger.db,
    `INSERT INTO notifications (notification_id, kind, title, body, target, item_id, account_id, created_at, seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (notification_id) DO NOTHING`,
  ).run(n.id, n.kind, n.title, n.body, n.target, n.itemId, n.accountId, n.createdAt);
  return result.changes === 1;
}

export function listNotifications(ledger: Ledger, unseenOnly: boolean, limit: number): AppNotification[] {
  const rows = stmt(
    ledger.db,
    unseenOnly
      ? `SELECT * FROM notifications WHERE seen_at IS NULL ORDER BY created_at DESC, notification_id LIMIT ?`
      : `SELECT * FROM notifications ORDER BY created_at DESC, notification_id LIMIT ?`,
  ).all(limit) as Row[];
  return rows.map(fromRow);
}

export function markSeen(ledger: Ledger, ids: readonly string[], at: string): void {
  const update = stmt(
    ledger.db,
    `UPDATE notifications SET seen_at = ? WHERE notification_id = ? AND seen_at IS NULL`,
  );
  for (const id of ids) update.run(at, id);
}

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  enabled: { 'new-transactions': true, 'reauth-needed': true, 'payment-due': true },
  reminderDays: [...DEFAULT_REMINDER_DAYS],
};

export function readPreferences(ledger: Ledger): NotificationPreferences {
  const rows = stmt(ledger.db, `SELECT kind, enabled, options_json FROM notification_preferences`).all() as {
    kind: string;
    enabled: number;
    options_json: string | null;
  }[];
  const prefs: NotificationPreferences = structuredClone(DEFAULT_PREFERENCES);
  for (const row of rows) {
    const kind = NotificationKind.safeParse(row.kind);
    if (!kind.success) continue;
    prefs.enabled[kind.data] = row.enabled === 1;
    if (kind.data === 'payment-due' && row.options_json) {
      const days = NotificationPreferences.shape.reminderDays.safeParse(JSON.parse(row.options_json));
      if (days.success) prefs.reminderDays = days.data;
    }
  }
  return prefs;
}

export function writePreferences(ledger: Ledger, prefs: NotificationPreferences): void {
  const upsert = stmt(
    ledger.db,
    `INSERT INTO notification_preferences (kind, enabled, options_json) VALUES (?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET enabled = excluded.enabled, options_json = excluded.options_json`,
  );
  for (const kind of NotificationKind.options) {
    const options = kind === 'payment-due' ? JSON.stringify(prefs.reminderDays) : null;
    upsert.run(kind, prefs.enabled[kind] ? 1 : 0, options);
  }
}
