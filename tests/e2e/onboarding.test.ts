/**
 * First run in the browser host, as a new user meets it: wrong sandbox keys get Plaid's own error
 * and nothing is saved; keys Plaid accepts open Sandbox (its own, empty ledger); back in demo, the
 * demo bank links and the app fills. Plaid is a simulator that answers with the demo keys, which
 * stand for "your sandbox keys" here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startSimulator, type RunningSimulator } from '../../sim/index';
import type { KeysStatus } from '../../src/shared/api';
import { requireTestKeyring } from '../support/keyring';
import {
  browserStorage,
  hostApi,
  launchChromium,
  linkFirstPlatypus,
  LONG,
  waitUntil,
} from './support/browser';
import { startCoffer, type Running } from './support/processes';

let dataDir: string;
let sim: RunningSimulator;
let browser: Browser;
let page: Page;
let host: Running;
let api: ReturnType<typeof hostApi>;

const environmentBadge = () => page.getByTestId('environment').textContent();

beforeAll(async () => {
  requireTestKeyring();
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-onboarding-'));
  sim = await startSimulator({ port: 0, statePath: path.join(dataDir, 'sim-state.json') });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PLAID_ENV', 'PLAID_BASE_URL', 'PLAID_CLIENT_ID', 'PLAID_SECRET']) delete env[name];
  host = startCoffer(['serve', '--port', '0', '--data-dir', dataDir, '--plaid-url', sim.url], env);
  const [, url] = await host.waitFor(/Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/, LONG);
  api = hostApi(url);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('first run', () => {
  it('offers the demo or your own Plaid keys, explaining where the keys come from', async () => {
    await page.getByRole('heading', { name: 'Welcome to Coffer' }).waitFor({ timeout: LONG });
    expect(await environmentBadge()).toMatch(/demo/i);
    await page.getByRole('button', { name: 'Enter Plaid keys' }).click();
    const form = page.getByRole('form', { name: 'Plaid API keys' });
    expect(await form.textContent()).toMatch(/dashboard\.plaid\.com → Developers → Keys/);
    expect(await form.getByRole('radio', { name: /Sandbox/ }).isChecked()).toBe(true);
  });

  it('shows Plaid’s error for wrong sandbox keys and saves nothing', async () => {
    const form = page.getByRole('form', { name: 'Plaid API keys' });
    await form.getByLabel('client_id').fill(DEMO_CREDENTIALS.clientId);
    await form.getByLabel(/^Secret/).fill('a-wrong-secret');
    await form.getByRole('button', { name: 'Check and save keys' }).click();
    const error = page.getByTestId('keys-error');
    await error.waitFor({ timeout: LONG });
    expect(await error.textContent()).toBe(
      'Plaid refused these keys: invalid client_id or secret provided (INVALID_API_KEYS). Nothing was saved.',
    );
    // The secret field is emptied, nothing was kept, and the app is still in demo.
    expect(await form.getByLabel(/^Secret/).inputValue()).toBe('');
    const keys = await api<KeysStatus>('setup.keys');
    expect(keys.environments.map((e) => e.saved)).toEqual([false, false]);
    expect(await environmentBadge()).toMatch(/demo/i);
    expect(await browserStorage(page)).not.toContain('a-wrong-secret');
  });

  it(
    'opens Sandbox, with a ledger of its own, once Plaid accepts the keys',
    async () => {
      const form = page.getByRole('form', { name: 'Plaid API keys' });
      await form.getByLabel('client_id').fill(DEMO_CREDENTIALS.clientId);
      await form.getByLabel(/^Secret/).fill(DEMO_CREDENTIALS.secret);
      await form.getByRole('button', { name: 'Check and save keys' }).click();
      await page
        .getByRole('heading', { name: 'Link your first account (Sandbox)' })
        .waitFor({ timeout: LONG });
      expect(await environmentBadge()).toMatch(/sandbox/i);
      expect(await page.content()).not.toContain(DEMO_CREDENTIALS.secret);
      expect(await browserStorage(page)).not.toContain(DEMO_CREDENTIALS.secret);
      const keys = await api<KeysStatus>('setup.keys');
      expect(keys.environments.find((e) => e.environment === 'sandbox')?.saved).toBe(true);
    },
    LONG,
  );

  it('in demo mode reaches the linked app: the demo bank, its credentials hinted, fills the window', async () => {
    await page.getByRole('button', { name: 'Back to the demo' }).click();
    await page.getByTestId('onboarding-demo').waitFor({ timeout: LONG });
    expect(await environmentBadge()).toMatch(/demo/i);

    // The demo choice's own Link button; the simulator's login names the demo credentials (sim/link-ui.test.ts).
    await linkFirstPlatypus(
      page,
      page.getByTestId('onboarding-demo').getByRole('button', { name: 'Link account' }),
    );

    const views = page.getByRole('navigation', { name: 'Views' });
    await views.waitFor({ timeout: LONG });
    // The app opens on the home dashboard; the list is one view away.
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
    await views.getByRole('button', { name: 'Transactions', exact: true }).click();
    await waitUntil('the first sync to fill the list', async () => {
      const count = await page.getByTestId('filter-summary').getAttribute('data-count');
      return Number(count) > 0;
    });
    expect(await page.getByTestId('empty-state').count()).toBe(0);
  }, 180_000);

  it(
    'a Recurring row opens the transactions behind it',
    async () => {
      const views = page.getByRole('navigation', { name: 'Views' });
      await views.getByRole('button', { name: 'Recurring', exact: true }).click();
      const open = page.getByTestId('recurring-row').first().getByRole('button');
      await open.waitFor({ timeout: LONG });
      const name = ((await open.textContent()) ?? '').trim();
      await open.click();
      await page.getByRole('heading', { name: 'Transactions', exact: true }).waitFor({ timeout: LONG });
      // Only that stream's rows, each carrying its name (the unfiltered list may show first).
      const word = name.toLowerCase().split(' ')[0]!;
      await waitUntil('the stream’s transactions', async () => {
        const rows = await page.getByTestId('transaction-row').allTextContents();
        return rows.length > 0 && rows.every((row) => row.toLowerCase().includes(word));
      });
    },
    LONG,
  );

  it(
    'Settings holds the keys (never the secret), the webhook relay and the data folder',
    async () => {
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Settings', exact: true })
        .click();
      const settings = page.locator('.settings-view');
      await settings.getByTestId('keys-status').waitFor({ timeout: LONG });
      expect(await settings.getByTestId('keys-status').textContent()).toMatch(
        /Sandbox keyssaved in the keychain \(the secret is never shown\)/,
      );
      expect(await settings.getByTestId('data-folder').textContent()).toBe(dataDir);
      // The Webhooks settings live in Settings, as a titled section, not loose at the window's corner.
      expect(await settings.getByRole('heading', { name: 'Webhooks' }).count()).toBe(1);
      expect(await page.getByTestId('relay-settings').count()).toBe(1);
      expect(await page.locator('.settings-view [data-testid="relay-settings"]').count()).toBe(1);
      expect(await page.content()).not.toContain(DEMO_CREDENTIALS.secret);
    },
    LONG,
  );
});
