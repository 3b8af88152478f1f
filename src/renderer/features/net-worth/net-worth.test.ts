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

  it('measures the change from the first day every account had a value, not from the step a newly linked one makes', () => {
    const days = [
      day('2026-01-01', 'USD', 100),
      day('2026-01-02', 'USD', 110),
      day('2026-01-03', 'USD', 5_110),
      day('2026-01-04', 'USD', 5_150),
    ];
    const checking = { currency: 'USD', historyFrom: '2025-06-01' };
    const brokerage = { currency: 'USD', historyFrom: '2026-01-03' };
    const euros = { currency: 'EUR', historyFrom: '2026-01-04' };
    const [usd] = byCurrency(days, [checking, brokerage, euros]);
    expect([usd!.changeMinor, usd!.changeFrom]).toEqual([40, '2026-01-03']);
    expect(byCurrency(days, [checking])[0]).toMatchObject({ changeMinor: 5_050, changeFrom: '2026-01-01' });
    const linkedToday = byCurrency(days, [checking, { currency: 'USD', historyFrom: '2026-01-04' }])[0];
    expect(linkedToday).toMatchObject({ changeMinor: null, changeFrom: null });
  });

  it('starts a range the right number of days back, and All at the beginning', () => {
    expect(rangeFrom('1M', '2026-03-01')).toBe('2026-01-30');
    expect(rangeFrom('ALL', '2026-03-01')).toBeNull();
  });
});
