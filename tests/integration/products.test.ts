/**
 * Items and their products against the simulator (issue 12): products chosen at Link, a status
 * per product that leaves the connection's health alone, and adding a product later — by its
 * endpoint when consented, through update mode in the Link stand-in (in Chromium) when not.
 * /item/get is asked at each step and must agree with what the app shows.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/services/core';
import type { LinkSession } from '../../src/main/services/core-types';
import { readOrCreateLedgerId } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import { itemTokenPurpose } from '../../src/main/services/secrets/store';
import type { Item, LinkOutcome } from '../../src/shared/api';
import type { LinkPageResult } from '../../src/shared/link';
import { launchChromium, waitUntil } from '../e2e/support/browser';
import { call, FIRST_PLATYPUS, SimAdmin, simulatorSuite } from './helpers';

const HOUNDSTOOTH = 'ins_109512';
const suite = simulatorSuite();
let browser: Browser;
let host: Server;
let hostUrl: string;

/** A page that opens Link with a token the way the app's Link page does. */
function hostPage(scriptUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Link</title></head><body>
<script src="${scriptUrl}"></script>
<script>
  window.linkResult = null;
  const handler = Plaid.create({
    token: new URLSearchParams(location.search).get('token'),
    onSuccess: (publicToken, metadata) => { window.linkResult = { kind: 'success', publicToken, metadata }; },
    onExit: (error, metadata) => { window.linkResult = { kind: 'exit', error, metadata }; },
    onLoad: () => handler.open(),
  });
</script></body></html>`;
}

beforeAll(async () => {
  browser = await launchChromium();
  host = createServer((req, res) => {
    const script = new URL(req.url ?? '/', 'http://x').searchParams.get('script') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(hostPage(script));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
});

/** Presents Link in Chromium and walks the stand-in as a user would: bank, login, Continue. */
async function chromiumLink(session: LinkSession, institutionId: string): Promise<LinkPageResult> {
  const page = await browser.newPage();
  try {
    const url = new URL(hostUrl);
    url.searchParams.set('token', session.linkToken);
    url.searchParams.set('script', session.scriptUrl);
    await page.goto(url.toString());
    const ui = page.frameLocator('iframe');
    await waitUntil('Link to finish', async () => {
      const result = await page.evaluate(() => (window as unknown as { linkResult: unknown }).linkResult);
      if (result) return true;
      const bank = ui.locator(`[data-institution-id="${institutionId}"]`);
      if (await bank.isVisible()) await bank.click({ timeout: 2_000 });
      const user = ui.locator('input[name="username"]');
      if ((await user.isVisible()) && !(await user.inputValue())) {
        await user.fill('user_good');
        await ui.locator('input[name="password"]').fill('pass_good');
      }
      const next = ui.getByRole('button', { name: /^(Continue|Submit)$/ }).first();
      if (await next.isVisible()) await next.click({ timeout: 2_000 });
      return false;
    });
    return (await page.evaluate(
      () => (window as unknown as { linkResult: unknown }).linkResult,
    )) as LinkPageResult;
  } finally {
    await page.close();
  }
}

async function accessTokenOf(dataDir: string, itemId: string): Promise<string> {
  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  const token = await store.get(itemTokenPurpose(itemId));
  if (!token) throw new Error('no token');
  return token;
}

async function itemOf(core: Core, itemId: string): Promise<Item> {
  const { items } = await call<{ items: Item[] }>(core, 'items.list');
  const found = items.find((i) => i.id === itemId);
  if (!found) throw new Error(`no item ${itemId}`);
  return found;
}

const statuses = (item: Item) => Object.fromEntries(item.products.map((p) => [p.product, p.status]));

interface PlaidItem {
  products: string[];
  consented_products: string[];
  available_products: string[];
}

async function plaidItem(admin: SimAdmin, token: string): Promise<PlaidItem> {
  return ((await admin.request('POST', '/item/get', { access_token: token })) as { item: PlaidItem }).item;
}

async function requests(admin: SimAdmin, endpoint: string): Promise<Record<string, unknown>[]> {
  const { requests: all } = (await admin.request('GET', '/__sim/requests')) as {
    requests: Record<string, { body: Record<string, unknown> }[]>;
  };
  return (all[endpoint] ?? []).map((r) => r.body);
}

/** Links a new Item through Link in Chromium with these products. */
async function linkWith(core: Core, institutionId: string, products: string[]): Promise<string> {
  core.setLinkPresenter((session) => chromiumLink(session, institutionId));
  const outcome = await call<LinkOutcome>(core, 'link.open', { products });
  if (outcome.status !== 'linked') throw new Error(`not linked: ${JSON.stringify(outcome)}`);
  expect(outcome.sync?.status).toBe('ok');
  return outcome.itemId;
}

describe('products chosen at Link', () => {
  it('a bank without investments links with transactions, investments "not supported", the connection healthy', async () => {
    const { core, dataDir } = await suite.freshCore();
    const itemId = await linkWith(core, HOUNDSTOOTH, ['investments']);
    const [created] = (await requests(suite.admin, '/link/token/create')).slice(-1);
    expect(created).toMatchObject({ products: ['transactions'], optional_products: ['investments'] });

    const item = await itemOf(core, itemId);
    expect(statuses(item)).toEqual({ transactions: 'ready', investments: 'not_supported' });
    expect(item).toMatchObject({ health: 'ok', status: 'ok', remedy: null, error: null });
    const { transactions } = await call<{ transactions: unknown[] }>(core, 'transactions.list', { limit: 5 });
    expect(transactions.length).toBeGreaterThan(0);

    const plaid = await plaidItem(suite.admin, await accessTokenOf(dataDir, itemId));
    expect(plaid.products).toEqual(['transactions']);
    expect(plaid.consented_products).not.toContain('investments');
    expect(plaid.available_products).not.toContain('investments');

    // A later sync leaves it so: the syncer of a product the Item lacks is not run.
    const [again] = (await call<{ results: { status: string }[] }>(core, 'sync.run', { itemId })).results;
    expect(again?.status).toBe('ok');
    expect((await itemOf(core, itemId)).health).toBe('ok');
  }, 180_000);
});

describe('adding a product later', () => {
  it('a consented product is added by calling its endpoint, with no Link', async () => {
    const { core, dataDir } = await suite.freshCore();
    const itemId = await linkWith(core, FIRST_PLATYPUS, ['identity']);
    const [created] = (await requests(suite.admin, '/link/token/create')).slice(-1);
    expect(created).toMatchObject({
      products: ['transactions'],
      additional_consented_products: ['identity'],
    });
    const token = await accessTokenOf(dataDir, itemId);
    const before = await plaidItem(suite.admin, token);
    expect(before.consented_products).toContain('identity');
    expect(before.products).not.toContain('identity');

    let presented = 0;
    core.setLinkPresenter(() => {
      presented++;
      throw new Error('Link must not open for a consented product');
    });
    const plan = await call<{ path: string; message: string }>(core, 'items.productPath', {
      itemId,
      product: 'identity',
    });
    expect(plan.path).toBe('call');
    expect(plan.message).toMatch(/without Plaid Link/);
    const added = await call<{ path: string; product: { status: string } }>(core, 'items.addProduct', {
      itemId,
      product: 'identity',
    });
    expect(added).toMatchObject({ path: 'call', linkStatus: null, product: { status: 'ready' } });
    expect(presented).toBe(0);
    expect((await plaidItem(suite.admin, token)).products).toContain('identity');
    expect(statuses(await itemOf(core, itemId)).identity).toBe('ready');
  }, 180_000);

  it('one without consent answers ADDITIONAL_CONSENT_REQUIRED until update mode in Link grants it, then works', async () => {
    const { core, dataDir } = await suite.freshCore();
    const itemId = await linkWith(core, FIRST_PLATYPUS, []);
    const token = await accessTokenOf(dataDir, itemId);
    const exchanges = (await requests(suite.admin, '/item/public_token/exchange')).length;

    await expect(suite.admin.request('POST', '/identity/get', { access_token: token })).rejects.toThrow(
      /ADDITIONAL_CONSENT_REQUIRED/,
    );
    const before = await plaidItem(suite.admin, token);
    expect(before.consented_products).not.toContain('identity');
    expect(before.available_products).toContain('identity');

    const plan = await call<{ path: string }>(core, 'items.productPath', { itemId, product: 'identity' });
    expect(plan.path).toBe('update_mode');
    expect(statuses(await itemOf(core, itemId)).identity).toBe('needs_consent');
    expect((await itemOf(core, itemId)).health).toBe('ok');

    const added = await call(core, 'items.addProduct', { itemId, product: 'identity' });
    expect(added).toMatchObject({ path: 'update_mode', linkStatus: 'updated', product: { status: 'ready' } });
    const [update] = (await requests(suite.admin, '/link/token/create')).slice(-1);
    expect(update).toMatchObject({
      access_token: expect.any(String),
      additional_consented_products: ['identity'],
    });
    expect(update?.products).toBeUndefined();
    // Update mode keeps the Item's token: nothing was exchanged again.
    expect(await requests(suite.admin, '/item/public_token/exchange')).toHaveLength(exchanges);

    const after = await plaidItem(suite.admin, token);
    expect(after.consented_products).toContain('identity');
    expect(after.products).toContain('identity');
    await expect(suite.admin.request('POST', '/identity/get', { access_token: token })).resolves.toBeTruthy();
    expect(await itemOf(core, itemId)).toMatchObject({ health: 'ok' });
  }, 180_000);
});
