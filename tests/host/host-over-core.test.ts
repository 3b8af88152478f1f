/**
 * The browser host over the real core and a real simulator: the contract over HTTP, and Link
 * presented through the event stream and reported back to /link/<session>/result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src/main/host';
import { openCore } from '../../src/main/services/core';
import type { Core } from '../../src/main/services/core-types';
import { startSimulator, type RunningSimulator } from '../../sim/index';
import { leaksInDir, leaksInText } from '../e2e/support/secrets-scan';

let dir: string;
let sim: RunningSimulator;
let core: Core;
let host: RunningHost;
const answers: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'coffer-host-core-'));
  const rendererDir = path.join(dir, 'renderer');
  sim = await startSimulator({ port: 0, clientId: 'host-test-client', secret: 'host-test-secret-4f1c' });
  core = await openCore({
    dataDir: path.join(dir, 'data'),
    environment: 'demo',
    plaidUrl: sim.url,
    credentials: { clientId: sim.clientId, secret: sim.secret },
    host: 'test',
  });
  host = await startHost({ core, port: 0, rendererDir });
}, 60_000);

afterAll(async () => {
  await host?.close();
  await core?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(
  name: string,
  body: unknown = {},
): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  const res = await fetch(`${host.origin}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  answers.push(text);
  return JSON.parse(text);
}

/** Reads the event stream up to the next event of this name and returns its payload. */
async function nextEvent(
  name: string,
  stream: ReadableStreamDefaultReader<Uint8Array>,
  seen: { text: string },
) {
  const pattern = new RegExp(`event: ${name.replace('.', '\\.')}\\ndata: (.*)\\n\\n`);
  for (;;) {
    const match = pattern.exec(seen.text);
    if (match) {
      seen.text = seen.text.slice(match.index + match[0].length);
      return JSON.parse(match[1]) as Record<string, string>;
    }
    const { value, done } = await stream.read();
    if (done) throw new Error(`stream ended before ${name}`);
    seen.text += new TextDecoder().decode(value);
  }
}

async function publicToken(): Promise<string> {
  const res = await fetch(`${sim.url}/sandbox/public_token/create`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: sim.clientId,
      secret: sim.secret,
      institution_id: 'ins_109508',
      initial_products: ['transactions'],
      options: { transactions: { days_requested: 730 } },
    }),
  });
  const body = (await res.json()) as { public_token: string };
  return body.public_token;
}

describe('browser host over the real core', () => {
  it('serves the contract', async () => {
    expect(await api('app.info')).toMatchObject({ ok: true, result: { environment: 'demo' } });
    expect(await api('items.list')).toEqual({ ok: true, result: { items: [] } });
  });

  it('shows Link through the event stream and links the Item the Link page reports', async () => {
    const events = await fetch(`${host.origin}/api/events`, {
      headers: { Authorization: `Bearer ${host.token}` },
    });
    const reader = events.body!.getReader();
    const seen = { text: '' };

    const exited = api('link.open');
    const first = await nextEvent('link.present', reader, seen);
    const page = new URL(first.url, host.origin);
    expect(page.pathname).toBe('/link/index.html');
    expect(page.searchParams.get('script')).toBe(`${sim.url}/link/v2/stable/link-initialize.js`);
    const report = (sessionId: string, body: unknown) =>
      fetch(`${host.origin}/link/${sessionId}/result`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: host.origin },
        body: JSON.stringify(body),
      });
    expect(
      (
        await report(first.sessionId, {
          kind: 'exit',
          error: null,
          metadata: { status: 'requires_credentials' },
        })
      ).status,
    ).toBe(200);
    expect(await nextEvent('link.closed', reader, seen)).toEqual({ sessionId: first.sessionId });
    expect(await exited).toEqual({ ok: true, result: { status: 'exited', error: null } });

    const linked = api('link.open');
    const second = await nextEvent('link.present', reader, seen);
    expect(second.sessionId).not.toBe(first.sessionId);
    const success = {
      kind: 'success',
      publicToken: await publicToken(),
      metadata: {
        institution: { name: 'First Platypus Bank', institution_id: 'ins_109508' },
        accounts: [],
        link_session_id: 'x',
      },
    };
    expect((await report(second.sessionId, success)).status).toBe(200);
    // Single use: the same session cannot report again.
    expect((await report(second.sessionId, success)).status).toBe(404);
    const outcome = await linked;
    expect(outcome).toMatchObject({
      ok: true,
      result: { status: 'linked', institutionName: 'First Platypus Bank' },
    });
    await reader.cancel();

    const accounts = (await api('accounts.list')) as { result: { accounts: unknown[] } };
    expect(accounts.result.accounts.length).toBeGreaterThanOrEqual(3);
    const tx = (await api('transactions.list', { limit: 5 })) as { result: { total: number } };
    expect(tx.result.total).toBeGreaterThanOrEqual(500);
  }, 120_000);

  it('answered nothing token-shaped and wrote no token or secret', () => {
    expect(answers.flatMap((a) => leaksInText(a, [sim.secret]))).toEqual([]);
    expect(leaksInDir(path.join(dir, 'data'), [sim.secret])).toEqual([]);
  });
});
