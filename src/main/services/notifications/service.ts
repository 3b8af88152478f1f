/**
 * The one notifications service: sources raise candidates here, the ledger keeps each once, and
 * the `notification.raised` event hands new ones to whichever surface delivers them. Payment-due
 * and login sources are evaluated from state (at start, after the ledger changes, and as days
 * pass), so what came due while the app was closed is raised at the next start.
 */
import type { Item, SyncResult } from '../../../shared/api';
import type { notificationCalls, AppNotification } from '../../../shared/contract/notifications';
import type { EventName, EventPayload } from '../../../shared/events';
import type { ApiHandlers } from '../core-types';
import type { Ledger } from '../ledger/ledger';
import { remindersOn } from '../liabilities/due';
import { ledgerToday } from '../net-worth/snapshots';
import type { Logger } from '../log/logger';
import { newTransactions, paymentDue, reauthNeeded, type NotificationCandidate } from './sources';
import { insertIfNew, listNotifications, markSeen, readPreferences, writePreferences } from './store';

type NotificationCalls = keyof typeof notificationCalls;

export interface NotificationDeps {
  ledger: Ledger;
  log: Logger;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** The Items as the app shows them (health included). */
  items(): Item[];
  now?: () => number;
}

/** How often the state sources are looked at while the app runs (a due date's day can turn). */
export const EVALUATE_EVERY_MS = 15 * 60 * 1000;

export function createNotificationService(deps: NotificationDeps) {
  const { ledger, log } = deps;
  const now = deps.now ?? Date.now;

  const raise = (candidates: readonly (NotificationCandidate | null)[]): AppNotification[] => {
    const enabled = readPreferences(ledger).enabled;
    const createdAt = new Date(now()).toISOString();
    const fresh = candidates
      .filter((c): c is NotificationCandidate => c !== null && enabled[c.kind])
      .map((c): AppNotification => ({ ...c, createdAt, seenAt: null }));
    if (fresh.length === 0) return [];
    const raised = ledger.write(() => fresh.filter((n) => insertIfNew(ledger, n)));
    for (const n of raised) deps.emit('notification.raised', n);
    if (raised.length > 0) log.info('notifications raised', { kinds: raised.map((n) => n.kind) });
    return raised;
  };

  const evaluate = (): AppNotification[] => {
    try {
      const { reminderDays } = readPreferences(ledger);
      const today = ledgerToday(ledger, now());
      return raise([
        ...remindersOn(ledger, today, reminderDays).map(paymentDue),
        ...deps.items().map(reauthNeeded),
      ]);
    } catch (error) {
      log.warn('evaluating notifications failed', { message: String(error) });
      return [];
    }
  };

  const afterWebhookSync = (results: readonly SyncResult[]): AppNotification[] => {
    const names = new Map(deps.items().map((i) => [i.id, i.institutionName]));
    const at = new Date(now()).toISOString();
    return raise(results.map((r) => newTransactions(r, names.get(r.itemId) ?? 'your bank', at)));
  };

  /** Evaluates now, then on each ledger change it is told of and on a timer; returns the stop. */
  const start = (): { ledgerChanged(): void; stop(): void } => {
    let queued = false;
    const soon = () => {
      if (queued) return;
      queued = true;
      setImmediate(() => {
        queued = false;
        evaluate();
      });
    };
    evaluate();
    const timer = setInterval(evaluate, EVALUATE_EVERY_MS);
    timer.unref();
    return { ledgerChanged: soon, stop: () => clearInterval(timer) };
  };

  const handlers: Pick<ApiHandlers, NotificationCalls> = {
    'notifications.list': async (req) => ({
      notifications: listNotifications(ledger, req.unseenOnly, req.limit),
    }),
    'notifications.markSeen': async (req) => {
      ledger.write(() => markSeen(ledger, req.ids, new Date(now()).toISOString()));
      return {};
    },
    'notifications.preferences': async () => readPreferences(ledger),
    'notifications.setPreferences': async (req) => {
      const current = readPreferences(ledger);
      const next = {
        enabled: { ...current.enabled, ...req.enabled },
        reminderDays: req.reminderDays
          ? [...new Set(req.reminderDays)].sort((a, b) => b - a)
          : current.reminderDays,
      };
      ledger.write(() => writePreferences(ledger, next));
      // A longer reminder window may make a reminder current already.
      evaluate();
      return next;
    },
  };

  return { handlers, raise, evaluate, afterWebhookSync, start };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
