/**
 * Issue 16's end-to-end acceptance for bank income in the browser host against `coffer sim`: a bank
 * linked without Income gets it from the Income view through Link's update mode (Plaid adds Income
 * only that way, with the user's token), and the view then shows the income sources Plaid's bank
 * income report names, the salary paid every two weeks among them, with their totals.
 */
import { describe, expect, it } from 'vitest';
import type { BankIncome } from '../../src/shared/contract/income';
import { formatMoney } from '../../src/shared/money';
import { finishUpdateModeLink, linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { e2eHarness } from './support/harness';

const e2e = e2eHarness('income');

describe('Income in the browser host', () => {
  it(
    'adds Income to a bank that lacked it and shows its sources, pay frequency and totals',
    { timeout: 5 * LONG },
    async () => {
      const { url: simUrl } = await e2e.sim(7);
      const { url, api } = await e2e.serve(simUrl);
      const page = await e2e.browser.newPage();
      await page.goto(url);
      await linkFirstPlatypus(page);
      const income = async () => api<{ report: BankIncome | null; itemIds: string[] }>('income.get');
      expect((await income()).report).toBeNull();

      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Income', exact: true })
        .click();
      await page.getByText('No bank shares income with Coffer yet.').waitFor({ timeout: LONG });
      await page.getByRole('button', { name: 'Add Income to First Platypus Bank' }).click();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await finishUpdateModeLink(page);

      const sources = page.getByRole('table', { name: 'Income sources' });
      await sources.waitFor({ timeout: LONG });
      const { report } = await income();
      expect(report).not.toBeNull();
      const salary = report!.sources.find((s) => s.category === 'SALARY')!;
      expect(salary.payFrequency).toBe('BIWEEKLY');
      const row = sources.getByRole('row').filter({ hasText: salary.description }).first();
      await waitUntil('the salary row', async () => (await row.count()) === 1);
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells).toEqual(
        expect.arrayContaining([
          'Every two weeks',
          formatMoney(salary.totalMinor, salary.currency),
          String(salary.transactionCount),
        ]),
      );
      expect(await sources.getByRole('row').count()).toBe(report!.sources.length + 1);
      // The monthly history adds up to the total shown.
      expect(salary.history.reduce((sum, m) => sum + m.amountMinor, 0)).toBe(salary.totalMinor);
      await page.getByRole('table', { name: `Monthly history of ${salary.description}` }).waitFor();
    },
  );
});
