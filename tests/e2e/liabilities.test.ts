/**
 * Issue 14's end-to-end acceptance for liabilities in the browser host against a separately
 * started `coffer sim`: the Liabilities, Upcoming payments and Payoff planner views show the demo
 * bank's card, mortgage and student loan with the simulator's numbers; with the simulator's clock
 * moved to just before the card's due date a reminder is shown, and once the payment has posted
 * it is gone; a payment opens its account's transactions.
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/shared/api';
import type { Liability } from '../../src/shared/contract/liabilities';
import { formatMoney, toMinor } from '../../src/shared/money';
import { linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { e2eHarness } from './support/harness';
import { clickView } from './support/shell';

const e2e = e2eHarness('liab');

interface Truth {
  liabilities: {
    credit: {
      account_id: string;
      minimum_payment_amount: number;
      last_statement_balance: number;
      next_payment_due_date: string;
    }[];
    mortgage: { account_id: string; next_monthly_payment: number; next_payment_due_date: string }[];
    student: { account_id: string; minimum_payment_amount: number; next_payment_due_date: string }[];
  };
}

const usd = (amount: number) => formatMoney(toMinor(amount, 'USD'), 'USD');
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

describe('Liabilities in the browser host', () => {
  it(
    "shows the demo bank's debts as the simulator has them, reminds before the card's due date and not after it is paid",
    { timeout: 5 * LONG },
    async () => {
      const { url: simUrl, admin } = await e2e.sim(7);
      const { url, api } = await e2e.serve(simUrl);
      const page = await e2e.browser.newPage();
      await page.goto(url);
      const choice = page.getByTestId('product-choice').first();
      await choice.locator('summary').click();
      await choice.getByRole('checkbox', { name: /^Liabilities/ }).check();
      await linkFirstPlatypus(page);
      await waitUntil(
        'the debts to sync',
        async () => (await api<{ liabilities: Liability[] }>('liabilities.list')).liabilities.length === 3,
      );
      const { items } = await api<{ items: Item[] }>('items.list');
      const itemId = items[0]!.id;
      const truth = () => admin<Truth>('GET', `/__sim/truth/liabilities?item_id=${itemId}`);
      const { credit, mortgage, student } = (await truth()).liabilities;
      const card = credit[0]!;

      // Liabilities: one section per debt, with the bank's figures.
      await clickView(page, 'Liabilities');
      const sections = page.getByTestId('liability');
      await waitUntil('the three debts', async () => (await sections.count()) === 3);
      const { liabilities } = await api<{ liabilities: Liability[] }>('liabilities.list');
      const section = (accountId: string) => {
        const l = liabilities.find((x) => x.accountId === accountId)!;
        return page.getByRole('region', { name: `${l.institutionName} ${l.accountName}` });
      };
      const cardText = await section(card.account_id).textContent();
      expect(cardText).toContain(usd(card.minimum_payment_amount));
      expect(cardText).toContain(usd(card.last_statement_balance));
      expect(await section(mortgage[0]!.account_id).textContent()).toContain(
        usd(mortgage[0]!.next_monthly_payment),
      );
      expect(await section(student[0]!.account_id).textContent()).toContain(
        usd(student[0]!.minimum_payment_amount),
      );
      for (const l of liabilities)
        await expect(section(l.accountId).getByTestId('liability-balance').textContent()).resolves.toBe(
          formatMoney(l.balanceMinor!, l.currency),
        );

      // Upcoming payments: every due date, soonest first, with what is due.
      await clickView(page, 'Upcoming payments');
      const rows = page.getByTestId('upcoming-payment');
      await waitUntil('three upcoming payments', async () => (await rows.count()) === 3);
      expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-kind')))).toEqual(
        [
          { kind: 'credit', due: card.next_payment_due_date },
          { kind: 'mortgage', due: mortgage[0]!.next_payment_due_date },
          { kind: 'student', due: student[0]!.next_payment_due_date },
        ]
          .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))
          .map((p) => p.kind),
      );
      const cardRow = page.locator('[data-testid="upcoming-payment"][data-kind="credit"]');
      expect(await cardRow.textContent()).toContain(usd(card.minimum_payment_amount));

      // Payoff planner: the three debts with their balances, two strategies.
      await clickView(page, 'Payoff planner');
      const debts = page.getByTestId('payoff-debts');
      await debts.waitFor({ timeout: LONG });
      const debtsText = await debts.textContent();
      for (const l of liabilities) expect(debtsText).toContain(formatMoney(l.balanceMinor!, l.currency));
      await page.getByLabel('Monthly budget').fill('10,000');
      await page.getByRole('button', { name: 'Plan', exact: true }).click();
      const summary = page.getByTestId('payoff-summary');
      await summary.waitFor({ timeout: LONG });
      expect(await summary.textContent()).toMatch(/avalanche/i);
      expect(await summary.textContent()).toMatch(/snowball/i);

      // The bank's clock moves to two days before the card's due date: a reminder.
      const clock = await admin<{ today: string }>('GET', '/__sim/clock');
      const toReminder = days(clock.today, card.next_payment_due_date) - 2;
      if (toReminder > 0) await admin('POST', '/__sim/clock/advance', { days: toReminder });
      await api('sync.run', { itemId });
      await clickView(page, 'Upcoming payments');
      const reminder = page.locator(`[data-testid="reminder"][data-account="${card.account_id}"]`);
      await reminder.waitFor({ timeout: LONG });
      expect(await reminder.textContent()).toMatch(/due in [23] days/);
      expect(await cardRow.getAttribute('data-state')).toBe('due-soon');

      // The due date comes, the household pays the statement: the reminder goes, the payment shows paid.
      await admin('POST', '/__sim/clock/advance', { days: 2 });
      await api('sync.run', { itemId });
      await clickView(page, 'Liabilities');
      await clickView(page, 'Upcoming payments');
      await waitUntil(
        'the card to show paid',
        async () => (await cardRow.getAttribute('data-state')) === 'paid',
      );
      expect(await reminder.count()).toBe(0);

      // A payment opens its account's transactions.
      await cardRow.getByRole('button').click();
      await waitUntil(
        'the Transactions view to open',
        async () =>
          (await page
            .getByRole('navigation', { name: 'Views' })
            .getByRole('button', { name: 'Transactions', exact: true })
            .getAttribute('aria-current')) === 'page',
      );
      await waitUntil('the card payment to be listed', async () =>
        (await page.locator('body').textContent())!.includes('Payment - Thank You'),
      );
    },
  );
});
