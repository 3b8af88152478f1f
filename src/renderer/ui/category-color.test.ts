import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_PALETTE_SIZE, categoryColor, categoryColorSlot } from './category-color';

const PRIMARIES = [
  'INCOME',
  'TRANSFER_IN',
  'TRANSFER_OUT',
  'LOAN_PAYMENTS',
  'BANK_FEES',
  'ENTERTAINMENT',
  'FOOD_AND_DRINK',
  'GENERAL_MERCHANDISE',
  'HOME_IMPROVEMENT',
  'MEDICAL',
  'PERSONAL_CARE',
  'GENERAL_SERVICES',
  'GOVERNMENT_AND_NON_PROFIT',
  'TRANSPORTATION',
  'TRAVEL',
  'RENT_AND_UTILITIES',
  'UNCATEGORIZED',
];

describe('categoryColor', () => {
  it('gives each of Plaid primary categories a colour of its own', () => {
    const slots = PRIMARIES.map(categoryColorSlot);
    expect(new Set(slots).size).toBe(PRIMARIES.length);
  });

  it('depends on the id alone, so detailed and user categories keep theirs across calls', () => {
    for (const id of ['FOOD_AND_DRINK_COFFEE', 'user:coffee', 'user:kids']) {
      expect(categoryColor(id)).toBe(categoryColor(id));
      expect(categoryColorSlot(id)).toBeGreaterThanOrEqual(0);
      expect(categoryColorSlot(id)).toBeLessThan(CATEGORY_PALETTE_SIZE);
    }
  });

  it('refers to colours both themes define', () => {
    const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
    const light = css.slice(css.indexOf(':root {'), css.indexOf("[data-theme='dark']"));
    const dark = css.slice(css.indexOf("[data-theme='dark']"));
    for (let i = 0; i < CATEGORY_PALETTE_SIZE; i++) {
      expect(light).toContain(`--cat-${i}:`);
      expect(dark).toContain(`--cat-${i}:`);
    }
  });
});
