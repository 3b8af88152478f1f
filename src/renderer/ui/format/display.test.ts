import { describe, expect, it } from 'vitest';
import { axisMoney, axisWidth } from './display';

describe('chart axis labels', () => {
  it('stay short for large amounts, so the axis shows them whole', () => {
    const usd = axisMoney('USD');
    expect(usd(1_234_567.89)).toBe('$1.2M');
    expect(usd(-85_000)).toBe('-$85K');
    expect(usd(950)).toBe('$950');
    expect(axisMoney('DOGE1')(2_500_000)).toBe('2.5M DOGE1');
  });

  it('get an axis wide enough for the longest label, however large the amounts', () => {
    const usd = axisMoney('USD');
    // The old fixed 90 px held "$1,234,567.89" cut to its last digits; the width now follows the labels.
    for (const high of [900, 45_000, 1_234_567, 987_654_321_000]) {
      const width = axisWidth(usd, 0, high);
      expect(width).toBeGreaterThanOrEqual(usd(high * 1.5).length * 7.5);
      expect(width).toBeLessThanOrEqual(120);
    }
    expect(axisWidth(usd, -2_000_000, 3_000_000)).toBeGreaterThanOrEqual('-$3M'.length * 7.5);
  });
});
