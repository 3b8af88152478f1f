import { describe, expect, it } from 'vitest';
import type { RecurringStream } from '../../../shared/api';
import { frequencyLabel, groupStreams, upcomingBills } from './recurring';

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
