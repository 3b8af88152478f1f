/**
 * The walking skeleton, as a user walks it: the browser host (aimed at a separately started
 * `coffer sim`), Link with a wrong and then the right password, accounts and transactions on
 * screen; then the simulator gone and the host restarted, and the same history still there.
 * Along the way, no token and no secret may show up in the data dir, API answers or browser storage.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserStorage,
  continueUntilLinkCloses,
  launchChromium,
  linkUi,
  LONG,
  waitUntil,
} from './support/browser';
import { startCoffer, type Running } from './support/processes';
import { openView } from './support/shell';
import { leaksInDir, leaksInText } from './support/secrets-scan';

const WRONG_PASSWORD_MESSAGE = 'The provided credentials were not correct. Please try again.';

const secret = `e2e-secret-${randomBytes(12).toString('hex')}`;
const clientId = `e2e-client-${randomBytes(6).toString('hex')}`;

let dataDir: string;
let browser: Browser;
const processes: Running[] = [];
const apiBodies: string[] = [];

function cofferEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PLAID_CLIENT_ID: clientId, PLAID_SECRET: secret };
  delete env.PLAID_ENV;
  delete env.PLAID_BASE_URL;
  return env;
}

function start(args: string[]): Running {
  const running = startCoffer(args, cofferEnv());
  processes.push(running);
  return running;
}

async function startHost(simUrl: string): Promise<{ host: Running; url: string }> {
  const host = start(['serve', '--port', '0', '--data-dir', dataDir, '--plaid-url', simUrl]);
  const [, url] = await host.waitFor(/Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/, LONG);
  return { host, url };
}

async function accountRows(page: Page): Promise<string[]> {
  const rows = page.locator('[data-testid=account-row]');
  return (
    await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-account-id') ?? e.textContent ?? ''))
  ).sort();
}

async function transactionTotal(page: Page): Promise<number> {
  const count = page.locator('[data-testid=transaction-count]');
  const text = (await count.textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

/** The count once linking (which includes the first sync) has finished and the list has stopped growing. */
async function settledTotal(page: Page): Promise<number> {
  await waitUntil('linking to finish', () =>
    page.getByRole('button', { name: 'Link account' }).first().isEnabled(),
  );
  let last = -1;
  let stableSince = Date.now();
  await waitUntil('the transaction count to settle', async () => {
    const now = await transactionTotal(page);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    return Date.now() - stableSince > 2_000;
  });
  return last;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-'));
  browser = await launchChromium();
}, LONG);

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('Link to offline, in the browser host', () => {
  it('links First Platypus Bank, lists its history, and still shows it with the simulator gone after a restart', async () => {
    const sim = start(['sim', '--port', '0', '--seed', '42']);
    const [, simUrl] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, LONG);
    const [, printedClient, printedSecret] = await sim.waitFor(/client_id=(\S+) secret=(\S+)/, LONG);
    expect([printedClient, printedSecret]).toEqual([clientId, secret]);

    let { host, url } = await startHost(simUrl);
    let hostOrigin = new URL(url).origin;
    const page = await browser.newPage();
    page.on('response', (response) => {
      const u = new URL(response.url());
      if (u.origin !== hostOrigin || !u.pathname.startsWith('/api/') || u.pathname === '/api/events') return;
      response.text().then(
        (body) => apiBodies.push(body),
        () => undefined,
      );
    });

    // The event stream as a second client sees it, for the leak check.
    const token = new URL(url).hash.replace('#token=', '');
    const events = new AbortController();
    let eventText = '';
    void fetch(`${hostOrigin}/api/events`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: events.signal,
    })
      .then(async (res) => {
        const reader = res.body!.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          eventText += Buffer.from(value).toString('utf8');
        }
      })
      .catch(() => undefined);

    // A policy that blocks part of Link (or the app) shows up here before it shows up as a hang.
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(url);
    await page.getByRole('button', { name: 'Link account' }).first().click();

    const ui = linkUi(page);
    await ui.locator('[data-institution-id="ins_109508"]').click({ timeout: LONG });
    await ui.locator('input[name="username"]').fill('user_good', { timeout: LONG });
    await ui.locator('input[name="password"]').fill('not-the-password');
    await ui
      .getByRole('button', { name: /^(Submit|Continue)$/ })
      .first()
      .click();
    await ui.getByRole('alert').filter({ hasText: WRONG_PASSWORD_MESSAGE }).waitFor({ timeout: LONG });

    await ui.locator('input[name="password"]').fill('pass_good');
    await ui
      .getByRole('button', { name: /^(Submit|Continue)$/ })
      .first()
      .click();
    // Then the accounts step; Continue until Link closes.
    await continueUntilLinkCloses(page);

    await waitUntil('the accounts', async () => (await accountRows(page)).length >= 3);
    await openView(page, 'transactions');
    await waitUntil('the transactions', async () => (await transactionTotal(page)) >= 500);
    expect(await page.locator('[data-testid=transaction-row]').count()).toBeGreaterThan(0);
    const accountsBefore = await accountRows(page);
    const totalBefore = await settledTotal(page);
    const firstRowsBefore = await page
      .locator('[data-testid=transaction-row]')
      .evaluateAll((els) => els.slice(0, 10).map((e) => e.getAttribute('data-transaction-id')));

    const storageBefore = await browserStorage(page);
    events.abort();

    // Offline: the simulator is gone, the host restarts over the same data dir.
    await sim.stop();
    await host.stop();
    ({ host, url } = await startHost(simUrl));
    hostOrigin = new URL(url).origin;
    await page.goto(url);
    await waitUntil('the accounts after the restart', async () => (await accountRows(page)).length >= 3);
    await openView(page, 'transactions');
    await waitUntil('the transactions after the restart', async () => (await transactionTotal(page)) > 0);
    expect(await accountRows(page)).toEqual(accountsBefore);
    expect(await transactionTotal(page)).toBe(totalBefore);
    await waitUntil(
      'the rows after the restart',
      async () => (await page.locator('[data-testid=transaction-row]').count()) > 0,
    );
    const firstRowsAfter = await page
      .locator('[data-testid=transaction-row]')
      .evaluateAll((els) => els.slice(0, 10).map((e) => e.getAttribute('data-transaction-id')));
    expect(firstRowsAfter).toEqual(firstRowsBefore);

    // No access token, public token or secret anywhere the app wrote or answered.
    const storageAfter = await browserStorage(page);
    await host.stop();
    expect(apiBodies.length).toBeGreaterThan(5);
    expect(apiBodies.flatMap((body) => leaksInText(body, [secret]))).toEqual([]);
    expect(leaksInText(eventText, [secret])).toEqual([]);
    expect(leaksInText(storageBefore + storageAfter, [secret])).toEqual([]);
    expect(leaksInDir(dataDir, [secret])).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 300_000);
});
