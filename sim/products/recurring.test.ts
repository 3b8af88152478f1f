/**
 * Recurring streams at scale-test size: one payee of a million-row Item has hundreds of thousands
 * of rows, which once overflowed the call stack (Math.max over spread arguments) and failed
 * /transactions/recurring/get with a 500.
 */
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../dates';
import type { PlaidTransaction } from '../view';
import { recurringStreams } from './recurring';

const TODAY = dayFromIso('2025-06-30');

/** The fields stream detection reads; the rest of a transaction does not matter to it. */
function row(id: number, day: number, name: string, amount: number): PlaidTransaction {
  const partial: Pick<
    PlaidTransaction,
    | 'account_id'
    | 'amount'
    | 'date'
    | 'iso_currency_code'
    | 'merchant_name'
    | 'name'
    | 'personal_finance_category'
    | 'transaction_id'
  > = {
    account_id: 'acct-card',
    amount,
    date: isoFromDay(day),
    iso_currency_code: 'USD',
    merchant_name: name,
    name,
    personal_finance_category: {
      primary: 'FOOD_AND_DRINK',
      detailed: 'FOOD_AND_DRINK_COFFEE',
      confidence_level: 'VERY_HIGH',
      version: 'v1',
    },
    transaction_id: `txn-${id}`,
  };
  return partial as PlaidTransaction;
}

describe('recurringStreams', () => {
  it('handles a payee with 300k transactions without overflowing the stack', () => {
    const rows: PlaidTransaction[] = [];
    // Many a day for a month: irregular, so detection reaches the spread of its gaps.
    for (let i = 0; i < 300_000; i++) rows.push(row(i, TODAY - 30 + (i % 31), 'Blue Bottle', 4.5));
    // Every two months, a day either way: regular without a period Plaid names.
    const bimonthly = [-366, -305, -243, -183, -122, -61, 0];
    bimonthly.forEach((offset, i) => rows.push(row(1_000_000 + i, TODAY - 5 + offset, 'Water Co', 61.2)));

    const { inflow, outflow } = recurringStreams('item-big', rows, TODAY, null);

    expect(inflow).toEqual([]);
    expect(outflow).toHaveLength(1);
    expect(outflow[0]).toMatchObject({
      merchant_name: 'Water Co',
      frequency: 'UNKNOWN',
      status: 'MATURE',
      is_active: true,
      first_date: isoFromDay(TODAY - 371),
      last_date: isoFromDay(TODAY - 5),
    });
    expect(outflow[0]!.transaction_ids).toHaveLength(bimonthly.length);
  });
});
