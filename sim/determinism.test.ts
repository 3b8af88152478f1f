import type { Transaction } from 'plaid';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type SimHarness } from './testing';

const CLOCK = '2026-03-15';

/** A transaction with everything Item-specific (ids) taken out. */
function withoutIds(
  t: Transaction,
): Omit<Transaction, 'transaction_id' | 'account_id' | 'pending_transaction_id'> {
  const { transaction_id: _t, account_id: _a, pending_transaction_id: _p, ...rest } = t;
  return rest;
}

describe('deterministic data', () => {
  const harnesses: SimHarness[] = [];
  const start = async (seed: number) => {
    const h = await startHarness({ clock: CLOCK, statePath: null, seed });
    harnesses.push(h);
    return h;
  };
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((h) => h.close()));
  });

  it('gives two Items at the same institution on the same day the same transactions, apart from ids', async () => {
    const h = await start(7);
    const a = await h.linkItem({ daysRequested: 730 });
    const b = await h.linkItem({ daysRequested: 730 });
    const [syncA, syncB] = [await h.syncAll(a.accessToken), await h.syncAll(b.accessToken)];
    expect(syncA.added.length).toBeGreaterThanOrEqual(600);
    expect(syncA.added.map(withoutIds)).toEqual(syncB.added.map(withoutIds));
    const idsA = new Set(syncA.added.map((t) => t.transaction_id));
    expect(syncB.added.some((t) => idsA.has(t.transaction_id))).toBe(false);
    const accountsA = (await h.plaid.accountsGet({ access_token: a.accessToken })).data.accounts;
    const accountsB = (await h.plaid.accountsGet({ access_token: b.accessToken })).data.accounts;
    expect(accountsA.map((x) => x.balances)).toEqual(accountsB.map((x) => x.balances));
    expect(accountsA.map((x) => x.account_id)).not.toEqual(accountsB.map((x) => x.account_id));
  });

  it('reproduces the same data from the same seed in another simulator', async () => {
    const first = await start(42);
    const second = await start(42);
    const syncFirst = await first.syncAll((await first.linkItem()).accessToken);
    const syncSecond = await second.syncAll((await second.linkItem()).accessToken);
    expect(syncFirst.added.map(withoutIds)).toEqual(syncSecond.added.map(withoutIds));
  });

  it('gives a different seed, or a different institution, a different history', async () => {
    const h = await start(42);
    const other = await start(43);
    const base = (await h.syncAll((await h.linkItem()).accessToken)).added.map(withoutIds);
    const otherSeed = (await other.syncAll((await other.linkItem()).accessToken)).added.map(withoutIds);
    const otherBank = (
      await h.syncAll((await h.linkItem({ institutionId: 'ins_109510' })).accessToken)
    ).added.map(withoutIds);
    expect(otherSeed).not.toEqual(base);
    expect(otherBank).not.toEqual(base);
  });

  it('starts each Item’s history days_requested days before it was linked', async () => {
    const h = await start(1);
    const short = await h.syncAll((await h.linkItem({ daysRequested: 30 })).accessToken);
    const oldest = short.added.map((t) => t.authorized_date ?? t.date).sort()[0]!;
    expect(oldest >= '2026-02-13').toBe(true);
    expect(short.added.length).toBeLessThan(120);
    expect(short.added.length).toBeGreaterThan(20);
  });
});

describe('transaction ids', () => {
  it('are 37 alphanumerics, the same for the same Item and slot, and distinct across a million slots', async () => {
    const { transactionId } = await import('./txn-ids');
    expect(transactionId('item-a', 'txn:credit:20500:coffee:posted')).toMatch(/^[A-Za-z0-9]{37}$/);
    expect(transactionId('item-a', 'txn:credit:20500:coffee:posted')).toBe(
      transactionId('item-a', 'txn:credit:20500:coffee:posted'),
    );
    expect(transactionId('item-b', 'txn:credit:20500:coffee:posted')).not.toBe(
      transactionId('item-a', 'txn:credit:20500:coffee:posted'),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++)
      seen.add(transactionId('item-a', `txn:credit:${20000 + (i % 730)}:coffee#${i}:posted`));
    expect(seen.size).toBe(1_000_000);
  });
});
