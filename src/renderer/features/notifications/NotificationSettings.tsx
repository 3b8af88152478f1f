import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { MAX_REMINDER_DAYS, type NotificationKind } from '../../../shared/contract/notifications';
import { useShell } from '../../app/shell-context';
import { askWebPermission, webPermission, type WebPermission } from './web-notifications';

const KINDS: readonly { kind: NotificationKind; label: string }[] = [
  { kind: 'new-transactions', label: 'New transactions found by a background sync (one per sync)' },
  { kind: 'reauth-needed', label: 'A bank needs you to sign in again' },
  { kind: 'payment-due', label: 'A card or loan payment is coming due' },
];

const PERMISSION_TEXT: Record<WebPermission, string> = {
  granted: 'This browser shows them as system notifications.',
  denied:
    'This browser blocks notifications from Coffer: allow them in its site settings to see them outside the tab.',
  default: 'Shown inside Coffer; allow system notifications to see them outside the tab too.',
  unsupported: 'This browser has no system notifications; they are shown inside Coffer.',
};

/** Parses "7, 3, 1": whole days from 0 to the limit, at least one, at most five. */
export function parseReminderDays(text: string): number[] | string {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Enter at least one number of days, e.g. 7, 3, 1.';
  if (parts.length > 5) return 'At most five reminders per due date.';
  const days = parts.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_REMINDER_DAYS))
    return `Each reminder is a whole number of days from 0 to ${MAX_REMINDER_DAYS}.`;
  return [...new Set(days)].sort((a, b) => b - a);
}

export function NotificationSettings() {
  const { notifications, systemNotifications } = useShell();
  const prefs = useStore(notifications, (s) => s.preferences);
  const [permission, setPermission] = useState<WebPermission>(() =>
    systemNotifications === 'web' ? webPermission() : 'granted',
  );
  const [daysText, setDaysText] = useState<string | null>(null);
  const [daysMessage, setDaysMessage] = useState<string | null>(null);

  useEffect(() => {
    void notifications.getState().loadPreferences();
  }, [notifications]);

  const shownDays = daysText ?? prefs?.reminderDays.join(', ') ?? '';
  const saveDays = async () => {
    const parsed = parseReminderDays(shownDays);
    if (typeof parsed === 'string') return setDaysMessage(parsed);
    if (await notifications.getState().setPreferences({ reminderDays: parsed })) {
      setDaysText(null);
      setDaysMessage('Saved.');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-notifications-title">
      <h3 id="settings-notifications-title">Notifications</h3>
      {!prefs && <p className="muted">Loading…</p>}
      {prefs && (
        <>
          <fieldset className="settings-checks">
            <legend>Tell me when</legend>
            {KINDS.map(({ kind, label }) => (
              <label key={kind} className="check">
                <input
                  type="checkbox"
                  checked={prefs.enabled[kind]}
                  data-kind={kind}
                  onChange={(e) =>
                    void notifications.getState().setPreferences({ enabled: { [kind]: e.target.checked } })
                  }
                />
                {label}
              </label>
            ))}
          </fieldset>
          <form
            className="settings-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void saveDays();
            }}
          >
            <label htmlFor="reminder-days">Remind me this many days before a due date</label>
            <input
              id="reminder-days"
              inputMode="numeric"
              maxLength={40}
              value={shownDays}
              aria-describedby="reminder-days-message"
              onChange={(e) => {
                setDaysText(e.target.value);
                setDaysMessage(null);
              }}
            />
            <button type="submit" className="button">
              Save
            </button>
            <span id="reminder-days-message" className="muted small" role="status">
              {daysMessage}
            </span>
          </form>
          {systemNotifications === 'web' && (
            <p className="muted small" data-testid="web-notification-permission" data-permission={permission}>
              {PERMISSION_TEXT[permission]}{' '}
              {permission === 'default' && (
                <button
                  type="button"
                  className="button button-quiet small"
                  onClick={() => void askWebPermission().then(setPermission)}
                >
                  Allow system notifications
                </button>
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}
