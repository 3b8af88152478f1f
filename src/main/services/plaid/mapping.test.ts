import { describe, expect, it } from 'vitest';
import { toTransactionRecord } from './mapping';

const row = {
  transaction_id: 'tx-1',
  account_id: 'acc-1',
  amount: 12.34,
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  date: '2025-06-01',
  authorized_date: '2025-05-31',
  name: 'Blue Bottle Coffee',
  merchant_name: 'Blue Bottle',
  pending: false,
  pending_transaction_id: null,
  payment_channel: 'in store',
  personal_finance_category: { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_COFFEE' },
  personal_finance_category_icon_url: 'https://plaid-category-icons.plaid.com/PFC_FOOD_AND_DRINK.png',
  location: { address: '1 Main St', city: 'Oakland', region: null, lat: 37.8, lon: null },
  payment_meta: { payee: null, payer: null, reference_number: null },
  counterparties: [{ name: 'Blue Bottle', type: 'merchant', website: null }],
  check_number: null,
  website: 'bluebottlecoffee.com',
  category: [],
};

describe('toTransactionRecord', () => {
  it('keeps in raw_json everything Plaid said beyond the columns, without nulls or what can be told again', () => {
    const r = toTransactionRecord(row, 'item-1');
    expect(r).toMatchObject({ transactionId: 'tx-1', amountMinor: 1234, categoryPrimary: 'FOOD_AND_DRINK' });
    expect(JSON.parse(r.rawJson ?? 'null')).toEqual({
      location: { address: '1 Main St', city: 'Oakland', lat: 37.8 },
      counterparties: [{ name: 'Blue Bottle', type: 'merchant' }],
      website: 'bluebottlecoffee.com',
    });
  });

  it('keeps an icon that is not the category’s standard one', () => {
    const icon = 'https://example.com/own-icon.png';
    const r = toTransactionRecord({ ...row, personal_finance_category_icon_url: icon }, 'item-1');
    expect(JSON.parse(r.rawJson ?? 'null')).toMatchObject({ personal_finance_category_icon_url: icon });
  });

  it('stores nothing extra for a row that has nothing beyond the columns', () => {
    const bare = Object.fromEntries(
      Object.entries(row).filter(([k]) =>
        [
          'transaction_id',
          'account_id',
          'amount',
          'iso_currency_code',
          'date',
          'name',
          'pending',
          'personal_finance_category',
        ].includes(k),
      ),
    );
    expect(toTransactionRecord(bare, 'item-1').rawJson).toBeNull();
  });
});
