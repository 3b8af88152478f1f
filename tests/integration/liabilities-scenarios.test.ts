/**
 * Debts not paid on time, through the app: a bank whose card carries a balance and whose mortgage
 * runs a payment behind syncs into the ledger exactly as the simulator reports them, and Upcoming
 * payments shows the mortgage overdue.
 */
import { describe, expect, it } from 'vitest';
import type { Liability, UpcomingPayment } from '../../src/shared/contract/liabilities';
import { toMinor } from '../../src/shared/money';
import { call, simulatorSuite } from './helpers';

const TATTERSALL = 'ins_109510';
const suite = simulatorSuite();

interface Truth {
  liabilities: {
    credit: {
      account_id: string;
      is_overdue: boolean;
      last_statement_balance: number;
      aprs: { apr_type: string; balance_subject_to_apr: number; interest_charge_amount: number }[];
    }[];
    mortgage: { account_id: string; past_due_amount: number; next_payment_due_date: string }[];
  };
}

describe('liabilities not paid on time', () => {
  it(
    'a revolving card and a mortgage a payment behind are held as the simulator reports them',
    { timeout: 120_000 },
    async () => {
      const { core } = await suite.freshCore();
      const outcome = await core.linkSandboxItem(TATTERSALL, ['liabilities']);
      if (outcome.status !== 'linked') throw new Error('expected a linked Item');
      const truth = (await suite.admin.request(
        'GET',
        `/__sim/truth/liabilities?item_id=${outcome.itemId}`,
      )) as Truth;
      const { liabilities } = await call<{ liabilities: Liability[] }>(core, 'liabilities.list');

      const card = truth.liabilities.credit[0]!;
      const heldCard = liabilities.find((l) => l.accountId === card.account_id)!;
      const purchase = card.aprs.find((a) => a.apr_type === 'purchase_apr')!;
      expect(purchase.interest_charge_amount).toBeGreaterThan(0);
      expect(heldCard.lastStatementBalanceMinor).toBe(toMinor(card.last_statement_balance, 'USD'));
      expect(heldCard.isOverdue).toBe(card.is_overdue);
      expect(heldCard.detail.kind === 'credit' && heldCard.detail.aprs).toContainEqual(
        expect.objectContaining({
          type: 'purchase_apr',
          balanceSubjectMinor: toMinor(purchase.balance_subject_to_apr, 'USD'),
          interestChargeMinor: toMinor(purchase.interest_charge_amount, 'USD'),
        }),
      );

      const mortgage = truth.liabilities.mortgage[0]!;
      expect(mortgage.past_due_amount).toBeGreaterThan(0);
      const heldMortgage = liabilities.find((l) => l.accountId === mortgage.account_id)!;
      expect(heldMortgage).toMatchObject({
        isOverdue: true,
        nextPaymentDueDate: mortgage.next_payment_due_date,
      });
      expect(heldMortgage.detail.kind === 'mortgage' && heldMortgage.detail.pastDueMinor).toBe(
        toMinor(mortgage.past_due_amount, 'USD'),
      );
      const { payments } = await call<{ payments: UpcomingPayment[] }>(core, 'liabilities.upcoming');
      expect(payments.find((p) => p.accountId === mortgage.account_id)?.state).toBe('overdue');
    },
  );
});
