/**
 * Issue 4's end-to-end acceptance in the browser host against a separately started `coffer sim`:
 * a login reset at the bank (`/sandbox/item/reset_login`) shows a banner on the next sync; its
 * Reconnect button opens Link in update mode, where user_good/pass_good repairs the Item; the
 * banner clears and the sync catches up with everything that happened meanwhile. Then the Item is
 * removed from the window, and nothing of it is left in the keychain.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/api';
import {
  continueUntilLinkCloses,
  linkFirstPlatypus,
  linkUi,
  logInAsGoodUser,
  LONG,
  waitUntil,
} from './support/browser';
import { e2eHarness } from './support/harness';

const e2e = e2eHarness('health');

const clickLinkSteps = (page: Page) => continueUntilLinkCloses(page, 'update-mode Link to finish');

describe('Item health in the browser host', () => {
  it('reset_login → banner → Reconnect in update mode → banner clears and the sync catches up; then Remove', async () => {
    const { url: simUrl, admin } = await e2e.sim(4);
    const { url, api } = await e2e.serve(simUrl);
    const page = await e2e.browser.newPage();
    await page.goto(url);
    await linkFirstPlatypus(page);

    const [linked] = (await api<{ items: Item[] }>('items.list')).items;
    expect(linked.health).toBe('ok');
    const accessToken = await e2e.accessToken(linked.id);
    expect(accessToken).toBeTruthy();
    const truthCount = async () =>
      (
        await admin<{ transactions: unknown[] }>(
          'GET',
          `/__sim/truth/transactions?item_id=${encodeURIComponent(linked.id)}`,
        )
      ).transactions.length;
    const ledgerCount = async () => (await api<{ total: number }>('transactions.list', { limit: 1 })).total;
    await waitUntil('the first sync to land', async () => (await ledgerCount()) === (await truthCount()));

    // The bank wants a new login; meanwhile time passes and new transactions appear.
    await admin('POST', '/sandbox/item/reset_login', { access_token: accessToken });
    await admin('POST', '/__sim/clock/advance', { days: 4 });
    const banner = page.getByTestId('item-health-banner');
    expect(await banner.count()).toBe(0);

    await page.getByRole('button', { name: 'Sync now' }).click();
    await banner.waitFor({ timeout: LONG });
    expect(await banner.getAttribute('data-health')).toBe('login_required');
    expect(await banner.textContent()).toMatch(/sign in again|log ?in/i);
    const reconnect = banner.getByRole('button', { name: 'Reconnect' });
    expect(await reconnect.count()).toBe(1);
    expect(await ledgerCount()).toBeLessThan(await truthCount());

    // Update mode: the institution is chosen already; the user logs in again.
    await reconnect.click();
    const ui = linkUi(page);
    await logInAsGoodUser(ui);
    await clickLinkSteps(page);

    await waitUntil('the banner to clear', async () => (await banner.count()) === 0);
    const [repaired] = (await api<{ items: Item[] }>('items.list')).items;
    expect(repaired).toMatchObject({ id: linked.id, health: 'ok', error: null, remedy: null });
    // Update mode exchanged nothing: the same token still works, and the sync caught up.
    expect(await e2e.accessToken(linked.id)).toBe(accessToken);
    await waitUntil('the sync to catch up', async () => (await ledgerCount()) === (await truthCount()));

    // Removing it (history not kept) leaves nothing in the keychain and nothing on screen.
    await page.getByRole('button', { name: `Remove ${linked.institutionName}` }).click();
    const dialog = page.getByTestId('item-remove');
    await dialog.getByLabel('Keep its accounts and transactions').uncheck();
    await dialog.getByRole('button', { name: 'Remove connection' }).click();
    await waitUntil(
      'the Item to go',
      async () => (await api<{ items: Item[] }>('items.list')).items.length === 0,
    );
    expect(await e2e.accessToken(linked.id)).toBeNull();
    expect(await ledgerCount()).toBe(0);
    await waitUntil('the empty state', async () => (await page.getByTestId('empty-state').count()) === 1);
  }, 300_000);
});
