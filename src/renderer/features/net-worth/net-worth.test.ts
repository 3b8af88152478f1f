import { describe, expect, it } from 'vitest';
import { byCurrency, rangeFrom } from './net-worth';

const day = (date: string, currency: string, net: number) => ({
  date,
  currency,
  assetsMinor: net,
  liabilitiesMinor: 0,
  netWorthMinor: net,
  estimated: false,
});

describe('net worth view logic', () => {
  it('keeps each currency apart with its own change over the range', () => {
    const series = byCurrency([
      day('2026-01-01', 'USD', 100),
      day('2026-01-01', 'EUR', 50),
      day('2026-01-02', 'USD', 160),
      day('2026-01-02', 'EUR', 40),
    ]);
    expect(series.map((s) => [s.currency, s.days.length, s.changeMinor])).toEqual([
      ['EUR', 2, -10],
      ['USD', 2, 60],
    ]);
  });

  it('starts a range the right number of days back, and All at the beginning', () => {
    expect(rangeFrom('1M', '2026-03-01')).toBe('2026-01-30');
    expect(rangeFrom('ALL', '2026-03-01')).toBeNull();
  });
});
