/**
 * Issue 16's end-to-end acceptance for Auth and Identity in the browser host against a separately
 * started `coffer sim` (demo mode): an Item linked without either product gets each through Link's
 * update mode from the view that needs it; the account number is absent from the page until
 * Reveal, shown and copied then, and gone again 30 s later (the page's clock is Playwright's, moved
 * forward rather than waited for); it is in no log, event, file or ledger table afterwards. The
 * owners come from the bank and the ownership check answers the user's name.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/api';
import { openLedgerDb } from '../support/ledger-file';
import { cellsContaining, tableCount } from '../support/ledger-scan';
import {
  continueUntilLinkCloses,
  linkFirstPlatypus,
  linkUi,
  logInAsGoodUser,
  LONG,
  waitUntil,
} from './support/browser';
import { leaksInDir } from './support/secrets-scan';
import { e2eHarness } from './support/harness';
import { clickView } from './support/shell';

const e2e = e2eHarness('auth');

/** Adds a product the Item has no consent for: the plan, then Link's update mode with the good login. */
async function addThroughLink(page: Page, product: 'auth' | 'identity', label: string): Promise<void> {
  const prompt = page.getByTestId(`add-${product}`);
  await prompt.getByRole('button', { name: `Add ${label}…` }).click();
  const plan = prompt.getByTestId('product-plan');
  await waitUntil('the plan to show', () => plan.isVisible());
  expect(await plan.textContent()).toMatch(new RegExp(`${label} needs your consent`));
  await plan.getByRole('button', { name: 'Open Plaid Link' }).click();
  const ui = linkUi(page);
  await logInAsGoodUser(ui);
  await continueUntilLinkCloses(page, `update mode for ${label}`);
}

/** Everything the host sends on its event stream while the test runs. */
function recordEvents(printedUrl: string) {
  const url = new URL(printedUrl);
  const abort = new AbortController();
  let text = '';
  const done = (async () => {
    const res = await fetch(`${url.origin}/api/events`, {
      headers: { Authorization: `Bearer ${url.hash.replace('#token=', '')}` },
      signal: abort.signal,
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk);
  })().catch(() => undefined);
  return {
    text: () => text,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

describe('Auth and Identity in the browser host', () => {
  it(
    'adds each to an Item that lacked it, reveals the numbers for 30 s only, and checks ownership',
    { timeout: 5 * LONG },
    async () => {
      const { url: simUrl, admin } = await e2e.sim(11);
      const { host, url, api } = await e2e.serve(simUrl);
      const events = recordEvents(url);
      const context = await e2e.browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
      const page = await context.newPage();
      await page.clock.install();
      await page.goto(url);
      await linkFirstPlatypus(page);
      const [item] = (await api<{ items: Item[] }>('items.list')).items;
      expect(item!.products.map((p) => p.product)).not.toContain('auth');

      // Auth: the view says it is missing and adds it through update mode.
      await clickView(page, 'Account numbers');
      await addThroughLink(page, 'auth', 'Auth');
      const rows = page.getByTestId('account-numbers');
      await waitUntil('the deposit accounts to show', async () => (await rows.count()) === 2);

      const token = (await e2e.accessToken(item!.id))!;
      const truth = await admin<{
        numbers: { ach: { account_id: string; account: string; routing: string }[] };
      }>('POST', '/auth/get', { access_token: token });
      const numbers = truth.numbers.ach.map((n) => n.account);
      expect(numbers).toHaveLength(2);
      const inPage = async () => {
        const html = await page.content();
        return numbers.filter((n) => html.includes(n));
      };
      expect(await inPage()).toEqual([]);

      const checking = truth.numbers.ach[0]!;
      const row = page.locator(`[data-testid="account-numbers"][data-account-id="${checking.account_id}"]`);
      expect(await row.getByTestId('masked-number').textContent()).toBe(`•••• ${checking.account.slice(-4)}`);
      await row.getByRole('button', { name: /^Reveal the numbers of / }).click();
      const revealed = row.getByTestId('revealed-numbers');
      await revealed.waitFor({ timeout: LONG });
      expect(await revealed.textContent()).toContain(checking.account);
      expect(await revealed.textContent()).toContain(checking.routing);
      expect(await inPage()).toEqual([checking.account]);

      await revealed.getByRole('button', { name: /^Copy Account number of / }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(checking.account);

      await page.clock.fastForward(29_000);
      expect(await revealed.isVisible()).toBe(true);
      await page.clock.fastForward(1_500);
      await waitUntil('the numbers to hide again', async () => !(await revealed.isVisible()));
      expect(await inPage()).toEqual([]);
      expect(await row.getByTestId('masked-number').isVisible()).toBe(true);

      // Identity: the same path, then the owners and the check against the user's name.
      await clickView(page, 'Owners');
      await addThroughLink(page, 'identity', 'Identity');
      const owners = page.getByTestId('owner-row');
      await waitUntil('the owners to show', async () => (await owners.count()) > 0);
      const plaidOwners = await admin<{ accounts: { owners: { names: string[] }[] }[] }>(
        'POST',
        '/identity/get',
        { access_token: token },
      );
      const holder = plaidOwners.accounts[0]!.owners[0]!.names[0]!;
      expect(await owners.first().textContent()).toContain(holder);
      const [first, , last] = holder.split(' ');
      const form = page.getByRole('form', { name: 'Your name and address' });
      await form.getByLabel('Your name').fill(`${first} ${last}`);
      await form.getByRole('button', { name: 'Save and check' }).click();
      const results = page.getByTestId('ownership-result');
      await waitUntil(
        'every account to match',
        async () =>
          (await results.count()) === (await owners.count()) &&
          (await results.evaluateAll((cells) =>
            cells.every((c) => c.getAttribute('data-result') === 'match'),
          )),
      );
      await form.getByLabel('Your name').fill('Zebulon Quartermaine');
      await form.getByRole('button', { name: 'Save and check' }).click();
      await waitUntil('every account to mismatch', async () =>
        results.evaluateAll((cells) => cells.every((c) => c.getAttribute('data-result') === 'mismatch')),
      );
      expect(await results.first().textContent()).toMatch(/^Mismatch/);

      await page.close();
      await context.close();
      await events.stop();
      await Promise.all(e2e.processes.map((p) => p.stop()));

      expect(events.text()).toMatch(/ledger\.changed/);
      for (const n of numbers) expect(events.text().includes(n)).toBe(false);
      expect(host.stdout().includes(checking.account) || host.stderr().includes(checking.account)).toBe(
        false,
      );
      expect(leaksInDir(e2e.dataDir, numbers)).toEqual([]);
      const db = openLedgerDb(e2e.dataDir);
      try {
        expect(tableCount(db)).toBeGreaterThan(20);
        expect(cellsContaining(db, holder)).toContain('raw_snapshots.response_json');
        for (const n of numbers) expect(cellsContaining(db, n)).toEqual([]);
      } finally {
        db.close();
      }
    },
  );
});
