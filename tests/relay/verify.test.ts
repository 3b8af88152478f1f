import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyCache, type KeyLookup } from '../../relay/keys';
import { verifyPlaidWebhook, type RejectReason } from '../../relay/verify';
import { b64url, makeKey, plaidBody, sign, type TestKey } from './support';

function lookupOf(keys: TestKey[], calls: string[] = []): KeyLookup {
  return async (kid) => {
    calls.push(kid);
    return keys.find((k) => k.kid === kid)?.jwk ?? 'unknown';
  };
}

const body = plaidBody({
  webhook_type: 'TRANSACTIONS',
  webhook_code: 'SYNC_UPDATES_AVAILABLE',
  item_id: 'item-1',
});
const now = () => new Date();

async function reason(cache: KeyCache, token: string | null, bytes: Uint8Array = body, at = now()) {
  const verdict = await verifyPlaidWebhook({ token, body: bytes, keys: cache, at });
  return verdict.ok ? 'ok' : verdict.reason;
}

describe('verifyPlaidWebhook (keys made in the test)', async () => {
  const key = await makeKey();
  const expired = await makeKey(Math.floor(Date.now() / 1000) - 60);
  const stranger = await makeKey();
  const cache = () => new KeyCache(lookupOf([key, expired]));
  const nowS = () => Math.floor(Date.now() / 1000);

  const forgeries: [string, () => Promise<[string | null, Uint8Array]>, RejectReason][] = [
    [
      'alg none',
      async () => [
        `${b64url('{"alg":"none","kid":"' + key.kid + '"}')}.${b64url(JSON.stringify({ iat: nowS() }))}.`,
        body,
      ],
      'alg-not-allowed',
    ],
    [
      'HS256 signed with the public key as the secret',
      async () => {
        const head = b64url(JSON.stringify({ alg: 'HS256', kid: key.kid, typ: 'JWT' }));
        const claims = b64url(JSON.stringify({ iat: nowS(), request_body_sha256: 'x' }));
        const mac = createHmac('sha256', JSON.stringify(key.jwk))
          .update(`${head}.${claims}`)
          .digest('base64url');
        return [`${head}.${claims}.${mac}`, body];
      },
      'alg-not-allowed',
    ],
    ['unknown kid', async () => [await sign(stranger, body), body], 'unknown-kid'],
    ['expired key', async () => [await sign(expired, body), body], 'key-expired'],
    [
      'iat older than 5 minutes',
      async () => [await sign(key, body, { iat: nowS() - 6 * 60 }), body],
      'too-old',
    ],
    ['iat in the future', async () => [await sign(key, body, { iat: nowS() + 10 * 60 }), body], 'in-future'],
    [
      'body tampered',
      async () => [await sign(key, body), Buffer.from(body.toString().replace('item-1', 'item-2'))],
      'body-hash-mismatch',
    ],
    ['header missing', async () => [null, body], 'header-missing'],
    ['malformed JWT', async () => ['not-a.jwt', body], 'malformed'],
    ['garbage in three parts', async () => ['!!!.???.***', body], 'malformed'],
    [
      'valid JWT for another body',
      async () => [await sign(key, plaidBody({ webhook_type: 'ITEM', webhook_code: 'ERROR' })), body],
      'body-hash-mismatch',
    ],
    [
      'body re-serialised compactly',
      async () => [await sign(key, body), Buffer.from(JSON.stringify(JSON.parse(body.toString())))],
      'body-hash-mismatch',
    ],
    [
      'signature of another key under a known kid',
      async () => [await sign(stranger, body, { kid: key.kid }), body],
      'bad-signature',
    ],
    [
      'kid missing',
      async () => [`${b64url('{"alg":"ES256"}')}.${b64url('{}')}.${b64url('sig')}`, body],
      'kid-missing',
    ],
  ];

  it('accepts a genuine token over the exact bytes', async () => {
    expect(await reason(cache(), await sign(key, body))).toBe('ok');
  });

  it.each(forgeries)('rejects %s', async (_name, make, expected) => {
    const [token, bytes] = await make();
    expect(await reason(cache(), token, bytes)).toBe(expected);
  });

  it('evaluates at the instant given: an old token passes at its receipt time, a key expired after receipt too', async () => {
    const iat = nowS() - 3 * 3600;
    const token = await sign(key, body, { iat });
    expect(await reason(cache(), token)).toBe('too-old');
    expect(await reason(cache(), token, body, new Date((iat + 20) * 1000))).toBe('ok');
    const lateExpiry = await makeKey(nowS() - 60);
    const early = await sign(lateExpiry, body, { iat: nowS() - 3600 });
    const c = new KeyCache(lookupOf([lateExpiry]));
    expect(await reason(c, early, body, new Date((nowS() - 3590) * 1000))).toBe('ok');
    expect(await reason(c, early)).toBe('key-expired');
  });

  it('refuses everything, saying why, without Plaid keys', async () => {
    const verdict = await verifyPlaidWebhook({
      token: await sign(key, body),
      body,
      keys: new KeyCache(null),
      at: now(),
    });
    expect(verdict).toMatchObject({ ok: false, reason: 'no-plaid-keys', retryable: false });
  });
});

describe('KeyCache', async () => {
  const key = await makeKey();

  it('looks a kid up once, then serves it from the cache', async () => {
    const calls: string[] = [];
    const cache = new KeyCache(lookupOf([key], calls));
    for (let i = 0; i < 5; i++) expect((await cache.resolve(key.kid, new Date())).ok).toBe(true);
    expect(calls).toEqual([key.kid]);
  });

  it('bounds lookups under a flood of unknown kids, and remembers unknown ones', async () => {
    const calls: string[] = [];
    let t = 1_000_000;
    const cache = new KeyCache(lookupOf([key], calls), {
      now: () => t,
      lookupBurst: 3,
      lookupIntervalMs: 10_000,
    });
    const outcomes = [];
    for (let i = 0; i < 200; i++)
      outcomes.push((await cache.resolve(`forged-${i}`, new Date())) as { reason?: string });
    expect(calls.length).toBe(3);
    expect(outcomes.filter((o) => o.reason === 'key-lookup-unavailable').length).toBe(197);
    // The same unknown kid again costs nothing, even once the budget refills.
    t += 60_000;
    expect(await cache.resolve('forged-0', new Date())).toMatchObject({ ok: false, reason: 'unknown-kid' });
    expect(calls.length).toBe(3);
    // A genuine new kid (a rotation) still gets its lookup after the flood.
    expect((await cache.resolve(key.kid, new Date())).ok).toBe(true);
  });

  it("learns a rotated key's expired_at when it looks it up again", async () => {
    let t = Date.now();
    const rotating = await makeKey();
    const next = await makeKey();
    const served = { ...rotating.jwk };
    const cache = new KeyCache(
      async (kid) => (kid === rotating.kid ? { ...served } : kid === next.kid ? next.jwk : 'unknown'),
      { now: () => t, refreshMs: 600_000 },
    );
    expect((await cache.resolve(rotating.kid, new Date(t))).ok).toBe(true);
    served.expired_at = Math.floor(t / 1000) + 10;
    // A new kid marks the others for a fresh look.
    expect((await cache.resolve(next.kid, new Date(t))).ok).toBe(true);
    t += 20_000;
    expect(await cache.resolve(rotating.kid, new Date(t))).toMatchObject({
      ok: false,
      reason: 'key-expired',
    });
  });

  it('keeps serving a known key when a refresh fails, and says retry when a new kid cannot be looked up', async () => {
    let t = Date.now();
    let down = false;
    const cache = new KeyCache(
      async (kid) => {
        if (down) throw new Error('HTTP 500');
        return kid === key.kid ? key.jwk : 'unknown';
      },
      { now: () => t, refreshMs: 1000 },
    );
    expect((await cache.resolve(key.kid, new Date(t))).ok).toBe(true);
    down = true;
    t += 5000;
    expect((await cache.resolve(key.kid, new Date(t))).ok).toBe(true);
    expect(await cache.resolve('new-kid', new Date(t))).toMatchObject({ ok: false, retryable: true });
  });
});
