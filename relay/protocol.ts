/**
 * The polling protocol between a relay and its device (the app), shared by both ends:
 *
 *   GET  /devices/:id/events?after=N&wait=S&limit=L   Authorization: Bearer <device secret>
 *        → { events: [{ seq, kind, received_at, jwt, body }], next }
 *   POST /devices/:id/ack { upTo }                    cumulative
 *
 * `body` is the webhook's raw bytes in base64 (the JWT signs exactly those bytes); `received_at`
 * is when the relay accepted it, the instant the app verifies the token at. A `resync` event says
 * the relay had to drop hints (overflow or retention): the device should sync everything.
 */
import { z } from 'zod';

export const MAX_WAIT_SECONDS = 25;
export const MAX_EVENTS_PER_POLL = 500;

export const RelayEvent = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['webhook', 'resync']),
  received_at: z.iso.datetime(),
  jwt: z.string().nullable(),
  body: z.string(),
});
export type RelayEvent = z.infer<typeof RelayEvent>;

export const EventsResponse = z.object({
  events: z.array(RelayEvent),
  /** The cursor to send as `after` next time. */
  next: z.number().int().nonnegative(),
});
export type EventsResponse = z.infer<typeof EventsResponse>;

export const EventsQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  wait: z.coerce.number().min(0).max(60).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PER_POLL).default(100),
});

export const AckRequest = z.strictObject({ upTo: z.number().int().nonnegative() });
export const AckResponse = z.object({ acked: z.number().int().nonnegative() });

/** The webhook URL a device gives Plaid, and the relay base URL it polls, are one string apart. */
export function webhookUrl(publicUrl: string, deviceId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/hooks/${deviceId}`;
}

const HOOK_PATH = /^(.*)\/hooks\/([A-Za-z0-9_-]{16,128})\/?$/;

/** Splits a webhook URL printed by `coffer relay add-device` into the relay's base URL and the device id. */
export function parseWebhookUrl(url: string): { baseUrl: string; deviceId: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.search || parsed.hash || parsed.username || parsed.password) return null;
  const match = HOOK_PATH.exec(parsed.pathname);
  if (!match) return null;
  return { baseUrl: `${parsed.origin}${match[1]}`, deviceId: match[2] };
}
