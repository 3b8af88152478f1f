/**
 * The app's own check of relay events (end to end, with the app's Plaid keys through its Plaid
 * gateway, at the relay's receipt time), against genuine simulator webhooks and forgeries a
 * compromised relay could forward: each is rejected for its own reason.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayEvent } from '../../relay/index';
import type { SimHarness } from '../../sim/testing';
import { silentLogger } from '../../src/main/services/log/logger';
import { createPlaidApi, PlaidGateway } from '../../src/main/services/plaid/client';
import { appKeyCache, checkRelayEvent } from '../../src/main/services/webhooks/verifier';
import { b64url, makeKey, sign } from './support';
import {
  captureServer,
  fire,
  linkWithWebhook,
  startSim,
  waitUntil,
  type CaptureServer,
  type Captured,
} from './sim-support';

let harness: SimHarness;
let capture: CaptureServer;
let gateway: PlaidGateway;
let genuine: Captured[];
let oldKey: Captured;
let rotatedAt: number;
let kid: string;
let publicJwk: Record<string, unknown>;

const codeOf = (c: Captured) => (JSON.parse(c.body.toString()) as { webhook_code: string }).webhook_code;
const iatOf = (jwt: string) =>
  (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as { iat: number }).iat;
let seq = 1;
const event = (
  jwt: string | null,
  body: Buffer | string,
  receivedAt: number,
): RelayEvent & { kind: 'webhook' } => ({
  seq: seq++,
  kind: 'webhook',
  received_at: new Date(receivedAt).toISOString(),
  jwt,
  body: Buffer.from(body).toString('base64'),
});

beforeAll(async () => {
  harness = await startSim();
  capture = await captureServer();
  gateway = new PlaidGateway(
    createPlaidApi({ basePath: harness.sim.url, clientId: harness.sim.clientId, secret: harness.sim.secret }),
    silentLogger,
  );
  const { accessToken } = await linkWithWebhook(harness, capture.url);
  await fire(harness, accessToken, 'NEW_ACCOUNTS_AVAILABLE');
  oldKey = await waitUntil('a webhook under the first key', () =>
    capture.received.find((c) => codeOf(c) === 'NEW_ACCOUNTS_AVAILABLE'),
  );
  // Keys expire on whole seconds: leave the first key a clear second of validity after its last signature.
  await new Promise((r) => setTimeout(r, 1100));
  rotatedAt = Date.now();
  await harness.admin('POST', '/__sim/webhook-keys/rotate', { grace_seconds: 0 });
  await fire(harness, accessToken, 'SYNC_UPDATES_AVAILABLE');
  await fire(harness, accessToken, 'LOGIN_REPAIRED');
  genuine = await waitUntil('two webhooks under the new key', () => {
    const found = ['SYNC_UPDATES_AVAILABLE', 'LOGIN_REPAIRED'].map((c) =>
      capture.received.find((r) => codeOf(r) === c),
    );
    return found.every(Boolean) ? (found as Captured[]) : null;
  });
  kid = JSON.parse(Buffer.from(genuine[0].jwt!.split('.')[0], 'base64url').toString()).kid;
  publicJwk = (
    await harness.admin<{ key: Record<string, unknown> }>('POST', '/webhook_verification_key/get', {
      key_id: kid,
    })
  ).key;
});

afterAll(async () => {
  await capture?.close();
  await harness?.close();
});

describe("the app's check of what a relay forwards", () => {
  const check = async (e: RelayEvent & { kind: 'webhook' }, now = Date.now()) => {
    const verdict = await checkRelayEvent(e, appKeyCache(gateway), now);
    return verdict.ok ? 'ok' : verdict.reason;
  };
  const at = (c: Captured) => iatOf(c.jwt!) * 1000 + 500;

  it('accepts every genuine webhook at its receipt time, hours later too', async () => {
    for (const c of [...genuine, oldKey]) expect(await check(event(c.jwt, c.body, at(c)))).toBe('ok');
    expect(
      await check(event(genuine[0].jwt, genuine[0].body, at(genuine[0])), Date.now() + 6 * 3600_000),
    ).toBe('ok');
  });

  it.each([
    [
      'alg none',
      () =>
        event(
          `${b64url(JSON.stringify({ alg: 'none', kid }))}.${genuine[0].jwt!.split('.')[1]}.`,
          genuine[0].body,
          at(genuine[0]),
        ),
      'alg-not-allowed',
    ],
    [
      'HS256 with the public key as secret',
      () => {
        const head = b64url(JSON.stringify({ alg: 'HS256', kid, typ: 'JWT' }));
        const claims = genuine[0].jwt!.split('.')[1];
        const mac = createHmac('sha256', JSON.stringify(publicJwk))
          .update(`${head}.${claims}`)
          .digest('base64url');
        return event(`${head}.${claims}.${mac}`, genuine[0].body, at(genuine[0]));
      },
      'alg-not-allowed',
    ],
    [
      'a key expired before the receipt time',
      () => event(oldKey.jwt, oldKey.body, Date.now()),
      'key-expired',
    ],
    [
      'iat older than 5 minutes at receipt',
      () => event(genuine[0].jwt, genuine[0].body, iatOf(genuine[0].jwt!) * 1000 + 6 * 60_000),
      'too-old',
    ],
    [
      'iat in the future at receipt',
      () => event(genuine[0].jwt, genuine[0].body, iatOf(genuine[0].jwt!) * 1000 - 10 * 60_000),
      'in-future',
    ],
    [
      'body tampered',
      () => event(genuine[0].jwt, genuine[0].body.toString().replace('true', 'false'), at(genuine[0])),
      'body-hash-mismatch',
    ],
    ['header missing', () => event(null, genuine[0].body, at(genuine[0])), 'header-missing'],
    ['malformed JWT', () => event('x.y', genuine[0].body, at(genuine[0])), 'malformed'],
    [
      'oversized body',
      () => event(genuine[0].jwt, Buffer.alloc(300 * 1024, 0x20), at(genuine[0])),
      'oversized',
    ],
    [
      'valid JWT for another body',
      () => event(genuine[1].jwt, genuine[0].body, at(genuine[0])),
      'body-hash-mismatch',
    ],
    [
      'a receipt time in the future',
      () => event(genuine[0].jwt, genuine[0].body, Date.now() + 3600_000),
      'receipt-in-future',
    ],
  ])('rejects %s', async (_name, make, reason) => {
    // An event may be polled long after its receipt: evaluate as if it were now 10 minutes later.
    expect(await check(make(), Date.now() + 10 * 60_000)).toBe(reason);
  });

  it('rejects an unknown kid and another key under a known kid', async () => {
    const stranger = await makeKey();
    const now = Date.now();
    expect(await check(event(await sign(stranger, genuine[0].body), genuine[0].body, now))).toBe(
      'unknown-kid',
    );
    expect(await check(event(await sign(stranger, genuine[0].body, { kid }), genuine[0].body, now))).toBe(
      'bad-signature',
    );
  });

  it('knew the first key was still valid before the rotation', () => {
    expect(iatOf(oldKey.jwt!) * 1000).toBeLessThanOrEqual(rotatedAt + 1000);
  });
});
