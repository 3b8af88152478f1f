import { describe, expect, it } from 'vitest';
import { monthBounds, monthsBack, monthsBetween } from './months';

describe('monthBounds', () => {
  it('ends each month on its own last day, leap years included', () => {
    expect(monthBounds('2025-01')).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(monthBounds('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds('2025-04')).toEqual({ from: '2025-04-01', to: '2025-04-30' });
    expect(monthBounds('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('refuses what is not a month', () => {
    expect(() => monthBounds('2025-3')).toThrow(RangeError);
  });
});

describe('monthsBetween and monthsBack', () => {
  it('walks across year ends', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2025-03', '2025-03')).toEqual(['2025-03']);
    expect(monthsBetween('2025-04', '2025-03')).toEqual([]);
    expect(monthsBack('2026-02', 12)).toBe('2025-03');
    expect(monthsBack('2026-02', 1)).toBe('2026-02');
  });
});
