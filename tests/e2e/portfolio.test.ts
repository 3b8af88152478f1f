/**
 * Issue 13's end-to-end acceptance in the browser host against a separately started `coffer sim`:
 * the demo brokerage linked with Investments chosen, the Portfolio view shows every holding of each
 * account as the simulator's truth has it (the `CUR:USD` position as the cash row), the allocation
 * table adds up to the holdings, and the value history's chart and table show the truth's
 * valuation on the snapshot day.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/api';
import { formatMoney, toMinor } from '../../src/shared/money';
import { linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { e2eHarness } from './support/harness';
import { clickView } from './support/shell';

const e2e = e2eHarness('portfolio');

interface TruthHoldings {
  accounts: { account_id: string; name: string; type: string }[];
  holdings: {
    account_id: string;
    security_id: string;
    quantity: number;
    institution_price: number;
    institution_value: number;
  }[];
  securities: { security_id: string; ticker_symbol: string | null }[];
}
interface TruthValuations {
  accounts: { account_id: string; valuations: { date: string; value: number }[] }[];
}

/** Each row of the holdings table shown: its security, account, value and quantity cell. */
async function shownHoldings(page: Page) {
  return page.getByTestId('holdings-table').evaluate((table) =>
    Array.from(table.querySelectorAll('tbody tr')).map((tr) => ({
      kind: tr.getAttribute('data-testid'),
      securityId: tr.getAttribute('data-security-id'),
      valueMinor: Number(tr.getAttribute('data-value-minor')),
      quantity: tr.querySelector('[data-testid="holding-quantity"]')?.textContent ?? '',
      value: tr.querySelector('[data-testid="holding-value"]')?.textContent ?? '',
    })),
  );
}

describe('Portfolio in the browser host', () => {
  it(
    "shows the demo brokerage's holdings as the simulator has them, their allocation and value history",
    { timeout: 4 * LONG },
    async () => {
      const { url: simUrl, admin } = await e2e.sim(11);
      const { url, api } = await e2e.serve(simUrl);
      const page = await e2e.browser.newPage();
      await page.goto(url);

      const choice = page.getByTestId('product-choice').first();
      await choice.locator('summary').click();
      await choice.getByRole('checkbox', { name: /^Investments/ }).check();
      await linkFirstPlatypus(page);
      const [item] = (await api<{ items: Item[] }>('items.list')).items;
      const q = `?item_id=${encodeURIComponent(item!.id)}`;
      const truth = await admin<TruthHoldings>('GET', `/__sim/truth/holdings${q}`);
      const cashIds = new Set(
        truth.securities.filter((s) => s.ticker_symbol?.startsWith('CUR:')).map((s) => s.security_id),
      );
      const investmentAccounts = [...new Set(truth.holdings.map((h) => h.account_id))];
      expect(investmentAccounts.length).toBeGreaterThan(0);

      await clickView(page, 'Portfolio');
      await page.getByTestId('holdings-table').waitFor({ timeout: LONG });

      // Each account's holdings, one row each, equal to the truth; the cash position is the cash row.
      for (const accountId of investmentAccounts) {
        await page.getByLabel('Holdings of', { exact: true }).selectOption(accountId);
        const expected = truth.holdings
          .filter((h) => h.account_id === accountId)
          .map((h) => ({
            kind: cashIds.has(h.security_id) ? 'holding-cash' : 'holding',
            securityId: h.security_id,
            valueMinor: toMinor(h.institution_value, 'USD'),
            value: formatMoney(toMinor(h.institution_value, 'USD'), 'USD'),
          }))
          .sort((a, b) => (a.securityId < b.securityId ? -1 : 1));
        await waitUntil(`the holdings of ${accountId}`, async () => {
          const shown = await shownHoldings(page);
          return (
            JSON.stringify(
              shown
                .map(({ kind, securityId, valueMinor, value }) => ({ kind, securityId, valueMinor, value }))
                .sort((a, b) => ((a.securityId ?? '') < (b.securityId ?? '') ? -1 : 1)),
            ) === JSON.stringify(expected)
          );
        });
        const shown = await shownHoldings(page);
        expect(shown.filter((h) => h.kind === 'holding-cash')).toHaveLength(
          expected.filter((h) => h.kind === 'holding-cash').length,
        );
        for (const h of shown.filter((r) => r.kind === 'holding')) {
          const t = truth.holdings.find((x) => x.account_id === accountId && x.security_id === h.securityId)!;
          expect(Number(h.quantity.replace(/,/g, ''))).toBeCloseTo(t.quantity, 6);
        }
        const total = expected.reduce((s, h) => s + h.valueMinor, 0);
        expect(await page.getByTestId('holdings-total-value').first().textContent()).toBe(
          formatMoney(total, 'USD'),
        );
      }
      expect(
        truth.holdings.some((h) => cashIds.has(h.security_id)),
        'the demo brokerage holds cash',
      ).toBe(true);

      // The allocation tables add up to the holdings: by account, each account's total.
      const byAccount = page.locator('[data-testid="allocation"][data-dimension="byAccount"]');
      const rows = await byAccount.getByTestId('allocation-row').evaluateAll((trs) =>
        trs.map((tr) => ({
          key: tr.getAttribute('data-key'),
          valueMinor: Number(tr.getAttribute('data-value-minor')),
        })),
      );
      expect(rows.sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1))).toEqual(
        investmentAccounts.sort().map((accountId) => ({
          key: accountId,
          valueMinor: truth.holdings
            .filter((h) => h.account_id === accountId)
            .reduce((s, h) => s + toMinor(h.institution_value, 'USD'), 0),
        })),
      );
      const byType = page.locator('[data-testid="allocation"][data-dimension="byType"]');
      const typeTotal = (
        await byType
          .getByTestId('allocation-row')
          .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-value-minor'))))
      ).reduce((s, v) => s + v, 0);
      expect(typeTotal).toBe(truth.holdings.reduce((s, h) => s + toMinor(h.institution_value, 'USD'), 0));
      expect(await byType.getByRole('cell', { name: 'Cash', exact: true }).count()).toBe(1);

      // Value history: the chart is drawn, and the table's snapshot day equals the truth's valuation.
      const valuations = await admin<TruthValuations>('GET', `/__sim/truth/valuations${q}`);
      const history = page.getByTestId('value-history');
      await history.getByTestId('history-chart').locator('svg path').first().waitFor({ timeout: LONG });
      await history.getByText(/^Numbers as a table/).click();
      for (const account of valuations.accounts) {
        await history
          .getByLabel('Value history of', { exact: true })
          .selectOption(`${account.account_id}:USD`);
        const table = history.getByTestId('history-table');
        const snapshots = await table
          .locator('[data-testid="history-row"][data-estimated="false"]')
          .evaluateAll((trs) =>
            trs.map((tr) => ({
              date: tr.getAttribute('data-date')!,
              valueMinor: Number(tr.getAttribute('data-value-minor')),
            })),
          );
        expect(snapshots.length).toBeGreaterThan(0);
        const truthOn = new Map(account.valuations.map((v) => [v.date, toMinor(v.value, 'USD')]));
        for (const s of snapshots)
          expect(s.valueMinor, `${account.account_id} ${s.date}`).toBe(truthOn.get(s.date));
        // Reconstructed days before the first snapshot are there, and named as estimated.
        expect(
          await table.locator('[data-testid="history-row"][data-estimated="true"]').count(),
        ).toBeGreaterThan(300);
      }
      expect(await history.getByTestId('history-estimated').textContent()).toMatch(/^Estimated \(dashed\)/);

      // Returns: every cell is a figure, an estimate or "Unavailable", never an empty 0%.
      const cells = page.getByTestId('return-cell');
      expect(await cells.count()).toBeGreaterThan(0);
      for (const text of await cells.allTextContents()) expect(text).toMatch(/Time-weighted|Unavailable/);

      // Investment transactions: filtered by type, the yearly totals follow.
      const txns = page.getByTestId('investment-transaction');
      await txns.first().waitFor({ timeout: LONG });
      await page
        .getByRole('group', { name: 'Filter investment transactions' })
        .getByLabel('Type', { exact: true })
        .selectOption('fee');
      await waitUntil('only fees to show', async () => {
        const kinds = await txns.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
        return kinds.length > 0 && kinds.every((k) => k === 'fee');
      });
    },
  );
});
