/**
 * `coffer relay` as an operator runs it: add-device before and while the relay runs; without
 * Plaid keys it starts anyway and refuses webhooks, saying why in its log; /healthz answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCoffer, startCoffer, type Running } from '../e2e/support/processes';
import { makeKey, plaidBody, sign } from './support';

const dirs: string[] = [];
const running: Running[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  for (const k of ['PLAID_ENV', 'PLAID_BASE_URL', 'PLAID_CLIENT_ID', 'PLAID_SECRET', 'COFFER_RELAY_DATA_DIR'])
    delete e[k];
  return e;
}

describe('coffer relay', () => {
  it('adds devices with or without the relay running, and without Plaid keys refuses webhooks saying why', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-relay-cli-'));
    dirs.push(dataDir);
    const offline = await runCoffer(
      ['relay', 'add-device', '--data-dir', dataDir, '--public-url', 'https://relay.example.com'],
      env(),
    );
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(
      /^device_id=[0-9a-f]{32}\nwebhook_url=https:\/\/relay\.example\.com\/hooks\/[0-9a-f]{32}\nsecret=crs_\S{40,}\n$/,
    );

    const relay = startCoffer(['relay', '--port', '0', '--data-dir', dataDir], env());
    running.push(relay);
    const [, url] = await relay.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });

    const online = await runCoffer(['relay', 'add-device', '--data-dir', dataDir], env());
    expect(online.code).toBe(0);
    const deviceId = /device_id=(\S+)/.exec(online.stdout)![1];
    expect(online.stdout).toContain(`webhook_url=https://relay.example.com/hooks/${deviceId}`);

    const key = await makeKey();
    const body = plaidBody({
      webhook_type: 'TRANSACTIONS',
      webhook_code: 'SYNC_UPDATES_AVAILABLE',
      item_id: 'i',
    });
    const res = await fetch(`${url}/hooks/${deviceId}`, {
      method: 'POST',
      headers: { 'Plaid-Verification': await sign(key, body) },
      body: new Uint8Array(body),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'no-plaid-keys' });
    await new Promise((r) => setTimeout(r, 200));
    expect(relay.stderr()).toMatch(
      /"msg":"webhook refused".*"reason":"no-plaid-keys".*"fix":"set PLAID_CLIENT_ID/,
    );
    expect(relay.stderr()).toMatch(/"why":"PLAID_CLIENT_ID and PLAID_SECRET are not set"/);
    const secret = /secret=(\S+)/.exec(online.stdout)![1];
    expect(relay.stderr()).not.toContain(secret);
  }, 120_000);

  it('explains a bad flag', async () => {
    const out = await runCoffer(['relay', '--rate-device', 'lots'], env());
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--rate-device must be RATE or RATE/BURST');
  });
});
