/**
 * The one typed stream from main to the renderer (IPC `webContents.send` in Electron; an
 * authenticated fetch stream in the browser host).
 */
import { z } from 'zod';
import { AppNotification, NotificationTarget } from './contract/notifications';
import { PlaidErrorShape } from './plaid-error';

export const SyncPhase = z.enum(['starting', 'fetching', 'applying', 'done', 'error']);

export const events = {
  'sync.progress': z.object({
    itemId: z.string(),
    institutionName: z.string(),
    phase: SyncPhase,
    pages: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    modified: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    error: PlaidErrorShape.nullable(),
  }),
  /** Something in the ledger changed: lists should reload. */
  'ledger.changed': z.object({ reason: z.string() }),
  /** An export under way: rows written of the total, for the Export view's progress bar. */
  'export.progress': z.object({ name: z.string(), rows: z.number().int(), total: z.number().int() }),
  /** Browser host only: the transport must present Plaid Link at this same-origin URL. */
  'link.present': z.object({ sessionId: z.string(), url: z.string() }),
  'link.closed': z.object({ sessionId: z.string() }),
  /** A source raised a notification (stored already; the surface delivers it). */
  'notification.raised': AppNotification,
  /** Electron only: the user clicked a system notification the main process showed. */
  'notification.activated': z.object({ id: z.string(), target: NotificationTarget }),
  /** A verified webhook was handled (issue 5); engines without a sync of their own yet listen here. */
  'webhook.received': z.object({
    product: z.enum(['transactions', 'investments', 'liabilities', 'item', 'assets']),
    webhookType: z.string(),
    webhookCode: z.string(),
    itemId: z.string().nullable(),
    assetReportId: z.string().nullable(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.infer<Events[K]>;
export const eventNames = Object.keys(events) as EventName[];

export const EventMessage = z.object({
  name: z.enum(eventNames as [EventName, ...EventName[]]),
  payload: z.unknown(),
});

/** One channel name for the whole event stream over IPC. */
export const EVENT_CHANNEL = 'coffer:event';

export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
