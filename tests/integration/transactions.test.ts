/**
 * Issue 7 over the real simulator and the real core (worker thread included): simulated-time
 * sequences end equal to the truth, pending → posted keeps the user's edits, rules, search, the
 * chart's drill-down, recurring streams, and everything still answers with the simulator gone.
 */
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/services/core';
import type {
  Category,
  RecurringStream,
  SpendingCell,
  SyncResult,
  Transaction,
  TransactionSummary,
} from '../../src/shared/api';
import type { RunningSimulator } from '../../sim/index';
import { openLedgerDb } from '../support/ledger-file';
import { requireTestKeyring } from '../support/keyring';
import {
  call,
  FIRST_PLATYPUS,
  forgetSecrets,
  ledgerOf,
  openTestCore,
  SimAdmin,
  startTestSimulator,
  tempDir,
  truthOf,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
beforeAll(() => requireTestKeyring());

async function setup(syncPageSize?: number) {
  const sim = await startTestSimulator();
  const dataDir = tempDir();
  const core = await openTestCore({ dataDir, sim, testing: { syncPageSize } });
  cleanups.push(
    // The offline test stops the simulator itself.
    () => sim.close().catch(() => undefined),
    () => fs.rmSync(dataDir, { recursive: true, force: true }),
    () => forgetSecrets(dataDir),
    () => core.close(),
  );
  const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
  if (outcome.status !== 'linked') throw new Error('link failed');
  return { sim, core, admin: new SimAdmin(sim), itemId: outcome.itemId };
}

async function sync(core: Core, itemId: string): Promise<SyncResult> {
  const { results } = await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId });
  expect(results[0]).toMatchObject({ status: 'ok' });
  return results[0]!;
}

/** Raw truth rows (with pending_transaction_id), straight from the simulator's admin API. */
async function rawTruth(sim: RunningSimulator, itemId: string) {
  const res = await fetch(`${sim.url}/__sim/truth/transactions?item_id=${encodeURIComponent(itemId)}`, {
    headers: { 'PLAID-CLIENT-ID': sim.clientId, 'PLAID-SECRET': sim.secret },
  });
  return (
    (await res.json()) as {
      transactions: { transaction_id: string; pending_transaction_id: string | null }[];
    }
  ).transactions;
}

async function list(core: Core, filter: Record<string, unknown>): Promise<Transaction[]> {
  const out: Transaction[] = [];
  let after: string | null = null;
  do {
    const page: { transactions: Transaction[]; next: string | null } = await call(core, 'transactions.list', {
      ...filter,
      limit: 500,
      after,
      includeTotal: false,
    });
    out.push(...page.transactions);
    after = page.next;
  } while (after);
  return out;
}

describe('transactions over simulated time', () => {
  it('advance, sync, advance, sync… always ends equal to the truth, with nothing duplicated', async () => {
    const { core, admin, itemId } = await setup(60);
    for (const days of [1, 3, 2, 7, 1, 5]) {
      await admin.advance(days);
      await sync(core, itemId);
      const ledger = await ledgerOf(core, itemId);
      expect(new Set(ledger.map((t) => t.id)).size).toBe(ledger.length);
      expect(ledger).toEqual(await truthOf(admin, itemId));
    }
  });

  it('a category and a note set on a pending row are on its posted row after the clock moves and a sync', async () => {
    const { sim, core, admin, itemId } = await setup(7);
    const pending = await list(core, { pending: true });
    expect(pending.length).toBeGreaterThan(0);
    const target = pending[0]!;
    await call(core, 'transactions.update', {
      id: target.id,
      category: 'ENTERTAINMENT_OTHER_ENTERTAINMENT',
      note: 'split with Alex later',
    });
    let successor: string | null = null;
    for (let day = 0; day < 20 && successor === null; day++) {
      await admin.advance(1);
      successor =
        (await rawTruth(sim, itemId)).find((t) => t.pending_transaction_id === target.id)?.transaction_id ??
        null;
    }
    expect(successor).not.toBeNull();
    await sync(core, itemId);
    const posted = await call<Transaction>(core, 'transactions.get', { id: successor });
    expect(posted).toMatchObject({
      pending: false,
      pendingTransactionId: target.id,
      category: 'ENTERTAINMENT_OTHER_ENTERTAINMENT',
      categorySource: 'user',
      note: 'split with Alex later',
    });
    // The pending row is gone from view, and the ledger is still exactly the truth.
    await expect(call(core, 'transactions.get', { id: target.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await ledgerOf(core, itemId)).toEqual(await truthOf(admin, itemId));
  });
});

describe('finding and reading transactions', () => {
  it('search finds by merchant; a rule recategorises history; a chart cell drills down to exactly its rows', async () => {
    const { core } = await setup();
    const all = await list(core, {});
    // The household's most frequent merchant, searched by the start of its first word.
    const counts = new Map<string, number>();
    for (const t of all)
      if (t.merchantName) counts.set(t.merchantName, (counts.get(t.merchantName) ?? 0) + 1);
    const merchant = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const word = merchant.split(/\s+/)[0]!;
    const stem = word.slice(0, Math.max(3, word.length - 1)).toLowerCase();
    const matches = (t: Transaction) =>
      [t.merchantName ?? '', t.name, t.categoryName ?? '', t.note ?? ''].some((text) =>
        text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .some((w) => w.startsWith(stem)),
      );
    const found = await list(core, { query: stem });
    expect(found.length).toBeGreaterThanOrEqual(counts.get(merchant)!);
    expect(found.map((t) => t.id).sort()).toEqual(
      all
        .filter(matches)
        .map((t) => t.id)
        .sort(),
    );
    const byMerchant = found.filter((t) => t.merchantName === merchant);
    expect(byMerchant.length).toBe(counts.get(merchant));

    const { category } = {
      category: await call<Category>(core, 'categories.create', { name: 'Coffee habit' }),
    };
    const created = await call<{ changed: number }>(core, 'rules.create', {
      name: 'A habit',
      conditions: { merchantContains: merchant.toUpperCase() },
      actions: { category: category.id, addTags: ['habit'] },
      applyToHistory: true,
    });
    expect(created.changed).toBe(byMerchant.length);
    const recategorised = await list(core, { categories: [category.id] });
    expect(recategorised.map((t) => t.id).sort()).toEqual(byMerchant.map((t) => t.id).sort());
    expect(recategorised.every((t) => t.categorySource === 'rule' && t.tags.includes('habit'))).toBe(true);

    const months = [...new Set(all.map((t) => (t.authorizedDate ?? t.date).slice(0, 7)))].sort();
    const { cells } = await call<{ cells: SpendingCell[] }>(core, 'spending.byCategory', {
      from: months[0],
      to: months.at(-1),
      currency: 'USD',
    });
    const cell = cells.find((c) => c.category === category.id && c.count > 1);
    expect(cell).toBeTruthy();
    const [y, m] = cell!.month.split('-').map(Number);
    const lastDay = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
    const drill = {
      dateBasis: 'spending',
      dateFrom: `${cell!.month}-01`,
      dateTo: `${cell!.month}-${String(lastDay).padStart(2, '0')}`,
      categories: [category.id],
      excludeTransfers: true,
      excluded: false,
      currency: 'USD',
    };
    const rows = await list(core, drill);
    const expected = all.filter(
      (t) =>
        byMerchant.some((f) => f.id === t.id) &&
        !t.transfer &&
        (t.authorizedDate ?? t.date).slice(0, 7) === cell!.month,
    );
    expect(rows.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    const summary = await call<TransactionSummary>(core, 'transactions.summary', drill);
    expect(summary).toEqual({
      count: cell!.count,
      byCurrency: [{ currency: 'USD', count: cell!.count, sumMinor: cell!.amountMinor }],
    });
  });

  it('an edit shows in the chart at once, and the worker folds it into the aggregates right after', async () => {
    const { core } = await setup();
    const all = await list(core, {});
    const row = all.find((t) => !t.pending && !t.transfer && t.amountMinor > 0 && t.splits.length === 0);
    expect(row).toBeTruthy();
    const month = (row!.authorizedDate ?? row!.date).slice(0, 7);
    const category = await call<Category>(core, 'categories.create', { name: 'Edited right now' });
    const chart = async () =>
      (
        await call<{ cells: SpendingCell[] }>(core, 'spending.byCategory', {
          from: month,
          to: month,
          level: 'category',
          currency: 'USD',
        })
      ).cells;
    const before = await chart();
    await call(core, 'transactions.update', { id: row!.id, category: category.id });
    // Right away (computed live for the edited month).
    const live = await chart();
    expect(live.find((c) => c.category === category.id)).toMatchObject({
      amountMinor: row!.amountMinor,
      count: 1,
    });
    expect(live).not.toEqual(before);
    // Then folded back: no month left to compute live, and the same figures from the aggregate.
    const dirtyMonths = () => {
      const db = openLedgerDb(core.info().dataDir);
      try {
        return db.prepare('SELECT count(*) FROM spending_dirty').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const deadline = Date.now() + 10_000;
    while (dirtyMonths() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(dirtyMonths()).toBe(0);
    expect(await chart()).toEqual(live);
  });

  it('recurring streams come from /transactions/recurring/get with frequency, average and next date', async () => {
    const { core } = await setup();
    const { streams, updatedAt } = await call<{ streams: RecurringStream[]; updatedAt: string | null }>(
      core,
      'recurring.list',
      {},
    );
    expect(updatedAt).not.toBeNull();
    expect(streams.some((s) => s.direction === 'inflow' && s.frequency !== 'UNKNOWN')).toBe(true);
    const outflow = streams.find((s) => s.direction === 'outflow' && s.isActive);
    expect(outflow).toMatchObject({
      averageAmountMinor: expect.any(Number),
      predictedNextDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(outflow!.transactionIds.length).toBeGreaterThan(1);
  });

  it('transactions.refresh asks Plaid for fresh data and syncs', async () => {
    const { core } = await setup();
    const { results } = await call<{ results: SyncResult[] }>(core, 'transactions.refresh', {});
    expect(results).toEqual([expect.objectContaining({ status: 'ok' })]);
  });

  it('everything answers from the ledger with the simulator stopped', async () => {
    const { sim, core } = await setup();
    const before = await list(core, {});
    await sim.close();
    expect(await list(core, {})).toEqual(before);
    expect((await list(core, { query: 'payroll' })).length).toBeGreaterThan(0);
    const summary = await call<TransactionSummary>(core, 'transactions.summary', { pending: false });
    expect(summary.count).toBe(before.filter((t) => !t.pending).length);
    const target = before.find((t) => !t.pending)!;
    await call(core, 'transactions.update', { id: target.id, note: 'offline note', tags: ['offline'] });
    expect(await list(core, { tags: ['offline'] })).toEqual([
      expect.objectContaining({ id: target.id, note: 'offline note' }),
    ]);
    await call(core, 'transactions.split', {
      id: target.id,
      parts: [
        { amountMinor: target.amountMinor - 100, category: null },
        { amountMinor: 100, category: 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE' },
      ],
    });
    const months = [...new Set(before.map((t) => t.date.slice(0, 7)))].sort();
    const { cells } = await call<{ cells: SpendingCell[] }>(core, 'spending.byCategory', {
      from: months[0],
      to: months.at(-1),
    });
    expect(cells.length).toBeGreaterThan(0);
    await call(core, 'spending.incomeVsExpenses', { from: months[0], to: months.at(-1) });
    const { categories } = await call<{ categories: Category[] }>(core, 'categories.list');
    expect(categories.length).toBeGreaterThan(100);
    await call(core, 'rules.create', {
      name: 'offline rule',
      conditions: { nameContains: 'payroll' },
      actions: { addTags: ['salary'] },
      applyToHistory: true,
    });
    expect((await list(core, { tags: ['salary'] })).length).toBeGreaterThan(0);
    await call(core, 'recurring.list', {});
  });
});
