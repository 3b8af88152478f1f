/**
 * End to end in demo mode, as a user sees it: `coffer serve` with its embedded simulator and
 * embedded relay; link First Platypus Bank in the browser; then the simulator's clock moves (a
 * `coffer sim` over the same demo state file, as a second process may) → its signed webhook → the
 * embedded relay → the app's poll → a sync → the new transactions on screen, with no sync pressed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayStatus } from '../../src/shared/api';
import {
  hostApi,
  launchChromium,
  linkFirstPlatypus,
  LONG,
  simAdmin,
  waitUntil,
} from '../e2e/support/browser';
import { startCoffer, type Running } from '../e2e/support/processes';

let dataDir: string;
let browser: Browser;
const processes: Running[] = [];

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  for (const k of ['PLAID_ENV', 'PLAID_BASE_URL', 'PLAID_CLIENT_ID', 'PLAID_SECRET']) delete e[k];
  return e;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-relay-e2e-'));
  browser = await launchChromium();
}, LONG);

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('webhooks end to end in demo mode', () => {
  it('shows the new transactions after the simulated clock moves, without anyone pressing sync', async () => {
    const host = startCoffer(['serve', '--port', '0', '--data-dir', dataDir], env());
    processes.push(host);
    const [, url] = await host.waitFor(
      /Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
      LONG,
    );
    const api = hostApi(url);
    const page = await browser.newPage();
    const syncCalls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/sync.run') syncCalls.push(r.url());
    });
    await page.goto(url);
    await linkFirstPlatypus(page);
    // The app lands on the home dashboard; the list is one view away.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Transactions', exact: true })
      .click();

    const relay = await api<RelayStatus>('relay.get');
    expect(relay.mode).toBe('embedded');
    expect(relay.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f]{32}$/);

    const total = async () =>
      Number(
        /\d+/.exec((await page.locator('[data-testid=transaction-count]').textContent()) ?? '')?.[0] ?? NaN,
      );
    await waitUntil('the first history on screen', async () => (await total()) > 0);
    const { items } = await api<{ items: { id: string }[] }>('items.list');
    const before = await total();

    // A second process over the same demo state file moves the clock, as `coffer sim --state` can.
    const sim = startCoffer(
      ['sim', '--port', '0', '--state', path.join(dataDir, 'demo', 'simulator-state.json')],
      env(),
    );
    processes.push(sim);
    const [, simUrl] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, LONG);
    const [, clientId, secret] = await sim.waitFor(/client_id=(\S+) secret=(\S+)/, LONG);
    const admin = simAdmin({ url: simUrl, clientId, secret });
    await admin('POST', '/__sim/clock/advance', { days: 4 });
    const truth = await admin<{ transactions: unknown[] }>(
      'GET',
      `/__sim/truth/transactions?item_id=${items[0].id}`,
    );
    expect(truth.transactions.length).not.toBe(before);

    await waitUntil(
      'the new transactions on screen',
      async () => (await total()) === truth.transactions.length,
    );
    const hooks = await admin<{ webhooks: { url: string; webhook_code: string; status: string }[] }>(
      'GET',
      '/__sim/webhooks',
    );
    expect(
      hooks.webhooks.some(
        (w) =>
          w.url === relay.webhookUrl &&
          w.webhook_code === 'SYNC_UPDATES_AVAILABLE' &&
          w.status === 'delivered',
      ),
    ).toBe(true);
    expect((await api<RelayStatus>('relay.get')).delivered).toBeGreaterThan(0);
    expect(syncCalls).toEqual([]);
  }, 180_000);
});
