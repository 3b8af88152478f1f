/**
 * Plaid's webhook verification keys, cached by `kid`. An unknown `kid` triggers one lookup (a key
 * rotation), but forged tokens naming random `kid`s must not turn the verifier into an amplifier
 * against Plaid's API: unknown answers are remembered for a while, and lookups draw from a small
 * token bucket. A key whose `expired_at` has passed at the evaluation instant is refused. Known
 * keys are looked up again now and then, so a rotation's `expired_at` is learned.
 */
import { importJWK } from 'jose';
import { z } from 'zod';

/** Plaid's `JWKPublicKey`, as `/webhook_verification_key/get` returns it. */
export const PlaidJwk = z.object({
  alg: z.string(),
  crv: z.string(),
  kid: z.string().min(1),
  kty: z.string(),
  use: z.string(),
  x: z.string().min(1),
  y: z.string().min(1),
  created_at: z.number().int(),
  expired_at: z.number().int().nullable(),
});
export type PlaidJwk = z.infer<typeof PlaidJwk>;

/** Looks one key up: the key, or 'unknown' when Plaid says no such `kid`. Throws when the lookup could not run. */
export type KeyLookup = (kid: string) => Promise<PlaidJwk | 'unknown'>;

/** Why no key could be had for a `kid`: the key-related part of the verifier's rejections. */
export type KeyRejectReason = 'unknown-kid' | 'key-expired' | 'no-plaid-keys' | 'key-lookup-unavailable';

export type KeyResolution =
  { ok: true; key: CryptoKey } | { ok: false; reason: KeyRejectReason; retryable: boolean };

export interface KeyResolver {
  resolve(kid: string, at: Date): Promise<KeyResolution>;
}

export interface KeyCacheOptions {
  now?: () => number;
  /** Look a cached, unexpired key up again after this long, to learn its `expired_at` (default 10 min). */
  refreshMs?: number;
  /** How long an unknown `kid` stays unknown without asking Plaid again (default 5 min). */
  unknownTtlMs?: number;
  /** Lookup budget: a burst, then one per `lookupIntervalMs` (defaults 5 and 10 s). */
  lookupBurst?: number;
  lookupIntervalMs?: number;
  /** Called on every lookup outcome, for the log. */
  onLookup?: (event: {
    kid: string;
    outcome: 'found' | 'unknown' | 'failed' | 'limited';
    message?: string;
  }) => void;
}

interface CachedKey {
  jwk: PlaidJwk;
  key: CryptoKey;
  fetchedAt: number;
}

const MAX_UNKNOWN = 10_000;

export class KeyCache implements KeyResolver {
  private readonly keys = new Map<string, CachedKey>();
  private readonly unknown = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<CachedKey | 'unknown'>>();
  private tokens: number;
  private tokensAt: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: KeyLookup | null,
    private readonly options: KeyCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.tokens = options.lookupBurst ?? 5;
    this.tokensAt = this.now();
  }

  async resolve(kid: string, at: Date): Promise<KeyResolution> {
    if (!this.lookup) return { ok: false, reason: 'no-plaid-keys', retryable: false };
    let cached = this.keys.get(kid);
    const stale =
      cached && cached.jwk.expired_at === null && this.now() - cached.fetchedAt > this.refreshMs();
    if (!cached || stale) {
      if (!cached) {
        const unknownAt = this.unknown.get(kid);
        if (unknownAt !== undefined && this.now() - unknownAt < (this.options.unknownTtlMs ?? 5 * 60_000))
          return { ok: false, reason: 'unknown-kid', retryable: false };
      }
      const fetched = await this.fetch(kid);
      if (fetched === 'unknown') {
        this.keys.delete(kid);
        return { ok: false, reason: 'unknown-kid', retryable: false };
      }
      if (fetched === 'failed' || fetched === 'limited') {
        // A stale key still verifies; only a key never seen needs the lookup.
        if (!cached) return { ok: false, reason: 'key-lookup-unavailable', retryable: true };
      } else {
        cached = fetched;
      }
    }
    if (!cached) return { ok: false, reason: 'key-lookup-unavailable', retryable: true };
    const expiredAt = cached.jwk.expired_at;
    if (expiredAt !== null && at.getTime() >= expiredAt * 1000)
      return { ok: false, reason: 'key-expired', retryable: false };
    return { ok: true, key: cached.key };
  }

  private refreshMs(): number {
    return this.options.refreshMs ?? 10 * 60_000;
  }

  private takeToken(): boolean {
    const burst = this.options.lookupBurst ?? 5;
    const interval = this.options.lookupIntervalMs ?? 10_000;
    const now = this.now();
    this.tokens = Math.min(burst, this.tokens + (now - this.tokensAt) / interval);
    this.tokensAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private async fetch(kid: string): Promise<CachedKey | 'unknown' | 'failed' | 'limited'> {
    const running = this.inFlight.get(kid);
    if (running) return running.catch(() => 'failed' as const);
    if (!this.takeToken()) {
      this.options.onLookup?.({ kid, outcome: 'limited' });
      return 'limited';
    }
    const work = this.fetchOnce(kid);
    this.inFlight.set(kid, work);
    try {
      return await work;
    } catch (error) {
      this.options.onLookup?.({
        kid,
        outcome: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
      return 'failed';
    } finally {
      this.inFlight.delete(kid);
    }
  }

  private async fetchOnce(kid: string): Promise<CachedKey | 'unknown'> {
    const result = await this.lookup!(kid);
    if (
      result === 'unknown' ||
      result.kid !== kid ||
      result.alg !== 'ES256' ||
      result.kty !== 'EC' ||
      result.crv !== 'P-256'
    ) {
      if (this.unknown.size >= MAX_UNKNOWN) this.unknown.clear();
      this.unknown.set(kid, this.now());
      this.options.onLookup?.({ kid, outcome: 'unknown' });
      return 'unknown';
    }
    const key = (await importJWK(
      { kty: result.kty, crv: result.crv, x: result.x, y: result.y },
      'ES256',
    )) as CryptoKey;
    const entry = { jwk: result, key, fetchedAt: this.now() };
    const isNew = !this.keys.has(kid);
    this.keys.set(kid, entry);
    this.unknown.delete(kid);
    if (isNew) {
      // A new kid means a rotation: the keys it replaces get their expired_at soon; look them up again on next use.
      for (const [other, cached] of this.keys)
        if (other !== kid && cached.jwk.expired_at === null) cached.fetchedAt = 0;
    }
    this.options.onLookup?.({ kid, outcome: 'found' });
    return entry;
  }
}

const KeyResponse = z.object({ key: PlaidJwk });
const ErrorResponse = z.object({ error_code: z.string() });

export interface PlaidKeyLookupOptions {
  /** Plaid's base URL (https://sandbox.plaid.com, https://production.plaid.com, or a simulator). */
  baseUrl: string;
  clientId: string;
  secret: string;
  timeoutMs?: number;
}

/** `/webhook_verification_key/get` over plain fetch (the relay has no Plaid SDK). */
export function plaidKeyLookup(options: PlaidKeyLookupOptions): KeyLookup {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/webhook_verification_key/get`;
  return async (kid) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: options.clientId, secret: options.secret, key_id: kid }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const parsed = KeyResponse.safeParse(json);
      if (!parsed.success)
        throw new Error('Plaid answered /webhook_verification_key/get with an unexpected shape');
      return parsed.data.key;
    }
    const error = ErrorResponse.safeParse(json);
    if (
      response.status === 400 &&
      error.success &&
      error.data.error_code === 'INVALID_WEBHOOK_VERIFICATION_KEY_ID'
    )
      return 'unknown';
    // Wrong keys, rate limits, outages: say which, never the body (it may echo the request).
    throw new Error(
      `Plaid answered /webhook_verification_key/get with HTTP ${response.status}${error.success ? ` ${error.data.error_code}` : ''}`,
    );
  };
}
