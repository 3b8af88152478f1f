import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Plaid's request ids are short alphanumerics (usually 15 characters). */
export function newRequestId(): string {
  return randomAlphanumeric(15);
}

/** item_id, account_id and transaction_id are 37-character case-sensitive alphanumerics. */
export function newItemId(): string {
  return randomAlphanumeric(37);
}

/**
 * A stable id owned by one Item: the same Item and slot always give the same id, two Items never
 * share one. Keyed HMAC so ids reveal nothing about the slot.
 */
export function deriveId(itemId: string, slot: string): string {
  const digest = createHmac('sha512', itemId).update(slot).digest();
  let out = '';
  for (let i = 0; i < 37; i++) out += ALPHANUMERIC[(digest[i] ?? 0) % ALPHANUMERIC.length];
  return out;
}

export type TokenKind = 'link' | 'public' | 'access';

export function newToken(kind: TokenKind): string {
  return `${kind}-sandbox-${randomUUID()}`;
}

export function newLinkSessionId(): string {
  return randomUUID();
}

/** The state file keeps only this digest of an access token, never the token. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function shortDigest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 10);
}
