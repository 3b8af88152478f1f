import { describe, expect, it } from 'vitest';
import { amountInputText, parseAmountInput } from './amount-input';

describe('parseAmountInput', () => {
  it('reads what people type into minor units', () => {
    expect(parseAmountInput('12', 'USD')).toBe(1200);
    expect(parseAmountInput('1,234.5', 'USD')).toBe(123450);
    expect(parseAmountInput(' $9.99 ', 'USD')).toBe(999);
    expect(parseAmountInput('-3.2', 'USD')).toBe(-320);
    expect(parseAmountInput('.5', 'USD')).toBe(50);
  });

  it('follows the currency exponent', () => {
    expect(parseAmountInput('500', 'JPY')).toBe(500);
    expect(parseAmountInput('5.5', 'JPY')).toBeNull();
    expect(parseAmountInput('1.234', 'KWD')).toBe(1234);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', '-', '.', 'abc', '1.2.3', '12.345', '1e5']) {
      expect(parseAmountInput(text, 'USD')).toBeNull();
    }
  });

  it('round-trips through the input text', () => {
    for (const minor of [0, 1, 99, 100, 123456, -5, -120000]) {
      expect(parseAmountInput(amountInputText(minor, 'USD'), 'USD')).toBe(minor);
    }
    expect(amountInputText(-5, 'USD')).toBe('-0.05');
    expect(amountInputText(700, 'JPY')).toBe('700');
  });
});
