/** What is due and what reminds, with a fake "today" and fake posted payments. */
import { describe, expect, it } from 'vitest';
import type { Liability } from '../../../shared/contract/liabilities';
import { currentReminders } from './reminders';
import { upcomingPayments } from './upcoming';

const card: Liability = {
  accountId: 'card',
  itemId: 'item',
  institutionName: 'Bank',
  accountName: 'Card',
  mask: '1111',
  kind: 'credit',
  currency: 'USD',
  balanceMinor: 80_000,
  nextPaymentDueDate: '2026-03-20',
  amountDueMinor: 2_500,
  lastStatementBalanceMinor: 60_000,
  lastStatementIssueDate: '2026-02-28',
  lastPaymentDate: '2026-02-20',
  lastPaymentMinor: 50_000,
  isOverdue: false,
  detail: { kind: 'credit', aprs: [] },
  updatedAt: '2026-03-01T00:00:00Z',
};

function remindersOn(today: string, payments: { date: string; minor: number }[], days = [7, 3, 1]) {
  const list = upcomingPayments({
    liabilities: [card],
    today,
    dueSoonDays: Math.max(...days),
    postedSince: (_, after) =>
      payments.filter((p) => p.date > after && p.date <= today).reduce((s, p) => s + p.minor, 0),
  });
  return { payment: list[0]!, reminders: currentReminders(list, days) };
}

describe('reminders', () => {
  it('reminds 7, 3 and 1 days before by default, and at the configured days when asked', () => {
    expect(remindersOn('2026-03-12', []).reminders).toEqual([]);
    expect(remindersOn('2026-03-13', []).reminders.map((r) => r.id)).toEqual(['card:2026-03-20:7']);
    expect(remindersOn('2026-03-18', []).reminders.map((r) => r.daysBefore)).toEqual([3]);
    expect(remindersOn('2026-03-19', []).reminders.map((r) => r.daysBefore)).toEqual([1]);
    expect(remindersOn('2026-03-06', [], [14, 2]).reminders.map((r) => r.daysBefore)).toEqual([14]);
    expect(remindersOn('2026-03-17', [], [14, 2]).reminders.map((r) => r.daysBefore)).toEqual([14]);
    expect(remindersOn('2026-03-18', [], [14, 2]).reminders.map((r) => r.daysBefore)).toEqual([2]);
  });

  it('stops once a payment posted before the due date covers the amount due; a smaller one does not', () => {
    const early = [{ date: '2026-03-15', minor: 60_000 }];
    expect(remindersOn('2026-03-14', early).reminders).toHaveLength(1);
    const after = remindersOn('2026-03-17', early);
    expect(after.reminders).toEqual([]);
    expect(after.payment).toMatchObject({
      state: 'paid',
      paidSinceStatementMinor: 60_000,
      remainingStatementMinor: 0,
    });

    const partial = remindersOn('2026-03-17', [{ date: '2026-03-15', minor: 1_000 }]);
    expect(partial.payment).toMatchObject({ state: 'due-soon', remainingStatementMinor: 59_000 });
    expect(partial.reminders.map((r) => r.daysBefore)).toEqual([3]);

    // The minimum covered: no reminder, though the statement is not cleared (interest will follow).
    const minimum = remindersOn('2026-03-19', [{ date: '2026-03-10', minor: 2_500 }]);
    expect(minimum.payment).toMatchObject({ state: 'paid', remainingStatementMinor: 57_500 });
    expect(minimum.reminders).toEqual([]);
  });

  it('is overdue the day after an unpaid due date, or whenever Plaid flags it', () => {
    expect(remindersOn('2026-03-20', []).payment.state).toBe('due-soon');
    expect(remindersOn('2026-03-21', []).payment).toMatchObject({ state: 'overdue', daysUntilDue: -1 });
    expect(remindersOn('2026-03-21', []).reminders).toEqual([]);
    const flagged = upcomingPayments({
      liabilities: [{ ...card, isOverdue: true }],
      today: '2026-03-01',
      dueSoonDays: 7,
      postedSince: () => 0,
    });
    expect(flagged[0]!.state).toBe('overdue');
  });

  it('does not count a payment from before the statement date', () => {
    const { payment } = remindersOn('2026-03-15', [{ date: '2026-02-25', minor: 60_000 }]);
    expect(payment).toMatchObject({ state: 'due-soon', paidSinceStatementMinor: 0 });
  });
});
