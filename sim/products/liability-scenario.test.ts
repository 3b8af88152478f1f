/**
 * Debts that are not paid on time: a card that carries a balance (interest charged on what it
 * carried, early, late, partial and minimum payments, late fees), an overdue card and a mortgage
 * running a payment behind, chosen by the institution or through the admin API, and consistent
 * with the transactions and balances the same Item serves.
 */
import { Products, type CreditCardLiability, type MortgageLiability } from 'plaid';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type SimHarness } from '../testing';

const TATTERSALL = 'ins_109510';
const PRODUCTS = [Products.Transactions, Products.Liabilities];

interface TruthRow {
  account_id: string;
  amount: number;
  date: string;
  authorized_date: string | null;
  pending: boolean;
  name: string;
}

let h: SimHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function debts(sim: SimHarness, token: string) {
  const { data } = await sim.plaid.liabilitiesGet({ access_token: token });
  const card = data.liabilities.credit![0]!;
  const mortgage = data.liabilities.mortgage![0]!;
  const accounts = new Map(data.accounts.map((a) => [a.account_id, a]));
  return { card, mortgage, mortgageBalance: accounts.get(mortgage.account_id)!.balances.current! };
}

async function cardRows(sim: SimHarness, itemId: string, card: CreditCardLiability): Promise<TruthRow[]> {
  const { transactions } = await sim.admin<{ transactions: TruthRow[] }>(
    'GET',
    `/__sim/truth/transactions?item_id=${itemId}`,
  );
  return transactions.filter((t) => t.account_id === card.account_id);
}

const cents = (v: number) => Math.round(v * 100);
const purchaseApr = (card: CreditCardLiability) => card.aprs.find((a) => a.apr_type === 'purchase_apr')!;

describe('liability scenarios', () => {
  it('a revolving card is charged interest on what it carried, and its statements are its transactions', async () => {
    h = await startHarness({ clock: '2026-03-15', statePath: null, seed: 11 });
    const { accessToken, itemId } = await h.linkItem({ institutionId: TATTERSALL, products: PRODUCTS });
    const february = (await debts(h, accessToken)).card;
    const apr = purchaseApr(february);
    expect(apr.balance_subject_to_apr).toBeGreaterThan(0);
    expect(apr.interest_charge_amount).toBeGreaterThan(0);
    expect(cents(apr.interest_charge_amount!)).toBe(
      Math.round((cents(apr.balance_subject_to_apr!) * 12.5) / 1200),
    );

    const rows = await cardRows(h, itemId, february);
    // The interest is a transaction on the statement's closing day.
    expect(rows).toContainEqual(
      expect.objectContaining({
        date: february.last_statement_issue_date,
        amount: apr.interest_charge_amount,
        name: 'Interest Charge on Purchases',
      }),
    );
    // Payments early, late and partial over the history, and a late fee after each late one.
    const payments = rows.filter((t) => t.name === 'Payment - Thank You');
    const dayOf = (t: TruthRow) => Number(t.date.slice(8));
    expect(payments.some((t) => dayOf(t) < 16)).toBe(true);
    expect(payments.some((t) => dayOf(t) > 20)).toBe(true);
    const fees = rows.filter((t) => t.name === 'Late Fee');
    expect(fees.length).toBeGreaterThan(0);
    for (const fee of fees) {
      expect(fee.amount).toBe(30);
      expect(dayOf(fee)).toBe(21);
    }

    // A month later: the new statement is the old one plus everything the card saw in March.
    await h.advanceClock(28);
    const march = (await debts(h, accessToken)).card;
    expect(march.last_statement_issue_date).toBe('2026-03-31');
    const inMarch = (await cardRows(h, itemId, march)).filter(
      (t) => (t.authorized_date ?? t.date).startsWith('2026-03') && !t.pending,
    );
    const moved = inMarch.reduce((s, t) => s + cents(t.amount), 0);
    expect(cents(march.last_statement_balance!) - cents(february.last_statement_balance!)).toBe(moved);
    const paid = inMarch.filter((t) => t.amount < 0).reduce((s, t) => s - cents(t.amount), 0);
    expect(paid).toBeGreaterThan(0);
    // A partial payment: some of February's statement was carried into March and charged interest.
    expect(paid).toBeLessThan(cents(february.last_statement_balance!));
    expect(cents(purchaseApr(march).balance_subject_to_apr!)).toBe(
      cents(february.last_statement_balance!) - paid,
    );
  });

  it('the admin API makes a card overdue and a mortgage past due from next month, changing nothing before', async () => {
    h = await startHarness({ clock: '2026-03-15', statePath: null, seed: 11 });
    const { accessToken, itemId } = await h.linkItem({ products: PRODUCTS });
    const before = await debts(h, accessToken);
    expect(before.card.is_overdue).toBe(false);
    expect(before.mortgage.past_due_amount).toBe(0);

    const set = await h.admin('POST', `/__sim/items/${itemId}/liabilities`, {
      card: 'overdue',
      mortgage: 'past_due',
    });
    expect(set).toMatchObject({ card: 'overdue', mortgage: 'past_due', from: '2026-04-01' });
    expect(await debts(h, accessToken)).toEqual(before);
    await expect(
      h.admin('POST', `/__sim/items/${itemId}/liabilities`, { card: 'revolving', from: '2026-03-01' }),
    ).rejects.toThrow(/month after/);

    // April 2: the mortgage's April 1 payment was missed.
    await h.advanceClock(18);
    const april = await debts(h, accessToken);
    const mortgage: MortgageLiability = april.mortgage;
    expect(mortgage.next_payment_due_date).toBe('2026-04-01');
    expect(mortgage.past_due_amount).toBe(mortgage.next_monthly_payment);
    expect(mortgage.last_payment_date).toBe('2026-03-01');
    expect(april.mortgageBalance).toBe(before.mortgageBalance);

    // The card is due on the 20th, unpaid: not overdue on the day, overdue (and charged) after it.
    await h.advanceClock(18);
    const dueDay = (await debts(h, accessToken)).card;
    expect(dueDay).toMatchObject({ next_payment_due_date: '2026-04-20', is_overdue: false });
    expect(dueDay.minimum_payment_amount).toBeGreaterThan(0);
    await h.advanceClock(1);
    const late = (await debts(h, accessToken)).card;
    expect(late).toMatchObject({ next_payment_due_date: '2026-05-20', is_overdue: true });
    expect(late.last_payment_date).toBe('2026-03-20');
    expect(await cardRows(h, itemId, late)).toContainEqual(
      expect.objectContaining({ date: '2026-04-21', amount: 30, name: 'Late Fee' }),
    );
    // Still overdue after the next statement, which carries the missed minimum.
    await h.advanceClock(15);
    const may = (await debts(h, accessToken)).card;
    expect(may.is_overdue).toBe(true);
    expect(may.minimum_payment_amount).toBeGreaterThan(dueDay.minimum_payment_amount!);
    expect(purchaseApr(may).balance_subject_to_apr).toBe(dueDay.last_statement_balance);
  });

  it('is the same again for the same seed', async () => {
    const run = async () => {
      const sim = await startHarness({ clock: '2026-03-15', statePath: null, seed: 5 });
      try {
        const { accessToken } = await sim.linkItem({ institutionId: TATTERSALL, products: PRODUCTS });
        const { card, mortgage } = await debts(sim, accessToken);
        return { card: { ...card, account_id: '' }, mortgage: { ...mortgage, account_id: '' } };
      } finally {
        await sim.close();
      }
    };
    expect(await run()).toEqual(await run());
  });
});
