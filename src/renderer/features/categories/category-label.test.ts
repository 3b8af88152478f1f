import { describe, expect, it } from 'vitest';
import { detailedCategoryLabel, primaryCategoryLabel } from './category-label';

describe('category labels', () => {
  it('reads primary categories in sentence case', () => {
    expect(primaryCategoryLabel('FOOD_AND_DRINK')).toBe('Food and drink');
    expect(primaryCategoryLabel('INCOME')).toBe('Income');
    expect(primaryCategoryLabel(null)).toBeNull();
  });

  it('drops the primary prefix from detailed categories', () => {
    expect(detailedCategoryLabel('FOOD_AND_DRINK', 'FOOD_AND_DRINK_COFFEE')).toBe('Coffee');
    expect(detailedCategoryLabel('LOAN_PAYMENTS', 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT')).toBe(
      'Credit card payment',
    );
    expect(detailedCategoryLabel('TRANSFER_IN', 'TRANSFER_IN_ACCOUNT_TRANSFER')).toBe('Account transfer');
  });

  it('keeps acronyms and copes with missing parts', () => {
    expect(detailedCategoryLabel('BANK_FEES', 'BANK_FEES_ATM_FEES')).toBe('ATM fees');
    expect(detailedCategoryLabel('ENTERTAINMENT', 'ENTERTAINMENT_TV_AND_MOVIES')).toBe('TV and movies');
    expect(detailedCategoryLabel('INCOME', null)).toBe('Income');
    expect(detailedCategoryLabel(null, 'RENT_AND_UTILITIES_RENT')).toBe('Rent and utilities rent');
    expect(detailedCategoryLabel(null, null)).toBeNull();
  });
});
