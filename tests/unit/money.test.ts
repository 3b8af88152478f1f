import { describe, expect, it } from 'vitest';
import { currencyExponent, toMinor } from '../../src/shared/money';

describe('toMinor', () => {
  it('converts by each currency exponent', () => {
    expect(toMinor(12.34, 'USD')).toBe(1234);
    expect(toMinor(1234, 'JPY')).toBe(1234);
    expect(toMinor(1.234, 'KWD')).toBe(1234);
    expect(currencyExponent('usd')).toBe(2);
  });

  it('keeps the sign (Plaid: positive is money out)', () => {
    expect(toMinor(-25.5, 'USD')).toBe(-2550);
    expect(toMinor(0, 'USD')).toBe(0);
    expect(Object.is(toMinor(-0.001, 'USD'), -0)).toBe(false);
  });

  it('is exact where binary floating point is not', () => {
    // 0.1 + 0.2 and 1.005 are classic float traps; 4.35 * 100 = 434.99999999999994.
    expect(toMinor(4.35, 'USD')).toBe(435);
    expect(toMinor(0.1 + 0.2, 'USD')).toBe(30);
    expect(toMinor(19.99, 'USD')).toBe(1999);
    expect(toMinor(1234567.89, 'USD')).toBe(123456789);
  });

  it('rounds extra Plaid decimals half away from zero', () => {
    expect(toMinor(10.005, 'USD')).toBe(1001);
    expect(toMinor(10.0049, 'USD')).toBe(1000);
    expect(toMinor(-10.005, 'USD')).toBe(-1001);
    expect(toMinor(0.123456, 'KWD')).toBe(123);
  });

  it('refuses non-finite amounts', () => {
    expect(() => toMinor(Number.NaN, 'USD')).toThrow(RangeError);
  });
});
