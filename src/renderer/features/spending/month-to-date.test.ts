import { describe, expect, it } from 'vitest';
import type { Category } from '../../../shared/api';
import { monthToDate, spendingFilter } from './month-to-date';

describe('monthToDate', () => {
  it('compares this month so far with last month up to the same day', () => {
    expect(monthToDate('2026-12-07')).toEqual({
      current: { from: '2026-12-01', to: '2026-12-07' },
      previous: { from: '2026-11-01', to: '2026-11-07' },
    });
  });

  it('stops at the end of a shorter last month, and crosses the year', () => {
    expect(monthToDate('2026-03-31').previous).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthToDate('2027-01-15').previous).toEqual({ from: '2026-12-01', to: '2026-12-15' });
  });
});

describe('spendingFilter', () => {
  const category = (id: string, side: Category['side'], group = id): Category => ({
    id,
    name: id,
    kind: id.startsWith('user:') ? 'user' : group === id ? 'primary' : 'detailed',
    group,
    side,
    description: null,
  });
  it('asks for the spending groups and uncategorized rows, without transfers or excluded rows', () => {
    const filter = spendingFilter(
      [
        category('FOOD_AND_DRINK', 'spending'),
        category('FOOD_AND_DRINK_COFFEE', 'spending', 'FOOD_AND_DRINK'),
        category('INCOME', 'income'),
        category('TRANSFER_OUT', 'transfer'),
        category('user:kids', 'spending'),
      ],
      { from: '2026-12-01', to: '2026-12-07' },
    );
    expect(filter).toEqual({
      categories: ['FOOD_AND_DRINK', 'user:kids', 'UNCATEGORIZED'],
      dateFrom: '2026-12-01',
      dateTo: '2026-12-07',
      dateBasis: 'spending',
      excludeTransfers: true,
      excluded: false,
    });
  });
});
