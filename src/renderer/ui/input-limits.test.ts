import { describe, expect, it } from 'vitest';
import { calls } from '../../shared/api';
import { INPUT_LIMITS } from './input-limits';

describe('INPUT_LIMITS', () => {
  it('reads every limit from the contract', () => {
    expect(INPUT_LIMITS).toEqual({
      search: 200,
      ruleName: 100,
      merchantContains: 100,
      nameContains: 100,
      rename: 200,
      categoryName: 80,
      transactionName: 200,
      note: 2000,
    });
  });

  it('a search box at its limit is accepted by the API, one more character is not', () => {
    const req = calls['transactions.list'].req;
    expect(req.safeParse({ query: 'x'.repeat(INPUT_LIMITS.search!) }).success).toBe(true);
    expect(req.safeParse({ query: 'x'.repeat(INPUT_LIMITS.search! + 1) }).success).toBe(false);
  });
});
