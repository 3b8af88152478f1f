import { describe, expect, it } from 'vitest';
import type { ValuePoint, ValueSeries } from '../../../shared/contract/portfolio';
import { portfolioTileLines } from './portfolio-tile';

const point = (
  date: string,
  valueMinor: number,
  netContributionsMinor: number,
  estimated = false,
): ValuePoint => ({
  date,
  valueMinor,
  flowMinor: 0,
  netContributionsMinor,
  estimated,
});

const series = (accountId: string | null, currency: string, points: ValuePoint[]): ValueSeries => ({
  accountId,
  name: accountId ?? 'All accounts',
  currency,
  points,
});

describe('the dashboard’s portfolio tile', () => {
  it('compares today with 30 days before, per currency, and says how much was deposits', () => {
    const lines = portfolioTileLines([
      series('acc', 'USD', [point('2026-11-01', 1, 0), point('2026-12-07', 2, 0)]),
      series(null, 'USD', [
        point('2026-10-01', 90_000, 0, true),
        point('2026-11-07', 100_000, 10_000),
        point('2026-11-20', 104_000, 12_000),
        point('2026-12-07', 111_000, 15_000),
      ]),
      series(null, 'CAD', [point('2026-12-01', 5_000, 0, true), point('2026-12-07', 4_500, 0)]),
    ]);
    expect(lines).toEqual([
      {
        currency: 'USD',
        valueMinor: 111_000,
        changeMinor: 11_000,
        contributedMinor: 5_000,
        estimated: false,
      },
      // A history shorter than 30 days compares with its first day, estimated there.
      { currency: 'CAD', valueMinor: 4_500, changeMinor: -500, contributedMinor: 0, estimated: true },
    ]);
  });

  it('has no line for a currency without points', () => {
    expect(portfolioTileLines([series(null, 'USD', [])])).toEqual([]);
  });
});
