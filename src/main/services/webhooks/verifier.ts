/**
 * The app's own check of what a relay hands over: the same verifier the relay runs
 * (relay/verify.ts), with the app's Plaid keys, evaluated at the relay's receipt time. Freshness is
 * the relay's check (an event may be hours old when polled); signature, key validity at receipt,
 * and the body hash are checked again end to end, so a relay cannot invent or alter a webhook.
 */
import {
  KeyCache,
  PlaidJwk,
  verifyPlaidWebhook,
  type RejectReason,
  type RelayEvent,
} from '../../../../relay/client';
import type { PlaidGateway } from '../plaid/client';

/** Plaid bodies are small; the relay refuses above 64 KiB by default. */
export const MAX_BODY_BYTES = 256 * 1024;
/** A receipt time this far ahead of the app's clock is not believed. */
const RECEIPT_SKEW_MS = 5 * 60_000;

export type EventCheck =
  | { ok: true; body: Buffer; bodySha256: string }
  | { ok: false; reason: RejectReason | 'oversized' | 'receipt-in-future' };

export function appKeyCache(plaid: Pick<PlaidGateway, 'webhookVerificationKeyGet'>): KeyCache {
  return new KeyCache(async (kid) => {
    const key = await plaid.webhookVerificationKeyGet(kid);
    if (key === 'unknown') return 'unknown';
    const parsed = PlaidJwk.safeParse(key);
    return parsed.success ? parsed.data : 'unknown';
  });
}

export async function checkRelayEvent(
  event: RelayEvent & { kind: 'webhook' },
  keys: KeyCache,
  now: number = Date.now(),
): Promise<EventCheck> {
  if (event.body.length > Math.ceil((MAX_BODY_BYTES * 4) / 3) + 4) return { ok: false, reason: 'oversized' };
  const body = Buffer.from(event.body, 'base64');
  if (body.length > MAX_BODY_BYTES) return { ok: false, reason: 'oversized' };
  const receivedAt = Date.parse(event.received_at);
  if (!Number.isFinite(receivedAt) || receivedAt > now + RECEIPT_SKEW_MS)
    return { ok: false, reason: 'receipt-in-future' };
  const verdict = await verifyPlaidWebhook({ token: event.jwt, body, keys, at: new Date(receivedAt) });
  return verdict.ok
    ? { ok: true, body, bodySha256: verdict.bodySha256 }
    : { ok: false, reason: verdict.reason };
}
