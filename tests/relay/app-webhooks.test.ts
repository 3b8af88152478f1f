/**
 * Webhooks in the app, through the real core and the real simulator: demo mode's embedded relay,
 * a remote relay set in the settings (secret in the keychain, Items re-pointed when it changes),
 * a hostile relay whose forgeries and replays do nothing, and the periodic full sync.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayEvent, type RunningRelay } from '../../relay/index';
import type { RunningSimulator } from '../../sim/index';
import type { RelayStatus } from '../../src/shared/api';
import type { Core } from '../../src/main/services/core';
import { readOrCreateLedgerId } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import type { Timers } from '../../src/main/services/webhooks/periodic-sync';
import {
  call,
  FIRST_PLATYPUS,
  ledgerOf,
  openTestCore,
  readAllFiles,
  recordEvents,
  SimAdmin,
  startTestSimulator,
  tempDir,
  truthOf,
} from '../integration/helpers';
import { b64url } from './support';
import { waitUntil } from './sim-support';

let sim: RunningSimulator;
let admin: SimAdmin;
const cores: Core[] = [];
const relays: RunningRelay[] = [];
const dirs: string[] = [];

interface SimDelivery {
  url: string;
  webhook_code: string;
  status: string;
}
const deliveries = async () =>
  (
    await (
      admin as unknown as { request(m: string, p: string): Promise<{ webhooks: SimDelivery[] }> }
    ).request('GET', '/__sim/webhooks')
  ).webhooks;

beforeAll(async () => {
  sim = await startTestSimulator();
  admin = new SimAdmin(sim);
  await admin.plaid('/__sim/webhooks/config', { retryBaseMs: 200 });
});

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await Promise.all(relays.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await sim?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function open(
  environment: 'demo' | 'sandbox',
  extra: { timers?: Timers; periodicSyncMs?: number } = {},
) {
  const dataDir = tempDir('coffer-webhooks-');
  dirs.push(dataDir);
  const core = await openTestCore({
    dataDir,
    sim,
    environment,
    testing: {
      webhooks: { active: true, waitSeconds: 2, pollBackoff: { baseMs: 50, capMs: 500 }, ...extra },
    },
  });
  cores.push(core);
  return { core, dataDir };
}

const status = (core: Core) => call<RelayStatus>(core, 'relay.get');

async function linked(core: Core): Promise<string> {
  const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
  if (outcome.status !== 'linked') throw new Error('link failed');
  return outcome.itemId;
}

/** Advances the simulator's clock and waits for the ledger to match the truth, with no sync call. */
async function freshWithoutSync(core: Core, itemId: string) {
  // Webhooks already on their way (linking fires two) are handled first, so only the clock's can count.
  await waitUntil('earlier webhooks handled', async () => (await status(core)).delivered >= 2);
  await new Promise((r) => setTimeout(r, 300));
  const handled = (await status(core)).delivered;
  const before = await ledgerOf(core, itemId);
  await admin.advance(3);
  const truth = await truthOf(admin, itemId);
  expect(truth).not.toEqual(before);
  await waitUntil(
    'the webhook-driven sync',
    async () =>
      (await status(core)).delivered > handled &&
      JSON.stringify(await ledgerOf(core, itemId)) === JSON.stringify(truth),
    30_000,
  );
}

describe('webhooks in the app', () => {
  it('demo mode: the simulator calls an embedded relay, the app polls it, and new transactions arrive by themselves', async () => {
    const { core, dataDir } = await open('demo');
    const first = await status(core);
    expect(first).toMatchObject({ mode: 'embedded' });
    expect(first.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f]{32}$/);
    const itemId = await linked(core);
    await freshWithoutSync(core, itemId);
    const after = await waitUntil('the handled count', async () => {
      const s = await status(core);
      return s.delivered > 0 ? s : null;
    });
    expect(after.rejected).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'demo', 'relay', 'relay.sqlite'))).toBe(true);
    const sent = (await deliveries()).filter((d) => d.url === first.webhookUrl);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((d) => d.status === 'delivered')).toBe(true);
  });

  it('a remote relay: secret in the keychain, Items pointed at it, re-pointed when it changes, and nothing leaks', async () => {
    const relayDir = tempDir('coffer-remote-relay-');
    dirs.push(relayDir);
    const relay = await startRelay({
      dataDir: relayDir,
      port: 0,
      plaid: { baseUrl: sim.url, clientId: sim.clientId, secret: sim.secret },
      log: { info() {}, warn() {}, error() {} },
    });
    relays.push(relay);
    const device = relay.addDevice();
    const { core, dataDir } = await open('sandbox');
    expect((await status(core)).mode).toBe('off');

    await expect(
      call(core, 'relay.set', { webhookUrl: device.webhookUrl, secret: 'crs_wrong-secret-value' }),
    ).rejects.toMatchObject({
      code: 'RELAY_UNAUTHORIZED',
    });
    await expect(
      call(core, 'relay.set', { webhookUrl: 'https://example.com/nothing', secret: device.secret }),
    ).rejects.toMatchObject({
      code: 'RELAY_URL_INVALID',
    });
    const set = await call<RelayStatus>(core, 'relay.set', {
      webhookUrl: device.webhookUrl,
      secret: device.secret,
    });
    expect(set).toMatchObject({ mode: 'remote', webhookUrl: device.webhookUrl });
    const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
    expect(await store.get('relay-device')).toBe(device.secret);

    const itemId = await linked(core);
    await freshWithoutSync(core, itemId);
    expect(
      (await deliveries()).some(
        (d) => d.url === device.webhookUrl && d.webhook_code === 'SYNC_UPDATES_AVAILABLE',
      ),
    ).toBe(true);

    // A new device (or a new relay): every Item is told with /item/webhook/update.
    const second = relay.addDevice();
    await call(core, 'relay.set', { webhookUrl: second.webhookUrl, secret: second.secret });
    await waitUntil('the Item to acknowledge its new webhook URL', async () =>
      (await deliveries()).some(
        (d) => d.url === second.webhookUrl && d.webhook_code === 'WEBHOOK_UPDATE_ACKNOWLEDGED',
      ),
    );
    await freshWithoutSync(core, itemId);
    expect(await store.get('relay-device')).toBe(second.secret);

    for (const { file, bytes } of readAllFiles(dataDir)) {
      expect(bytes.includes(Buffer.from(device.secret)), file).toBe(false);
      expect(bytes.includes(Buffer.from(second.secret)), file).toBe(false);
    }
  });

  it('survives the relay going away: the poller backs off, and after a restart the retried webhook arrives', async () => {
    const relayDir = tempDir('coffer-offline-relay-');
    dirs.push(relayDir);
    const options = {
      dataDir: relayDir,
      plaid: { baseUrl: sim.url, clientId: sim.clientId, secret: sim.secret },
      log: { info() {}, warn() {}, error() {} },
    };
    let relay = await startRelay({ ...options, port: 0 });
    const port = relay.port;
    const device = relay.addDevice();
    const { core } = await open('sandbox');
    await call(core, 'relay.set', { webhookUrl: device.webhookUrl, secret: device.secret });
    const itemId = await linked(core);
    // The webhooks linking fires are handled first, so what follows can only come after the restart.
    await waitUntil('the link-time webhooks handled', async () => (await status(core)).delivered >= 2);
    const handled = (await status(core)).delivered;
    await relay.close();
    await admin.advance(2);
    const truth = await truthOf(admin, itemId);
    await waitUntil('the poller to notice', async () => (await status(core)).state === 'offline');
    await waitUntil('a failed delivery attempt', async () =>
      (await deliveries()).some((d) => d.url === device.webhookUrl && d.status === 'retrying'),
    );
    relay = await startRelay({ ...options, port });
    relays.push(relay);
    await waitUntil(
      'the ledger to catch up',
      async () => JSON.stringify(await ledgerOf(core, itemId)) === JSON.stringify(truth),
      30_000,
    );
    await waitUntil('the retried webhook handled', async () => (await status(core)).delivered > handled);
    expect((await status(core)).state).toBe('polling');
  });

  it('a hostile relay: forgeries are rejected and a replayed webhook syncs once', async () => {
    const received: { jwt: string | null; body: Buffer; at: number }[] = [];
    let served: RelayEvent[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (req.method === 'POST' && url.pathname.startsWith('/hooks/')) {
          const jwt = req.headers['plaid-verification'];
          received.push({
            jwt: typeof jwt === 'string' ? jwt : null,
            body: Buffer.concat(chunks),
            at: Date.now(),
          });
          res.writeHead(200).end('{}');
        } else if (url.pathname.endsWith('/events')) {
          const after = Number(url.searchParams.get('after') ?? 0);
          const events = served.filter((e) => e.seq > after);
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ events, next: events.at(-1)?.seq ?? after }));
        } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"acked":0}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const hostile = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${'ab'.repeat(16)}`;
      const { core } = await open('sandbox');
      await call(core, 'relay.set', { webhookUrl: hostile, secret: 'anything-at-all' });
      const itemId = await linked(core);
      await admin.advance(2);
      const sync = await waitUntil('a genuine SYNC_UPDATES_AVAILABLE', () =>
        received.find((r) => r.body.toString().includes('SYNC_UPDATES_AVAILABLE')),
      );
      const events = recordEvents(core);
      const truth = await truthOf(admin, itemId);
      const other = received.find((r) => r !== sync)!;
      const claims = sync.jwt!.split('.')[1];
      const forged: [string | null, Buffer | string][] = [
        [`${b64url('{"alg":"none"}')}.${claims}.`, sync.body],
        [`${b64url('{"alg":"HS256","kid":"x"}')}.${claims}.c2ln`, sync.body],
        [sync.jwt, sync.body.toString().replace('true', 'false')],
        [other.jwt, sync.body],
        [null, sync.body],
        ['not.a.jwt!', sync.body],
        [sync.jwt, Buffer.alloc(300 * 1024, 0x20)],
      ];
      let seq = 0;
      const wire = (jwt: string | null, body: Buffer | string, at: number): RelayEvent => ({
        seq: ++seq,
        kind: 'webhook',
        received_at: new Date(at).toISOString(),
        jwt,
        body: Buffer.from(body).toString('base64'),
      });
      served = [
        ...forged.map(([jwt, body]) => wire(jwt, body, sync.at)),
        wire(sync.jwt, sync.body, sync.at),
        wire(sync.jwt, sync.body, sync.at),
      ];
      const done = await waitUntil('the hostile batch handled', async () => {
        const s = await status(core);
        return s.rejected + s.delivered >= forged.length + 1 ? s : null;
      });
      expect(done.rejected).toBe(forged.length);
      expect(done.delivered).toBe(1);
      await waitUntil(
        'the ledger to catch up',
        async () => JSON.stringify(await ledgerOf(core, itemId)) === JSON.stringify(truth),
      );
      const starts = events.filter(
        (e) => e.name === 'sync.progress' && (e.payload as { phase: string }).phase === 'starting',
      );
      expect(starts).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    }
  });

  it('runs a full sync on its timer even when no webhook comes', async () => {
    const pending: { at: number; fn: () => void }[] = [];
    let now = 0;
    const timers: Timers = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn };
        pending.push(t);
        return t;
      },
      clearTimeout: (h) => void pending.splice(pending.indexOf(h as (typeof pending)[number]), 1),
    };
    const { core } = await open('sandbox', { timers, periodicSyncMs: 6 * 3600_000 });
    expect((await status(core)).mode).toBe('off');
    const itemId = await linked(core);
    await admin.advance(2);
    const truth = await truthOf(admin, itemId);
    await new Promise((r) => setTimeout(r, 500));
    expect(await ledgerOf(core, itemId)).not.toEqual(truth);
    now += 6 * 3600_000;
    for (const t of pending.splice(0)) if (t.at <= now) t.fn();
    await waitUntil(
      'the periodic sync',
      async () => JSON.stringify(await ledgerOf(core, itemId)) === JSON.stringify(truth),
    );
    await waitUntil('the next periodic sync to be scheduled', () => pending.length === 1);
  });
});
