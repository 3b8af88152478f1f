/**
 * Issue 17's notifications end to end in the browser host against `coffer sim`: with system
 * notifications allowed in the browser, a bank asking for a new login raises one notification
 * (shown by the web Notification API and in the app's tray), clicking it opens the view that
 * fixes it; a longer reminder window in Settings raises the card's "payment due"; a kind turned
 * off raises nothing; and what was not opened is still listed after the app restarts.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/api';
import type { AppNotification } from '../../src/shared/contract/notifications';
import { linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { e2eHarness } from './support/harness';

const e2e = e2eHarness('notify');

/** A page whose system notifications are allowed and recorded as the page creates them. */
async function recordingPage(context: BrowserContext, url: string): Promise<Page> {
  await context.grantPermissions(['notifications'], { origin: new URL(url).origin });
  await context.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body: string | undefined }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    window.Notification = Recording;
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const shownBy = (page: Page) =>
  page.evaluate(() => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications);

describe('Notifications in the browser host', () => {
  it(
    'raise once, show as system notifications and in the tray, open their view, follow settings, and survive a restart',
    { timeout: 5 * LONG },
    async () => {
      const { url: simUrl, admin } = await e2e.sim(11);
      const first = await e2e.serve(simUrl);
      const context = await e2e.browser.newContext();
      const page = await recordingPage(context, first.url);
      expect(await page.evaluate(() => Notification.permission)).toBe('granted');

      const choice = page.getByTestId('product-choice').first();
      await choice.locator('summary').click();
      await choice.getByRole('checkbox', { name: /^Liabilities/ }).check();
      await linkFirstPlatypus(page);
      const [linked] = (await first.api<{ items: Item[] }>('items.list')).items;
      const tray = page.getByTestId('notification-tray');

      // The bank wants a new login: the next sync finds out, and one notification says so.
      const accessToken = await e2e.accessToken(linked!.id);
      await admin('POST', '/sandbox/item/reset_login', { access_token: accessToken });
      await page.getByRole('button', { name: 'Sync now' }).click();
      await tray.waitFor({ timeout: LONG });
      const reauth = tray.locator('li[data-kind="reauth-needed"]');
      expect(await reauth.textContent()).toContain(`${linked!.institutionName} needs you to sign in again`);
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByTestId('item-health-banner').waitFor({ timeout: LONG });
      expect(await tray.locator('li').count()).toBe(1);
      expect(await shownBy(page)).toEqual([
        expect.objectContaining({ title: `${linked!.institutionName} needs you to sign in again` }),
      ]);

      // Opening it shows the view with the Item's banner and its Reconnect, and it is seen.
      await reauth.getByRole('button').first().click();
      await waitUntil('the tray to empty', async () => (await tray.count()) === 0);
      expect(
        await page.getByTestId('item-health-banner').getByRole('button', { name: 'Reconnect' }).count(),
      ).toBe(1);
      const unseen = async (api: typeof first.api) =>
        (await api<{ notifications: AppNotification[] }>('notifications.list', { unseenOnly: true }))
          .notifications;
      // The tray empties at the click; the host records it as seen when the call arrives.
      await waitUntil('the host to mark it seen', async () => (await unseen(first.api)).length === 0);

      // Settings: payment-due off, then a two-month window: nothing; on again: the card's due date.
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Settings', exact: true })
        .click();
      const paymentDue = page.getByRole('checkbox', { name: 'A card or loan payment is coming due' });
      await paymentDue.uncheck();
      await page.getByLabel('Remind me this many days before a due date').fill('60');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').waitFor();
      expect(await tray.count()).toBe(0);
      await paymentDue.check();
      await tray.locator('li[data-kind="payment-due"]').first().waitFor({ timeout: LONG });
      const due = await unseen(first.api);
      expect(due.length).toBeGreaterThan(0);
      expect(due.every((n) => n.kind === 'payment-due' && /payment due/.test(n.title))).toBe(true);
      await waitUntil(
        'the system notifications',
        async () => (await shownBy(page)).length === 1 + due.length,
      );

      // Closed and opened again: what was not opened is still there, and nothing is raised twice.
      await context.close();
      await first.host.stop();
      const second = await e2e.serve(simUrl);
      const again = await e2e.browser.newPage();
      await again.goto(second.url);
      const trayAgain = again.getByTestId('notification-tray');
      await trayAgain.waitFor({ timeout: LONG });
      expect(await trayAgain.locator('li[data-kind="payment-due"]').count()).toBe(due.length);
      expect((await unseen(second.api)).map((n) => n.id)).toEqual(due.map((n) => n.id));
      await trayAgain
        .getByRole('button', { name: due.length > 1 ? 'Dismiss all' : `Dismiss: ${due[0]!.title}` })
        .click();
      await waitUntil('the tray to empty', async () => (await trayAgain.count()) === 0);
      expect(await unseen(second.api)).toEqual([]);
    },
  );
});
