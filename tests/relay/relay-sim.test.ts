/**
 * The relay against the real simulator: every genuine webhook the simulator sends is accepted and
 * delivered to the device; forgeries of twelve-plus kinds are refused, each for its own reason,
 * and nothing refused reaches the device; a replay is answered 200 but delivered once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay, type RelayDevice } from '../../relay/index';
import type { SimHarness } from '../../sim/testing';
import { b64url, makeKey, sign } from './support';
import {
  captureServer,
  deliveries,
  fire,
  linkWithWebhook,
  startSim,
  waitUntil,
  type CaptureServer,
  type Captured,
} from './sim-support';

let harness: SimHarness;
let relay: RunningRelay;
let device: RelayDevice;
let capture: CaptureServer;
let dataDir: string;
const logLines: string[] = [];

async function post(target: RunningRelay, deviceId: string, jwt: string | null, body: Buffer | string) {
  const response = await fetch(`${target.url}/hooks/${deviceId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(jwt ? { 'Plaid-Verification': jwt } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const json = (await response.json().catch(() => ({}))) as { error?: string };
  return { status: response.status, error: json.error ?? null };
}

async function poll(target: RunningRelay, d: RelayDevice, after = 0) {
  const response = await fetch(`${target.url}/devices/${d.deviceId}/events?after=${after}&limit=500`, {
    headers: { authorization: `Bearer ${d.secret}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    events: { seq: number; jwt: string; body: string; kind: string }[];
    next: number;
  };
}

function relayOn(dir: string, now?: () => number) {
  return startRelay({
    dataDir: dir,
    port: 0,
    plaid: { baseUrl: harness.sim.url, clientId: harness.sim.clientId, secret: harness.sim.secret },
    log: {
      info: (m, f) => logLines.push(JSON.stringify({ m, ...f })),
      warn: (m, f) => logLines.push(JSON.stringify({ m, ...f })),
      error: (m, f) => logLines.push(JSON.stringify({ m, ...f })),
    },
    now,
  });
}

beforeAll(async () => {
  harness = await startSim();
  capture = await captureServer();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-relay-it-'));
  relay = await relayOn(dataDir);
  device = relay.addDevice();
});

afterAll(async () => {
  await relay?.close();
  await capture?.close();
  await harness?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('relay with the simulator as Plaid', () => {
  it('accepts every genuine webhook the simulator sends, across a key rotation, and hands each body to the device', async () => {
    const { accessToken } = await linkWithWebhook(harness, device.webhookUrl);
    const codes = [
      'SYNC_UPDATES_AVAILABLE',
      'DEFAULT_UPDATE',
      'RECURRING_TRANSACTIONS_UPDATE',
      'NEW_ACCOUNTS_AVAILABLE',
      'PENDING_DISCONNECT',
    ];
    for (const code of codes) await fire(harness, accessToken, code);
    await harness.admin('POST', '/__sim/webhook-keys/rotate', { grace_seconds: 60 });
    await fire(harness, accessToken, 'LOGIN_REPAIRED');
    await harness.advanceClock(2);
    const sent = await waitUntil('every delivery to finish', async () => {
      const all = await deliveries(harness);
      return all.length >= codes.length + 1 &&
        all.every((d) => d.status === 'delivered' || d.status === 'failed')
        ? all
        : null;
    });
    expect(sent.filter((d) => d.status !== 'delivered')).toEqual([]);
    // Every attempt was answered 200 the first time: nothing genuine was refused.
    expect(sent.flatMap((d) => d.attempts.map((a) => a.status))).toEqual(sent.map(() => 200));
    expect(new Set(sent.flatMap((d) => d.attempts.map((a) => a.kid))).size).toBe(2);

    const { events } = await poll(relay, device);
    const delivered = events.map(
      (e) => JSON.parse(Buffer.from(e.body, 'base64').toString()) as { webhook_code: string },
    );
    for (const d of sent) expect(delivered.map((b) => b.webhook_code)).toContain(d.webhook_code);
  });

  describe('forgeries', () => {
    let genuine: Captured[];
    let oldKeyWebhook: Captured;
    let otherDevice: RelayDevice;
    let publicJwk: Record<string, unknown>;
    let kid: string;

    beforeAll(async () => {
      otherDevice = relay.addDevice();
      const { accessToken } = await linkWithWebhook(harness, capture.url);
      const codeOf = (c: Captured) =>
        (JSON.parse(c.body.toString()) as { webhook_code: string }).webhook_code;
      await fire(harness, accessToken, 'NEW_ACCOUNTS_AVAILABLE');
      oldKeyWebhook = await waitUntil('a webhook signed with the key about to be retired', () =>
        capture.received.find((c) => codeOf(c) === 'NEW_ACCOUNTS_AVAILABLE'),
      );
      await harness.admin('POST', '/__sim/webhook-keys/rotate', { grace_seconds: 0 });
      const codes = [
        'SYNC_UPDATES_AVAILABLE',
        'DEFAULT_UPDATE',
        'RECURRING_TRANSACTIONS_UPDATE',
        'LOGIN_REPAIRED',
      ];
      for (const code of codes) await fire(harness, accessToken, code);
      genuine = await waitUntil('four genuine webhooks signed with the new key', () => {
        const found = codes.map((code) => capture.received.find((c) => codeOf(c) === code));
        return found.every(Boolean) ? (found as Captured[]) : null;
      });
      kid = JSON.parse(Buffer.from(genuine[0].jwt!.split('.')[0], 'base64url').toString()).kid;
      const { key } = await harness.admin<{ key: Record<string, unknown> }>(
        'POST',
        '/webhook_verification_key/get',
        { key_id: kid },
      );
      publicJwk = key;
    });

    const nowS = () => Math.floor(Date.now() / 1000);

    it('refuses alg none', async () => {
      const token = `${b64url(JSON.stringify({ alg: 'none', kid, typ: 'JWT' }))}.${genuine[0].jwt!.split('.')[1]}.`;
      expect(await post(relay, otherDevice.deviceId, token, genuine[0].body)).toEqual({
        status: 401,
        error: 'alg-not-allowed',
      });
    });

    it("refuses HS256 signed with Plaid's public key as the secret", async () => {
      const head = b64url(JSON.stringify({ alg: 'HS256', kid, typ: 'JWT' }));
      const claims = genuine[0].jwt!.split('.')[1];
      for (const secret of [JSON.stringify(publicJwk), String(publicJwk.x)]) {
        const mac = createHmac('sha256', secret).update(`${head}.${claims}`).digest('base64url');
        expect(await post(relay, otherDevice.deviceId, `${head}.${claims}.${mac}`, genuine[0].body)).toEqual({
          status: 401,
          error: 'alg-not-allowed',
        });
      }
    });

    it('refuses an unknown kid (and a known kid with another key)', async () => {
      const stranger = await makeKey();
      expect(
        await post(relay, otherDevice.deviceId, await sign(stranger, genuine[0].body), genuine[0].body),
      ).toEqual({ status: 401, error: 'unknown-kid' });
      expect(
        await post(
          relay,
          otherDevice.deviceId,
          await sign(stranger, genuine[0].body, { kid }),
          genuine[0].body,
        ),
      ).toEqual({ status: 401, error: 'bad-signature' });
    });

    it('refuses a webhook signed with an expired key', async () => {
      expect(await post(relay, otherDevice.deviceId, oldKeyWebhook.jwt, oldKeyWebhook.body)).toEqual({
        status: 401,
        error: 'key-expired',
      });
    });

    it('refuses iat older than 5 minutes and iat in the future', async () => {
      const late = await relayOn(dataDir, () => Date.now() + 6 * 60_000);
      const early = await relayOn(dataDir, () => Date.now() - 10 * 60_000);
      try {
        expect(await post(late, otherDevice.deviceId, genuine[0].jwt, genuine[0].body)).toEqual({
          status: 401,
          error: 'too-old',
        });
        expect(await post(early, otherDevice.deviceId, genuine[0].jwt, genuine[0].body)).toEqual({
          status: 401,
          error: 'in-future',
        });
      } finally {
        await late.close();
        await early.close();
      }
      void nowS;
    });

    it('refuses a tampered body, and a valid JWT over another body', async () => {
      const tampered = Buffer.from(genuine[0].body.toString().replace('"environment"', '"environmenT"'));
      expect(await post(relay, otherDevice.deviceId, genuine[0].jwt, tampered)).toEqual({
        status: 401,
        error: 'body-hash-mismatch',
      });
      expect(await post(relay, otherDevice.deviceId, genuine[1].jwt, genuine[0].body)).toEqual({
        status: 401,
        error: 'body-hash-mismatch',
      });
      const compact = JSON.stringify(JSON.parse(genuine[0].body.toString()));
      expect(await post(relay, otherDevice.deviceId, genuine[0].jwt, compact)).toEqual({
        status: 401,
        error: 'body-hash-mismatch',
      });
    });

    it('refuses a missing header, a malformed JWT and an oversized body', async () => {
      expect(await post(relay, otherDevice.deviceId, null, genuine[0].body)).toEqual({
        status: 400,
        error: 'header-missing',
      });
      expect(await post(relay, otherDevice.deviceId, 'abc.def', genuine[0].body)).toEqual({
        status: 400,
        error: 'malformed',
      });
      expect(await post(relay, otherDevice.deviceId, 'e30.e30.e30', genuine[0].body)).toEqual({
        status: 401,
        error: 'alg-not-allowed',
      });
      const huge = Buffer.alloc(65 * 1024, 0x20);
      expect(await post(relay, otherDevice.deviceId, genuine[0].jwt, huge)).toEqual({
        status: 413,
        error: 'oversized',
      });
    });

    it('answers an unknown device 404 without looking anything up', async () => {
      expect(await post(relay, '0123456789abcdef0123456789abcdef', genuine[0].jwt, genuine[0].body)).toEqual({
        status: 404,
        error: 'unknown-device',
      });
    });

    it('stores a replay once: 200 again, delivered once; nothing refused reached the device', async () => {
      expect(await post(relay, otherDevice.deviceId, genuine[2].jwt, genuine[2].body)).toEqual({
        status: 200,
        error: null,
      });
      expect(await post(relay, otherDevice.deviceId, genuine[2].jwt, genuine[2].body)).toEqual({
        status: 200,
        error: null,
      });
      const { events } = await poll(relay, otherDevice);
      expect(events.map((e) => e.jwt)).toEqual([genuine[2].jwt]);
      expect(Buffer.from(events[0].body, 'base64').equals(genuine[2].body)).toBe(true);
    });

    it('logs refusals with their reason, never a JWT, a body or a secret', () => {
      const log = logLines.join('\n');
      for (const reason of [
        'alg-not-allowed',
        'unknown-kid',
        'key-expired',
        'too-old',
        'in-future',
        'body-hash-mismatch',
        'header-missing',
        'oversized',
      ])
        expect(log).toContain(reason);
      for (const c of capture.received) expect(log).not.toContain(c.jwt!.split('.')[2]);
      expect(log).not.toContain(harness.sim.secret);
      expect(log).not.toContain(device.secret);
      expect(log).not.toContain('"webhook_code": ');
    });
  });
});
