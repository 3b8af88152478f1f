/**
 * The relay's HTTP protocol, with verification keys made in the test (the relay's Plaid lookup is
 * the one piece replaced): long-poll, auth and isolation, acks, rate limits, health.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayDevice, type RunningRelay } from '../../relay/index';
import { makeKey, plaidBody, sign, type TestKey } from './support';

let relay: RunningRelay;
let key: TestKey;
let a: RelayDevice;
let b: RelayDevice;
const dirs: string[] = [];

async function start(limits = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-relay-http-'));
  dirs.push(dir);
  return startRelay({
    dataDir: dir,
    port: 0,
    keyLookup: async (kid) => (kid === key.kid ? key.jwk : 'unknown'),
    log: { info() {}, warn() {}, error() {} },
    limits,
  });
}

async function hook(target: RunningRelay, d: RelayDevice, fields: Record<string, unknown>) {
  const body = plaidBody(fields);
  return fetch(`${target.url}/hooks/${d.deviceId}`, {
    method: 'POST',
    headers: { 'Plaid-Verification': await sign(key, body) },
    body: new Uint8Array(body),
  });
}

const events = (target: RunningRelay, d: RelayDevice, query: string, secret = d.secret) =>
  fetch(`${target.url}/devices/${d.deviceId}/events?${query}`, {
    headers: { authorization: `Bearer ${secret}` },
  });

beforeAll(async () => {
  key = await makeKey();
  relay = await start();
  a = relay.addDevice();
  b = relay.addDevice();
});

afterAll(async () => {
  await relay?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('relay protocol', () => {
  it('answers /healthz', async () => {
    const res = await fetch(`${relay.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('holds a long-poll until a webhook arrives, then hands it over at once', async () => {
    const started = Date.now();
    const polled = events(relay, a, 'after=0&wait=10');
    await new Promise((r) => setTimeout(r, 300));
    expect((await hook(relay, a, { webhook_type: 'ITEM', webhook_code: 'ERROR', item_id: 'x' })).status).toBe(
      200,
    );
    const res = await polled;
    const page = (await res.json()) as {
      events: { seq: number; kind: string; body: string; received_at: string }[];
      next: number;
    };
    expect(Date.now() - started).toBeLessThan(5000);
    expect(page.next).toBe(1);
    expect(page.events[0]).toMatchObject({ seq: 1, kind: 'webhook' });
    expect(JSON.parse(Buffer.from(page.events[0].body, 'base64').toString()).item_id).toBe('x');
  });

  it('times out an empty long-poll with no events', async () => {
    const started = Date.now();
    const page = (await (await events(relay, b, 'after=0&wait=1')).json()) as {
      events: unknown[];
      next: number;
    };
    expect(page).toEqual({ events: [], next: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("keeps devices apart: B's secret reads nothing of A's, and acks are cumulative and bounded", async () => {
    expect((await events(relay, a, 'after=0', b.secret)).status).toBe(401);
    expect((await events(relay, a, 'after=0', 'crs_not-the-secret')).status).toBe(401);
    const ack = (d: RelayDevice, upTo: number, secret = d.secret) =>
      fetch(`${relay.url}/devices/${d.deviceId}/ack`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ upTo }),
      });
    expect((await ack(a, 1, b.secret)).status).toBe(401);
    expect((await ack(a, 5)).status).toBe(400);
    expect(await (await ack(a, 1)).json()).toEqual({ acked: 1 });
    expect(await (await events(relay, a, 'after=0')).json()).toEqual({ events: [], next: 0 });
    // A cursor beyond anything the relay has (a new relay database) is said plainly.
    expect((await events(relay, a, 'after=99')).status).toBe(409);
  });

  it('rate-limits per device and per source address, with Retry-After', async () => {
    const limited = await start({
      ingestPerDevice: { perSecond: 1, burst: 2 },
      perAddress: { perSecond: 1, burst: 6 },
    });
    try {
      const d = limited.addDevice();
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await hook(limited, d, { webhook_type: 'ITEM', webhook_code: `C${i}` })).status);
      expect(codes).toEqual([200, 200, 429, 429]);
      const more = [];
      for (let i = 0; i < 3; i++) more.push(await fetch(`${limited.url}/healthz`));
      expect(more.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(Number(more[2].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});
