/**
 * Balances and net worth against the simulator, with simulated time: daily balances equal the
 * simulator's truth, net worth today is the accounts panel plus the manual values, snapshots
 * accumulate a day at a time and the history survives a restart.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Core } from '../../src/main/services/core';
import type { Account } from '../../src/shared/api';
import type { BalanceSnapshot, BreakdownAccount, NetWorthDay } from '../../src/shared/contract/net-worth';
import { toMinor } from '../../src/shared/money';
import { openLedgerDb } from '../support/ledger-file';
import { call, FIRST_PLATYPUS, openTestCore, simulatorSuite, type SimAdmin } from './helpers';

const suite = simulatorSuite();

const TruthBalances = z.object({
  date: z.string(),
  accounts: z.array(z.object({ account_id: z.string(), current: z.number(), iso_currency_code: z.string() })),
});

async function truthOn(admin: SimAdmin, itemId: string, date: string): Promise<Map<string, number>> {
  const reply = TruthBalances.parse(
    await admin.request('GET', `/__sim/truth/balances?item_id=${itemId}&date=${date}`),
  );
  expect(reply.date).toBe(date);
  return new Map(reply.accounts.map((a) => [a.account_id, toMinor(a.current, a.iso_currency_code)]));
}

async function breakdown(core: Core, date: string | null = null) {
  return call<{
    date: string;
    accounts: BreakdownAccount[];
    manual: { valueMinor: number | null; side: string }[];
  }>(core, 'netWorth.breakdown', { date });
}

async function linkDemoBank(core: Core): Promise<string> {
  const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
  if (outcome.status !== 'linked') throw new Error(`expected a linked Item, got ${JSON.stringify(outcome)}`);
  return outcome.itemId;
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('balances and net worth against the simulator', () => {
  it('daily balances equal the truth across the history; accounts without transactions start at their first snapshot', async () => {
    const { core } = await suite.freshCore();
    const itemId = await linkDemoBank(core);
    const today = (await breakdown(core)).date;
    const { accounts } = await breakdown(core, today);
    const withHistory = accounts.filter((a) => !a.snapshotsOnly);
    const snapshotsOnly = accounts.filter((a) => a.snapshotsOnly);
    expect(withHistory.map((a) => a.type).sort()).toEqual(['credit', 'depository', 'depository']);
    expect(snapshotsOnly.length).toBeGreaterThan(0);
    for (const a of snapshotsOnly) expect(a.historyFrom).toBe(today);

    const earliest = withHistory.map((a) => a.historyFrom!).sort()[0]!;
    expect(earliest < addDays(today, -365)).toBe(true);
    let checked = 0;
    for (let date = addDays(earliest, 3); date <= today; date = addDays(date, 41)) {
      const truth = await truthOn(suite.admin, itemId, date);
      const mine = await breakdown(core, date);
      for (const a of mine.accounts) {
        if (a.historyFrom === null || a.historyFrom > date) {
          expect(a.balanceMinor, `${a.name} before its history`).toBeNull();
          continue;
        }
        expect(a.balanceMinor, `${a.name} on ${date}`).toBe(truth.get(a.accountId));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    const truthToday = await truthOn(suite.admin, itemId, today);
    for (const a of accounts) expect(a.balanceMinor, `${a.name} today`).toBe(truthToday.get(a.accountId));
  });

  it('a loan before its first snapshot follows its amortisation, marked as estimated, with no jump on the day of linking', async () => {
    const { core } = await suite.freshCore();
    const outcome = await core.linkSandboxItem(FIRST_PLATYPUS, ['liabilities']);
    if (outcome.status !== 'linked') throw new Error('expected a linked Item');
    const itemId = outcome.itemId;
    const today = (await breakdown(core)).date;
    const { accounts } = await breakdown(core, today);
    const loans = accounts.filter((a) => a.type === 'loan');
    expect(loans).toHaveLength(2);
    const earliest = accounts
      .filter((a) => !a.snapshotsOnly)
      .map((a) => a.historyFrom!)
      .sort()[0]!;
    for (const loan of loans) {
      expect(loan.estimatedUntil, loan.name).toBe(addDays(today, -1));
      expect(loan.historyFrom! <= addDays(earliest, 400), loan.name).toBe(true);
      expect(loan.historyFrom! < today).toBe(true);
    }
    // Sampled days across the estimate: within half a percent of the bank's own balance, marked.
    let sampled = 0;
    for (let date = addDays(today, -1); date >= earliest; date = addDays(date, -37)) {
      const truth = await truthOn(suite.admin, itemId, date);
      for (const loan of (await breakdown(core, date)).accounts.filter((a) => a.type === 'loan')) {
        if (loan.balanceMinor === null) continue;
        const owed = truth.get(loan.accountId)!;
        expect(Math.abs(loan.balanceMinor - owed), `${loan.name} on ${date}`).toBeLessThanOrEqual(
          Math.max(100, owed * 0.005),
        );
        sampled++;
      }
    }
    expect(sampled).toBeGreaterThan(10);
    const { days } = await call<{ days: NetWorthDay[] }>(core, 'netWorth.series', {
      from: addDays(today, -60),
    });
    expect(days.at(-1)).toMatchObject({ date: today, estimated: false });
    expect(days.at(-2)).toMatchObject({ date: addDays(today, -1), estimated: true });
    // No jump on the day of linking: the loans move by no more than a monthly payment's principal.
    const yesterday = days.at(-2)!.liabilitiesMinor;
    const card = accounts.find((a) => a.type === 'credit')!;
    const cardMove = Math.abs(
      (await breakdown(core, addDays(today, -1))).accounts.find((a) => a.accountId === card.accountId)!
        .balanceMinor! - card.balanceMinor!,
    );
    expect(Math.abs(days.at(-1)!.liabilitiesMinor - yesterday) - cardMove).toBeLessThan(300_000);
  });

  it("today's net worth is the accounts panel's balances plus the manual values, per currency", async () => {
    const { core } = await suite.freshCore();
    await linkDemoBank(core);
    const today = (await breakdown(core)).date;
    await call(core, 'manualAssets.create', {
      name: 'House',
      kind: 'asset',
      currency: 'USD',
      date: addDays(today, -30),
      valueMinor: 45_000_000,
    });
    const { id: loan } = await call<{ id: string }>(core, 'manualAssets.create', {
      name: 'Loan from Sam',
      kind: 'liability',
      currency: 'USD',
      date: addDays(today, -10),
      valueMinor: 500_000,
    });
    await call(core, 'manualAssets.setValue', {
      assetId: loan,
      date: addDays(today, -2),
      valueMinor: 300_000,
    });

    const { accounts } = await call<{ accounts: Account[] }>(core, 'accounts.list');
    const liability = (a: Account) => a.type === 'credit' || a.type === 'loan';
    const assets = accounts.filter((a) => !liability(a)).reduce((s, a) => s + (a.currentMinor ?? 0), 0);
    const owed = accounts.filter(liability).reduce((s, a) => s + (a.currentMinor ?? 0), 0);
    const { days } = await call<{ days: NetWorthDay[] }>(core, 'netWorth.series', {
      from: addDays(today, -40),
    });
    const last = days[days.length - 1]!;
    expect(last).toEqual({
      date: today,
      currency: 'USD',
      assetsMinor: assets + 45_000_000,
      liabilitiesMinor: owed + 300_000,
      netWorthMinor: assets + 45_000_000 - owed - 300_000,
      // Today is a day of reported balances, not an estimate.
      estimated: false,
    });
    // The house counts from its date on, the loan's later value replaces the first one.
    const on = (date: string) => days.find((d) => d.date === date)!;
    expect(on(addDays(today, -30)).assetsMinor - on(addDays(today, -31)).assetsMinor).toBeGreaterThan(
      40_000_000,
    );
    await expect(
      call(core, 'manualAssets.create', {
        name: 'Car',
        kind: 'asset',
        currency: 'USD',
        date: 'soon',
        valueMinor: 1,
      }),
    ).rejects.toThrow(/date is not valid|YYYY-MM-DD/);
  });

  it('snapshots accumulate a day at a time, stay equal to the truth, and the history survives a restart', async () => {
    const dataDir = suite.dataDir();
    const core = await openTestCore({ dataDir, sim: suite.sim });
    const itemId = await linkDemoBank(core);
    const firstDay = (await breakdown(core)).date;
    for (let i = 1; i <= 3; i++) {
      await suite.admin.advance(1);
      const { results } = await call<{ results: { status: string }[] }>(core, 'sync.run', { itemId });
      expect(results[0]?.status).toBe('ok');
      const date = addDays(firstDay, i);
      const truth = await truthOn(suite.admin, itemId, date);
      const mine = await breakdown(core, date);
      expect(mine.date).toBe(date);
      // Loans and brokerage accounts too: each day now has its own snapshot.
      for (const a of mine.accounts)
        expect(a.balanceMinor, `${a.name} on ${date}`).toBe(truth.get(a.accountId));
    }
    const refreshed = await call<{ balances: BalanceSnapshot[] }>(core, 'balances.refresh', { itemId });
    expect(refreshed.balances.every((b) => b.source === 'refresh' && b.asOf === addDays(firstDay, 3))).toBe(
      true,
    );
    const { requests } = (await suite.admin.request('GET', '/__sim/requests')) as {
      requests: Record<string, { status: number }[]>;
    };
    expect(requests['/accounts/balance/get']).toEqual([expect.objectContaining({ status: 200 })]);

    const series = await call<{ days: NetWorthDay[] }>(core, 'netWorth.series', {});
    await core.close();
    const db = openLedgerDb(dataDir, 'demo');
    const snapshotDays = db.prepare(`SELECT count(DISTINCT as_of) FROM balance_snapshots`).pluck().get();
    db.close();
    expect(snapshotDays).toBe(4);

    const reopened = suite.own(await openTestCore({ dataDir, sim: suite.sim }));
    expect(await call(reopened, 'netWorth.series', {})).toEqual(
      expect.objectContaining({ days: series.days }),
    );
  });
});
