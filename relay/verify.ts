/**
 * Plaid webhook verification, in Plaid's order: the `Plaid-Verification` header is a JWT whose
 * header must say ES256 and name a `kid`; the key for that `kid` comes from
 * `/webhook_verification_key/get`; the signature must hold; `iat` must be at most five minutes old
 * (and not in the future beyond a small skew) at the evaluation instant; and the SHA-256 of the raw
 * body bytes must equal the `request_body_sha256` claim, compared in constant time.
 *
 * The relay evaluates at the moment a webhook arrives; the app evaluates the same token again at
 * the relay's receipt time (the event may be hours old when it is polled).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { KeyRejectReason, KeyResolver } from './keys';

export const MAX_TOKEN_AGE_SECONDS = 5 * 60;
export const FUTURE_SKEW_SECONDS = 30;
/** A Plaid JWT is a few hundred bytes; anything near this is not one. */
const MAX_TOKEN_CHARS = 4096;

export type RejectReason =
  | 'header-missing'
  | 'malformed'
  | 'alg-not-allowed'
  | 'kid-missing'
  | KeyRejectReason
  | 'bad-signature'
  | 'claims-invalid'
  | 'too-old'
  | 'in-future'
  | 'body-hash-mismatch';

export type Verdict =
  | { ok: true; kid: string; iat: number; bodySha256: string }
  | {
      ok: false;
      reason: RejectReason;
      /** True when Plaid should retry later (the verdict may change): the key lookup could not run. */
      retryable: boolean;
      kid: string | null;
    };

export interface VerifyInput {
  token: string | null | undefined;
  body: Uint8Array;
  keys: KeyResolver;
  /** The evaluation instant: now at the relay, the relay's receipt time in the app. */
  at: Date;
  maxAgeSeconds?: number;
  futureSkewSeconds?: number;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Constant-time equality of two lowercase hex digests. */
export function digestsEqual(expectedHex: string, actualHex: string): boolean {
  const expected = expectedHex.toLowerCase();
  if (!HEX64.test(expected) || !HEX64.test(actualHex)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(actualHex, 'hex'));
}

const reject = (reason: RejectReason, kid: string | null = null, retryable = false): Verdict => ({
  ok: false,
  reason,
  retryable,
  kid,
});

export async function verifyPlaidWebhook(input: VerifyInput): Promise<Verdict> {
  const token = input.token?.trim();
  if (!token) return reject('header-missing');
  if (token.length > MAX_TOKEN_CHARS || token.split('.').length !== 3) return reject('malformed');

  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return reject('malformed');
  }
  // Pinned before any key is looked up: 'none', HS256 (public key as HMAC secret) and friends stop here.
  if (header.alg !== 'ES256') return reject('alg-not-allowed');
  const kid = typeof header.kid === 'string' && header.kid.length > 0 ? header.kid : null;
  if (!kid) return reject('kid-missing');

  const resolved = await input.keys.resolve(kid, input.at);
  if (!resolved.ok) return reject(resolved.reason, kid, resolved.retryable);

  let payload;
  try {
    ({ payload } = await jwtVerify(token, resolved.key, { algorithms: ['ES256'], currentDate: input.at }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return reject('bad-signature', kid);
    if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired)
      return reject('claims-invalid', kid);
    return reject('malformed', kid);
  }

  const iat = payload.iat;
  const claimed = payload.request_body_sha256;
  if (typeof iat !== 'number' || !Number.isFinite(iat) || typeof claimed !== 'string')
    return reject('claims-invalid', kid);
  const age = input.at.getTime() / 1000 - iat;
  if (age > (input.maxAgeSeconds ?? MAX_TOKEN_AGE_SECONDS)) return reject('too-old', kid);
  if (age < -(input.futureSkewSeconds ?? FUTURE_SKEW_SECONDS)) return reject('in-future', kid);

  // The hash covers Plaid's exact bytes (pretty-printed JSON): never hash a re-serialisation.
  const actual = sha256Hex(input.body);
  if (!digestsEqual(claimed, actual)) return reject('body-hash-mismatch', kid);
  return { ok: true, kid, iat, bodySha256: actual };
}
