import { describe, expect, it } from 'vitest';
import { checkSplit } from './split-draft';

const part = (amountText: string, category: string | null = 'FOOD_AND_DRINK') => ({ amountText, category });

describe('checkSplit', () => {
  it('shows the remainder live and accepts parts that sum to the whole', () => {
    expect(checkSplit(3000, 'USD', [part('20'), part('')])).toMatchObject({
      remainderMinor: 1000,
      problem: 'Every part needs an amount.',
    });
    expect(checkSplit(3000, 'USD', [part('20'), part('5')])).toMatchObject({
      allocatedMinor: 2500,
      remainderMinor: 500,
      problem: 'The parts must add up to the whole amount.',
    });
    expect(checkSplit(3000, 'USD', [part('20'), part('10')])).toMatchObject({
      partsMinor: [2000, 1000],
      remainderMinor: 0,
      problem: null,
    });
  });

  it('says when too much is allocated (a negative remainder)', () => {
    expect(checkSplit(3000, 'USD', [part('20'), part('10.01')]).remainderMinor).toBe(-1);
  });

  it('gives parts of a refund the refund sign', () => {
    const check = checkSplit(-1500, 'USD', [part('10'), part('5')]);
    expect(check).toMatchObject({ partsMinor: [-1000, -500], remainderMinor: 0, problem: null });
  });

  it('refuses one part, zero parts, missing categories and amounts the currency cannot hold', () => {
    expect(checkSplit(3000, 'USD', [part('30')]).problem).toMatch(/at least two/);
    expect(checkSplit(3000, 'USD', [part('30'), part('0')]).problem).toMatch(/cannot be zero/);
    expect(checkSplit(3000, 'USD', [part('20'), part('10', null)]).problem).toMatch(/category/);
    expect(checkSplit(3000, 'USD', [part('20.001'), part('10')]).problem).toMatch(/needs an amount/);
  });
});
