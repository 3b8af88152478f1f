import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodReturn } from './performance';
import { reconstructHistory } from './reconstruct';
import { ownerFlows, timeWeightedReturn, xirr, type DayValue } from './returns';

const series = (...rows: [string, number, number?][]): DayValue[] =>
  rows.map(([date, value, flow = 0]) => ({ date, value, flow }));

/** Percentage points to 0.01: two decimals of a percentage are four of a fraction. */
const toPp = (fraction: number | null) => (fraction === null ? null : fraction * 100);

describe('time-weighted return', () => {
  it('leaves out a deposit made mid-period: 10% then 3.125% chain to 13.4375%', () => {
    const twr = timeWeightedReturn(
      series(['2024-01-01', 1000_00], ['2024-01-02', 1100_00], ['2024-01-03', 1650_00, 500_00]),
    );
    expect(toPp(twr)).toBeCloseTo(13.4375, 2);
  });

  it('leaves out a withdrawal: +20% then −10% chain to +8%', () => {
    const twr = timeWeightedReturn(
      series(['2024-01-01', 1000_00], ['2024-01-02', 1200_00], ['2024-01-03', 900_00, -200_00]),
    );
    expect(toPp(twr)).toBeCloseTo(8, 2);
  });

  it('counts a dividend received as return (it is not a flow): +3%', () => {
    expect(toPp(timeWeightedReturn(series(['2024-03-01', 1000_00], ['2024-03-15', 1030_00])))).toBeCloseTo(
      3,
      2,
    );
  });

  it('counts a fee as a loss: −0.5%', () => {
    expect(toPp(timeWeightedReturn(series(['2024-03-01', 1000_00], ['2024-03-02', 995_00])))).toBeCloseTo(
      -0.5,
      2,
    );
  });

  it('shows a sale at a loss as the fall that preceded it, the sale itself moving nothing: −20%', () => {
    const twr = timeWeightedReturn(
      series(['2024-01-01', 1000_00], ['2024-01-02', 800_00], ['2024-01-03', 800_00]),
    );
    expect(toPp(twr)).toBeCloseTo(-20, 2);
  });

  it('has no answer for a day that starts empty and ends with value', () => {
    expect(timeWeightedReturn(series(['2024-01-01', 0], ['2024-01-02', 100_00]))).toBeNull();
  });

  it('equals the simple return whenever no money moves in or out (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 2, maxLength: 60 }),
        (values) => {
          const points = values.map((value, i) => ({
            date: `2024-01-${String(i + 1).padStart(2, '0')}`,
            value,
            flow: 0,
          }));
          const simple = values.at(-1)! / values[0]! - 1;
          // Relative to the size of the return: a 10,000,000× growth carries float error in its 8th digit.
          const twr = timeWeightedReturn(points)!;
          expect(Math.abs(twr - simple)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(simple)));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('XIRR', () => {
  it('is 10% a year compounded over a leap year for 1000 in, 1100 out a year later', () => {
    const result = xirr([
      { date: '2024-01-01', amount: -1000 },
      { date: '2025-01-01', amount: 1100 },
    ]);
    expect(toPp(result.rate)).toBeCloseTo(9.9714, 2);
  });

  it('weighs a mid-year deposit by the time it was invested: 6.6967%', () => {
    const result = xirr([
      { date: '2023-01-01', amount: -1000 },
      { date: '2023-07-02', amount: -1000 },
      { date: '2024-01-01', amount: 2100 },
    ]);
    expect(toPp(result.rate)).toBeCloseTo(6.6967, 2);
  });

  it('says why when no rate exists', () => {
    expect(
      xirr([
        { date: '2024-01-01', amount: -1000 },
        { date: '2024-06-01', amount: -5 },
      ]),
    ).toEqual({
      rate: null,
      reason: 'the flows never change sign, so no rate balances them',
    });
    expect(xirr([{ date: '2024-01-01', amount: -1000 }])).toMatchObject({ rate: null });
  });

  it('takes the owner’s side of a value series: start value in, deposits in, end value out', () => {
    expect(ownerFlows(series(['2024-01-01', 1000], ['2024-02-01', 1600, 500]))).toEqual([
      { date: '2024-01-01', amount: -1000 },
      { date: '2024-02-01', amount: -500 },
      { date: '2024-02-01', amount: 1600 },
    ]);
  });
});

describe('periods', () => {
  const daily = (from: string, days: number, estimatedUntil: string | null) => {
    const out = [];
    const start = Date.parse(`${from}T00:00:00Z`);
    for (let i = 0; i < days; i++) {
      const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      out.push({
        date,
        value: 1000_00 + i * 100,
        flow: 0,
        estimated: estimatedUntil !== null && date < estimatedUntil,
      });
    }
    return out;
  };

  it('labels a period before the first snapshot estimated, one after it exact', () => {
    const points = daily('2024-01-01', 200, '2024-06-01');
    expect(periodReturn('1M', points)).toMatchObject({ quality: 'exact', from: '2024-06-18' });
    expect(periodReturn('ALL', points)).toMatchObject({ quality: 'estimated' });
    expect(periodReturn('ALL', points).twr).toBeCloseTo((1000_00 + 199 * 100) / 1000_00 - 1, 9);
  });

  it('calls a period longer than the history unavailable with the reason, never 0%', () => {
    const result = periodReturn('1Y', daily('2024-01-01', 40, null));
    expect(result).toMatchObject({ quality: 'unavailable', twr: null, xirr: null });
    expect(result.reason).toMatch(/starts on 2024-01-01/);
    expect(periodReturn('1M', [])).toMatchObject({ quality: 'unavailable', twr: null });
  });
});

describe('reconstruction', () => {
  const base = {
    currency: 'USD',
    anchor: '2024-01-05',
    start: '2024-01-01',
    cashSecurities: new Set(['cash']),
    snapshots: new Map([['2024-01-05', 1_200_00]]),
  };

  it('undoes a buy going back: fewer shares, more cash, priced at the trade’s price', () => {
    const points = reconstructHistory({
      ...base,
      cashMinor: 200_00,
      positions: new Map([['abc', 10]]),
      prices: new Map([['abc', { price: 100, asOf: '2024-01-05' }]]),
      transactions: [
        { date: '2024-01-03', securityId: 'abc', quantity: 4, price: 90, amountMinor: 360_00, flowMinor: 0 },
        {
          date: '2024-01-02',
          securityId: 'cash',
          quantity: 0,
          price: 0,
          amountMinor: -500_00,
          flowMinor: 500_00,
        },
      ],
    });
    expect(points.map((p) => [p.date, p.value, p.flow, p.estimated])).toEqual([
      // Before the deposit: 6 shares at 90 and 60 of cash.
      ['2024-01-01', 6 * 90_00 + 60_00, 0, true],
      ['2024-01-02', 6 * 90_00 + 560_00, 500_00, true],
      ['2024-01-03', 10 * 90_00 + 200_00, 0, true],
      ['2024-01-04', 10 * 90_00 + 200_00, 0, true],
      // The snapshot's own value, the only exact day.
      ['2024-01-05', 1_200_00, 0, false],
    ]);
  });

  it('values a position Plaid gave no price for at nothing, and marks the day estimated', () => {
    const [first] = reconstructHistory({
      ...base,
      snapshots: new Map(),
      cashMinor: 50_00,
      positions: new Map([['unpriced', 3]]),
      prices: new Map([['unpriced', { price: null, asOf: '2024-01-05' }]]),
      transactions: [],
    });
    expect(first).toMatchObject({ value: 50_00, estimated: true });
    expect(
      periodReturn(
        'ALL',
        reconstructHistory({
          ...base,
          cashMinor: 50_00,
          positions: new Map(),
          prices: new Map(),
          transactions: [],
        }),
      ).quality,
    ).toBe('estimated');
  });
});
