/**
 * Durability: `coffer relay` killed with SIGKILL ten times while genuine simulator webhooks are
 * being posted to it over loopback (a bounded load, retried like Plaid retries: on no answer or a
 * 5xx). Afterwards every webhook that was ever answered 200 is delivered to the device, and no
 * JWT is delivered twice.
 */
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimHarness } from '../../sim/testing';
import { sha256Hex } from '../../relay/verify';
import { runCoffer, startCoffer, type Running } from '../e2e/support/processes';
import {
  captureServer,
  fire,
  linkWithWebhook,
  startSim,
  waitUntil,
  type CaptureServer,
  type Captured,
} from './sim-support';

const ITEMS = 20;
const CODES = [
  'SYNC_UPDATES_AVAILABLE',
  'DEFAULT_UPDATE',
  'RECURRING_TRANSACTIONS_UPDATE',
  'NEW_ACCOUNTS_AVAILABLE',
  'LOGIN_REPAIRED',
];
const KILLS = 10;
const CONCURRENCY = 4;

let harness: SimHarness;
let capture: CaptureServer;
let dataDir: string;
const running: Running[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  harness = await startSim();
  capture = await captureServer();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-relay-crash-'));
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await capture?.close();
  await harness?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('relay under SIGKILL', () => {
  it('delivers every webhook it answered 200, after being killed 10 times under load', async () => {
    // Genuine webhooks, captured fresh (their iat must stay within 5 minutes while they are posted).
    const tokens = [];
    for (let i = 0; i < ITEMS; i++) tokens.push((await linkWithWebhook(harness, capture.url)).accessToken);
    for (let round = 0; round < 2; round++)
      for (const token of tokens) for (const code of CODES) await fire(harness, token, code);
    const expected = ITEMS * (2 + 2 * CODES.length);
    const load: Captured[] = await waitUntil('all webhooks captured', () =>
      capture.received.length >= expected ? [...capture.received] : null,
    );

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PLAID_CLIENT_ID: harness.sim.clientId,
      PLAID_SECRET: harness.sim.secret,
    };
    delete env.PLAID_ENV;
    const added = await runCoffer(['relay', 'add-device', '--data-dir', dataDir], env);
    expect(added.code).toBe(0);
    const deviceId = /device_id=(\S+)/.exec(added.stdout)![1];
    const secret = /secret=(\S+)/.exec(added.stdout)![1];

    const port = await freePort();
    const start = async () => {
      const relay = startCoffer(
        [
          'relay',
          '--port',
          String(port),
          '--data-dir',
          dataDir,
          '--plaid-url',
          harness.sim.url,
          '--rate-address',
          '100000/100000',
          '--rate-device',
          '100000/100000',
        ],
        env,
      );
      running.push(relay);
      await relay.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/, 60_000);
      return relay;
    };
    let relay = await start();

    const answered200: Captured[] = [];
    const refused: { status: number; body: string }[] = [];
    let failures = 0;
    let next = 0;
    const url = `http://127.0.0.1:${port}/hooks/${deviceId}`;
    const worker = async () => {
      for (let i = next++; i < load.length; i = next++) {
        const webhook = load[i];
        for (;;) {
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'Plaid-Verification': webhook.jwt! },
              body: new Uint8Array(webhook.body),
              signal: AbortSignal.timeout(10_000),
            });
            const text = await response.text();
            if (response.status === 200) {
              answered200.push(webhook);
              break;
            }
            if (response.status < 500) {
              refused.push({ status: response.status, body: text });
              break;
            }
          } catch {
            // Killed mid-request: no answer, so Plaid would retry.
          }
          failures++;
          await new Promise((r) => setTimeout(r, 30));
        }
      }
    };

    const killer = async () => {
      for (let k = 1; k <= KILLS; k++) {
        await waitUntil(
          `load before kill ${k}`,
          () => answered200.length >= (k * load.length) / (KILLS + 2),
          120_000,
        );
        relay.child.kill('SIGKILL');
        await new Promise((r) => relay.child.once('exit', r));
        relay = await start();
      }
    };
    await Promise.all([killer(), ...Array.from({ length: CONCURRENCY }, worker)]);

    expect(refused).toEqual([]);
    expect(answered200.length).toBe(load.length);
    expect(failures).toBeGreaterThan(0);

    // The device drains its queue.
    const delivered: { jwt: string; body: string }[] = [];
    let after = 0;
    for (;;) {
      const response = await fetch(
        `http://127.0.0.1:${port}/devices/${deviceId}/events?after=${after}&limit=500`,
        {
          headers: { authorization: `Bearer ${secret}` },
        },
      );
      const page = (await response.json()) as { events: { jwt: string; body: string }[]; next: number };
      if (page.events.length === 0) break;
      delivered.push(...page.events);
      after = page.next;
    }
    const bodies = new Set(delivered.map((e) => sha256Hex(Buffer.from(e.body, 'base64'))));
    const missing = answered200.filter((w) => !bodies.has(sha256Hex(w.body)));
    expect(missing).toEqual([]);
    expect(new Set(delivered.map((e) => e.jwt)).size).toBe(delivered.length);
    // Identical bodies collapse while they wait: far fewer events than posts, but every body is there.
    expect(bodies.size).toBe(new Set(load.map((w) => sha256Hex(w.body))).size);
  }, 280_000);
});
