import { describe, expect, it } from 'vitest';
import { netText, summaryText } from './summary-text';

describe('summary text', () => {
  it('says which way the money went', () => {
    expect(netText(1234, 'USD')).toBe('$12.34 out');
    expect(netText(-500, 'USD')).toBe('$5.00 in');
    expect(netText(0, 'USD')).toBe('$0.00 net');
  });

  it('keeps currencies apart', () => {
    expect(summaryText({ count: 1, byCurrency: [{ currency: 'USD', count: 1, sumMinor: 999 }] })).toBe(
      '1 transaction · $9.99 out',
    );
    expect(
      summaryText({
        count: 3,
        byCurrency: [
          { currency: 'USD', count: 2, sumMinor: 1000 },
          { currency: 'EUR', count: 1, sumMinor: -250 },
        ],
      }),
    ).toBe('3 transactions · $10.00 out (2) · €2.50 in (1)');
    expect(summaryText({ count: 0, byCurrency: [] })).toBe('0 transactions');
  });
});
