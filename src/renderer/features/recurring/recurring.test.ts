import { describe, expect, it } from 'vitest';
import type { RecurringStream } from '../../../shared/api';
import { frequencyLabel, groupStreams, isLate, streamTransactionsFilter, upcomingBills } from './recurring';

function stream(
  id: string,
  direction: 'inflow' | 'outflow',
  next: string | null,
  isActive = true,
): RecurringStream {
  return {
    id,
    itemId: 'item',
    accountId: 'acc',
    direction,
    description: id,
    merchantName: null,
    category: null,
    categoryName: null,
    frequency: 'MONTHLY',
    averageAmountMinor: direction === 'inflow' ? -100_000 : 1_599,
    lastAmountMinor: 1_599,
    currency: 'USD',
    firstDate: '2025-01-01',
    lastDate: '2025-06-01',
    predictedNextDate: next,
    status: 'MATURE',
    isActive,
    transactionIds: [],
  };
}

describe('recurring streams', () => {
  it('separates subscriptions from income and orders them by the next expected date', () => {
    const { subscriptions, income } = groupStreams([
      stream('gym', 'outflow', '2025-07-20'),
      stream('salary', 'inflow', '2025-07-15'),
      stream('old', 'outflow', '2025-07-01', false),
      stream('tv', 'outflow', '2025-07-03'),
      stream('unknown', 'outflow', null),
    ]);
    expect(subscriptions.map((s) => s.id)).toEqual(['tv', 'gym', 'unknown', 'old']);
    expect(income.map((s) => s.id)).toEqual(['salary']);
  });

  it('reads Plaid frequencies', () => {
    expect(frequencyLabel('BIWEEKLY')).toBe('Every 2 weeks');
    expect(frequencyLabel('UNKNOWN')).toBe('Irregular');
  });
});

describe('recurring streams a user can trust', () => {
  const categorized = (id: string, direction: 'inflow' | 'outflow', category: string) => ({
    ...stream(id, direction, '2025-07-01'),
    category,
  });

  it('keeps card payments and transfers between the user’s own accounts out of Income and bills', () => {
    const { income, subscriptions, transfers } = groupStreams([
      categorized('salary', 'inflow', 'INCOME_WAGES'),
      categorized('card payment', 'inflow', 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'),
      categorized('from savings', 'inflow', 'TRANSFER_IN_ACCOUNT_TRANSFER'),
      categorized('to savings', 'outflow', 'TRANSFER_OUT_ACCOUNT_TRANSFER'),
      categorized('gym', 'outflow', 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS'),
    ]);
    expect(income.map((s) => s.id)).toEqual(['salary']);
    expect(subscriptions.map((s) => s.id)).toEqual(['gym']);
    expect(transfers.map((s) => s.id).sort()).toEqual(['card payment', 'from savings', 'to savings']);
  });

  it('flags an active stream whose next date has passed', () => {
    expect(isLate(stream('tv', 'outflow', '2025-07-03'), '2025-07-10')).toBe(true);
    expect(isLate(stream('tv', 'outflow', '2025-07-10'), '2025-07-10')).toBe(false);
    expect(isLate(stream('old', 'outflow', '2025-07-03', false), '2025-07-10')).toBe(false);
    expect(isLate(stream('unknown', 'outflow', null), '2025-07-10')).toBe(false);
  });

  it('opens a stream as its transactions: its account, its name, its dates', () => {
    expect(streamTransactionsFilter({ ...stream('tv', 'outflow', null), merchantName: 'Netflix' })).toEqual({
      accountIds: ['acc'],
      query: 'Netflix',
      dateFrom: '2025-01-01',
      dateTo: '2025-06-01',
    });
  });
});

describe('upcomingBills', () => {
  it('lists the active outgoing streams due today or later, soonest first', () => {
    const bills = upcomingBills(
      [
        stream('gym', 'outflow', '2025-07-20'),
        stream('salary', 'inflow', '2025-07-15'),
        stream('old', 'outflow', '2025-07-25', false),
        stream('late', 'outflow', '2025-07-09'),
        stream('tv', 'outflow', '2025-07-10'),
        stream('unknown', 'outflow', null),
      ],
      '2025-07-10',
    );
    expect(bills.map((b) => b.id)).toEqual(['tv', 'gym']);
  });
});
