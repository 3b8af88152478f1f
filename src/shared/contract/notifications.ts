/**
 * Notifications: what the app tells the user when they are not looking (new transactions after a
 * webhook's sync, a bank wanting a new login, a payment coming due). Sources raise them in main,
 * the ledger keeps them (so what came due while the app was closed is shown at the next start),
 * and each surface delivers them: Electron's `Notification`, or the web Notification API.
 */
import { z } from 'zod';
import { Empty, Id, IsoDateTime } from './primitives';

export const NotificationKind = z.enum(['new-transactions', 'reauth-needed', 'payment-due']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Where clicking a notification takes the user; the renderer maps each to its view. */
export const NotificationTarget = z.enum(['transactions', 'attention', 'upcoming-payments']);
export type NotificationTarget = z.infer<typeof NotificationTarget>;

export const AppNotification = z.object({
  /** The source's key: evaluating a source again never raises the same notification twice. */
  id: Id,
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  target: NotificationTarget,
  itemId: z.string().nullable(),
  accountId: z.string().nullable(),
  createdAt: IsoDateTime,
  /** Set once the user opened or dismissed it. */
  seenAt: IsoDateTime.nullable(),
});
export type AppNotification = z.infer<typeof AppNotification>;

export const MAX_REMINDER_DAYS = 60;
export const NotificationPreferences = z.object({
  /** Each kind can be turned off; a turned-off kind is neither stored nor delivered. */
  enabled: z.object({
    'new-transactions': z.boolean(),
    'reauth-needed': z.boolean(),
    'payment-due': z.boolean(),
  }),
  /** How many days before a due date "payment due" reminds (7, 3 and 1 by default). */
  reminderDays: z
    .array(z.number().int().min(0).max(MAX_REMINDER_DAYS))
    .min(1, 'Choose at least one day before the due date.')
    .max(5, 'At most five reminders per due date.'),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const notificationCalls = {
  /** Newest first; `unseenOnly` for the tray shown at start. */
  'notifications.list': {
    req: z
      .object({
        unseenOnly: z.boolean().default(false),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    res: z.object({ notifications: z.array(AppNotification) }),
  },
  'notifications.markSeen': {
    req: z.object({ ids: z.array(Id).min(1).max(200) }).strict(),
    res: Empty,
  },
  'notifications.preferences': { req: Empty, res: NotificationPreferences },
  'notifications.setPreferences': {
    req: z
      .object({
        enabled: NotificationPreferences.shape.enabled.partial().optional(),
        reminderDays: NotificationPreferences.shape.reminderDays.optional(),
      })
      .strict(),
    res: NotificationPreferences,
  },
} as const;
