/**
 * Issue 14's end-to-end acceptance for net worth in the browser host against a separately started
 * `coffer sim`: the Net worth view shows the demo institution's accounts (checking, savings, card,
 * loans, brokerage) with the balances the accounts panel has, today's total is their sum, a house
 * entered in the form adds to it, Refresh balances asks the bank again, and an account opens.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/shared/api';
import { formatMoney } from '../../src/shared/money';
import { linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { e2eHarness } from './support/harness';
import { clickView } from './support/shell';

const e2e = e2eHarness('nw');

describe('Net worth in the browser host', () => {
  it(
    "shows the demo bank's accounts with their balances, today's total, a manual asset, and opens an account",
    { timeout: 4 * LONG },
    async () => {
      const { url: simUrl } = await e2e.sim(7);
      const { url, api } = await e2e.serve(simUrl);
      const page = await e2e.browser.newPage();
      await page.goto(url);
      await linkFirstPlatypus(page);

      await page.getByTestId('refresh-balances').first().click();
      await page.getByTestId('balances-fetched-at').first().waitFor({ timeout: LONG });

      const { accounts } = await api<{ accounts: Account[] }>('accounts.list');
      expect(accounts.map((a) => a.type)).toEqual(
        expect.arrayContaining(['depository', 'credit', 'loan', 'investment']),
      );
      await clickView(page, 'Net worth');
      const rows = page.getByTestId('net-worth-account');
      await waitUntil(
        'the breakdown to list every account',
        async () => (await rows.count()) === accounts.length,
      );
      for (const a of accounts) {
        const row = page.locator(`[data-testid="net-worth-account"][data-account-id="${a.id}"]`);
        await expect(row.getByTestId('net-worth-account-balance').textContent()).resolves.toBe(
          formatMoney(a.currentMinor!, a.currency),
        );
      }
      const owed = (a: Account) => a.type === 'credit' || a.type === 'loan';
      const total = accounts.reduce((s, a) => s + (owed(a) ? -1 : 1) * a.currentMinor!, 0);
      expect(total).not.toBe(0);
      await waitUntil(
        "today's net worth",
        async () => (await page.getByTestId('net-worth-today').textContent()) === formatMoney(total, 'USD'),
      );
      // The chart's numbers are there as a table.
      await page.getByText(/^Numbers as a table/).click();
      expect(await page.getByTestId('net-worth-table').locator('tbody tr').count()).toBeGreaterThan(300);

      const form = page.getByRole('form', { name: 'Add an asset or liability' });
      await form.getByLabel('Name').fill('House');
      await form.getByLabel('Value', { exact: true }).fill('350,000');
      await form.getByRole('button', { name: 'Add' }).click();
      await page.getByTestId('manual-asset').first().waitFor({ timeout: LONG });
      await waitUntil(
        'the house to count',
        async () =>
          (await page.getByTestId('net-worth-today').textContent()) ===
          formatMoney(total + 35_000_000, 'USD'),
      );

      const checking = accounts.find((a) => a.type === 'depository')!;
      await page
        .locator(`[data-testid="net-worth-account"][data-account-id="${checking.id}"]`)
        .getByRole('button', { name: checking.name })
        .click();
      await waitUntil(
        'the Transactions view to open',
        async () =>
          (await page
            .getByRole('navigation', { name: 'Views' })
            .getByRole('button', { name: 'Transactions', exact: true })
            .getAttribute('aria-current')) === 'page',
      );
    },
  );
});
