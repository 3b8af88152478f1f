/**
 * Issue 12 end to end in the browser host against a separately started `coffer sim`: the user
 * chooses what to connect before Link (Link is asked for them as Plaid's lists say), sees each
 * product's status in the accounts panel, and adds products later both ways — one already
 * consented is added with no Link, one without consent after update mode in Link.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/api';
import {
  continueUntilLinkCloses,
  linkFirstPlatypus,
  linkUi,
  logInAsGoodUser,
  waitUntil,
} from './support/browser';
import { e2eHarness } from './support/harness';

const e2e = e2eHarness('products');

const productStatus = (page: Page, product: string) =>
  page.getByTestId('item-products').locator(`li[data-product="${product}"]`).getAttribute('data-status');

async function addProduct(page: Page, label: string, expected: RegExp): Promise<void> {
  await page.getByLabel('Add a product').selectOption({ label });
  await page.getByRole('button', { name: 'Add…' }).click();
  const plan = page.getByTestId('product-plan');
  await waitUntil('the plan to show', () => plan.isVisible());
  expect(await plan.textContent()).toMatch(expected);
}

describe('products in the browser host', () => {
  it('chosen at Link, shown with their status, and added later with and without Link', async () => {
    const { url: simUrl, admin } = await e2e.sim(5);
    const { url, api } = await e2e.serve(simUrl);
    const page = await e2e.browser.newPage();
    await page.goto(url);

    // Choose: investments (synced data) and identity (on demand), with a line on each.
    const choice = page.getByTestId('product-choice').first();
    await choice.locator('summary').click();
    expect(await choice.textContent()).toMatch(/Plaid bills each product to your own Plaid account/);
    await choice.getByRole('checkbox', { name: /^Investments/ }).check();
    await choice.getByRole('checkbox', { name: /^Identity/ }).check();
    expect(await choice.getByRole('checkbox', { name: /^Transactions/ }).isDisabled()).toBe(true);
    await linkFirstPlatypus(page);

    const { requests } = await admin<{ requests: Record<string, { body: Record<string, unknown> }[]> }>(
      'GET',
      '/__sim/requests',
    );
    expect(requests['/link/token/create']?.[0]?.body).toMatchObject({
      products: ['transactions'],
      optional_products: ['investments'],
      additional_consented_products: ['identity'],
    });
    const [item] = (await api<{ items: Item[] }>('items.list')).items;
    const token = (await e2e.accessToken(item!.id))!;
    await waitUntil(
      'the statuses to show',
      async () => (await productStatus(page, 'investments')) === 'ready',
    );
    expect(await productStatus(page, 'transactions')).toBe('ready');
    expect(await productStatus(page, 'identity')).toBe('ready');
    const itemGet = () =>
      admin<{ item: { products: string[]; consented_products: string[] } }>('POST', '/item/get', {
        access_token: token,
      });
    expect((await itemGet()).item.products).not.toContain('identity');

    // Consented already: added by its call, no Link.
    await addProduct(page, 'Identity', /without Plaid Link/);
    await page.getByRole('button', { name: 'Add Identity' }).click();
    await waitUntil('identity to be added', async () =>
      /Identity: ready/.test((await page.getByTestId('product-result').textContent()) ?? ''),
    );
    expect(await page.locator('#link-overlay').count()).toBe(0);
    expect((await itemGet()).item.products).toContain('identity');

    // Not consented: Link's update mode first, then the call.
    expect((await itemGet()).item.consented_products).not.toContain('auth');
    await addProduct(page, 'Auth', /needs your consent/);
    await page.getByRole('button', { name: 'Open Plaid Link' }).click();
    const ui = linkUi(page);
    await logInAsGoodUser(ui);
    await continueUntilLinkCloses(page, 'update-mode Link to finish');
    await waitUntil('auth to be added', async () =>
      /Auth: ready/.test((await page.getByTestId('product-result').textContent()) ?? ''),
    );
    expect(await productStatus(page, 'auth')).toBe('ready');
    const after = (await itemGet()).item;
    expect(after.consented_products).toContain('auth');
    expect(after.products).toContain('auth');
    // Update mode exchanged nothing: the Item kept its token.
    expect((await e2e.accessToken(item!.id))!).toBe(token);
    expect((await api<{ items: Item[] }>('items.list')).items).toHaveLength(1);
  }, 240_000);
});
