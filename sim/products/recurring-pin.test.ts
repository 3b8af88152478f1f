/**
 * /transactions/recurring/get answers exactly what it answered before it stopped building every
 * transaction of the Item: a seeded Item of ~20,000 generated transactions (card spending copied,
 * as at scale, plus rows added through the admin API) pinned by a digest of the whole reply, with
 * the streams a person would check spelled out beside it; and the streams read from the view
 * equal, field for field, those found in the full Plaid transactions. A change of the detection
 * rules must update this pin deliberately.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../dates';
import type { Mutation } from '../mutations';
import { snapshotAt, type ItemDataSpec } from '../view';
import { recurringStreams, recurringStreamsAt, type TransactionStream } from './recurring';

const TODAY = dayFromIso('2025-06-30');
const gym = (n: number, date: string): Mutation => ({
  op: 'add',
  n,
  day: date,
  key: `mut:${n}`,
  account: 'checking',
  date,
  amount: 45,
  name: 'Neighborhood Gym',
  pending: false,
});
const base: ItemDataSpec = {
  itemId: 'item-recurring-pin',
  seed: 42,
  institutionId: 'ins_109508',
  firstDay: TODAY - 730,
  templates: ['checking', 'savings', 'credit'],
  volume: 20,
  mutations: [gym(0, '2025-03-03'), gym(1, '2025-04-02'), gym(2, '2025-05-03'), gym(3, '2025-06-02')],
};

/** Card spending copied 20 times (as at scale: its payees turn irregular) and once (subscriptions show). */
const specs = { scaled: base, household: { ...base, volume: 1 } };

const summary = (s: TransactionStream) =>
  `${s.merchant_name ?? s.description}|${s.frequency}|${s.status}|${s.transaction_ids.length}`;

function reference(spec: ItemDataSpec, accountIds: readonly string[] | null) {
  const snapshot = snapshotAt(spec, TODAY);
  return recurringStreams(
    spec.itemId,
    snapshot.transactions.map((v) => v.transaction),
    TODAY,
    accountIds ?? snapshot.accounts.map((a) => a.account_id),
  );
}

describe('recurring streams of a seeded Item', () => {
  it('are the pinned ones', () => {
    expect(snapshotAt(specs.scaled, TODAY).transactions.length).toBeGreaterThan(20_000);
    for (const [name, spec] of Object.entries(specs)) {
      const streams = recurringStreamsAt(spec, TODAY, null);
      const pin = PINS[name as keyof typeof specs];
      expect(streams.inflow.map(summary)).toEqual(pin.inflow);
      expect(streams.outflow.map(summary)).toEqual(pin.outflow);
      expect(createHash('sha256').update(JSON.stringify(streams)).digest('hex')).toBe(pin.digest);
    }
  });

  it('equal, field for field, the streams found in the full transactions', () => {
    for (const spec of Object.values(specs)) {
      expect(recurringStreamsAt(spec, TODAY, null)).toEqual(reference(spec, null));
      const accounts = snapshotAt(spec, TODAY).accounts.map((a) => a.account_id);
      for (const account of accounts)
        expect(recurringStreamsAt(spec, TODAY, [account])).toEqual(reference(spec, [account]));
    }
  });
});

const PINS: Record<keyof typeof specs, { inflow: string[]; outflow: string[]; digest: string }> = {
  scaled: {
    inflow: [
      'Payment - Thank You|MONTHLY|MATURE|24',
      'Transfer from Plaid Checking|MONTHLY|MATURE|24',
      'Interest Payment|MONTHLY|MATURE|24',
      'Acme Corp Payroll|BIWEEKLY|MATURE|53',
    ],
    outflow: [
      'Maple Grove Apartments|MONTHLY|MATURE|24',
      'GEICO|MONTHLY|MATURE|24',
      'Transfer to Plaid Saving|MONTHLY|MATURE|24',
      'Pacific Power & Light|MONTHLY|MATURE|24',
      'Toyota Financial Services|MONTHLY|MATURE|24',
      'Comcast|MONTHLY|MATURE|24',
      'Plaid Credit Card Payment|MONTHLY|MATURE|24',
      'Verizon|MONTHLY|MATURE|24',
      'City Water Utility|UNKNOWN|MATURE|12',
      'Neighborhood Gym|MONTHLY|MATURE|4',
    ],
    digest: '01db0f0ac261a7e465039a055a608de6745b5e2fffb7ef879ff3c36fb24e9c6d',
  },
  household: {
    inflow: [
      'Payment - Thank You|MONTHLY|MATURE|24',
      'Transfer from Plaid Checking|MONTHLY|MATURE|24',
      'Interest Payment|MONTHLY|MATURE|24',
      'Acme Corp Payroll|BIWEEKLY|MATURE|53',
    ],
    outflow: [
      'Touchstone Climbing|MONTHLY|MATURE|24',
      'Netflix|MONTHLY|MATURE|24',
      'Spotify|MONTHLY|MATURE|24',
      'Maple Grove Apartments|MONTHLY|MATURE|24',
      'GEICO|MONTHLY|MATURE|24',
      'Transfer to Plaid Saving|MONTHLY|MATURE|24',
      'Pacific Power & Light|MONTHLY|MATURE|24',
      'Toyota Financial Services|MONTHLY|MATURE|24',
      'Comcast|MONTHLY|MATURE|24',
      'Plaid Credit Card Payment|MONTHLY|MATURE|24',
      'Verizon|MONTHLY|MATURE|24',
      'City Water Utility|UNKNOWN|MATURE|12',
      'Neighborhood Gym|MONTHLY|MATURE|4',
    ],
    digest: '1b76188cbf5f006bbdc0bf0f52ce38ce9e08c34d8e9f94e6c612c24e08edc35d',
  },
};
