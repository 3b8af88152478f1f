import { describe, expect, it } from 'vitest';
import type { TransactionFilter } from '../../../shared/api';
import {
  activeFilterCount,
  draftProblems,
  EMPTY_FILTER,
  filterFromRequest,
  filterToRequest,
  spendingDrillDown,
} from './filter-draft';

describe('filter draft ↔ request', () => {
  it('sends nothing for the empty bar', () => {
    expect(filterToRequest(EMPTY_FILTER)).toEqual({});
    expect(activeFilterCount(filterToRequest(EMPTY_FILTER))).toBe(0);
  });

  it('maps every control to its condition', () => {
    const req = filterToRequest({
      query: '  blue bottle ',
      accountIds: ['acc-1'],
      dateFrom: '2025-03-01',
      dateTo: '2025-03-31',
      dateBasis: 'date',
      amountMin: '10',
      amountMax: '1,250.5',
      categories: ['FOOD_AND_DRINK'],
      tags: [' trip ', ''],
      pending: 'posted',
      excludeTransfers: true,
      excluded: 'hide',
      currency: 'USD',
    });
    expect(req).toEqual({
      query: 'blue bottle',
      accountIds: ['acc-1'],
      dateFrom: '2025-03-01',
      dateTo: '2025-03-31',
      amountMin: 1000,
      amountMax: 125050,
      categories: ['FOOD_AND_DRINK'],
      tags: ['trip'],
      pending: false,
      excludeTransfers: true,
      excluded: false,
      currency: 'USD',
    });
    expect(activeFilterCount(req)).toBe(11);
  });

  it('leaves out a half-typed amount and says why', () => {
    const draft = { ...EMPTY_FILTER, amountMin: '12.', amountMax: 'abc' };
    expect(filterToRequest(draft)).toEqual({ amountMin: 1200 });
    expect(draftProblems(draft)).toEqual(['The maximum amount is not a number.']);
    expect(draftProblems({ ...EMPTY_FILTER, dateFrom: '2025-04-01', dateTo: '2025-03-01' })).toHaveLength(1);
  });

  it('reads amounts in the filtered currency', () => {
    expect(filterToRequest({ ...EMPTY_FILTER, amountMin: '500', currency: 'JPY' })).toMatchObject({
      amountMin: 500,
    });
  });

  it('round-trips a drill-down request through the bar unchanged', () => {
    const requests: TransactionFilter[] = [
      spendingDrillDown('2025-02', 'FOOD_AND_DRINK', 'USD'),
      { query: 'coffee', pending: true, tags: ['a', 'b'], amountMin: -5000, amountMax: 99 },
      { excluded: true, accountIds: ['x', 'y'], currency: 'JPY', amountMax: 700 },
      {},
    ];
    for (const req of requests) expect(filterToRequest(filterFromRequest(req))).toEqual(req);
  });

  it('drills into a month by the spending month, without transfers or excluded rows', () => {
    expect(spendingDrillDown('2024-02', 'user:coffee', 'EUR')).toEqual({
      dateFrom: '2024-02-01',
      dateTo: '2024-02-29',
      dateBasis: 'spending',
      categories: ['user:coffee'],
      currency: 'EUR',
      excludeTransfers: true,
      excluded: false,
    });
  });
});
