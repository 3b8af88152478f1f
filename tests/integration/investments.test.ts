/**
 * Investments against the simulator: after a sync the ledger's holdings (cash included, shown as
 * cash), securities and investment transactions equal the simulator's truth, before and after a
 * 35-day clock step; the value history equals the simulator's own valuation on snapshot days; a
 * bank without investments gives an empty portfolio and a healthy Item.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { everyInvestmentTransaction } from '../../src/cli/commands/portfolio';
import type { Core } from '../../src/main/services/core';
import { toMinor } from '../../src/shared/money';
import type { LinkPageResult } from '../../src/shared/link';
import type {
  InvestmentTransaction,
  PortfolioHoldings,
  ValueSeries,
} from '../../src/shared/contract/portfolio';
import { call, FIRST_PLATYPUS, simulatorSuite, type SimAdmin } from './helpers';

const TATTERSALL = 'ins_109510';

const TruthSecurity = z.object({
  security_id: z.string(),
  name: z.string().nullable(),
  ticker_symbol: z.string().nullable(),
  type: z.string().nullable(),
});
const TruthHoldings = z.object({
  holdings: z.array(
    z.object({
      account_id: z.string(),
      security_id: z.string(),
      quantity: z.number(),
      institution_price: z.number(),
      institution_price_as_of: z.string(),
      institution_value: z.number(),
      cost_basis: z.number().nullable(),
    }),
  ),
  securities: z.array(TruthSecurity),
});
const TruthTransactions = z.object({
  investment_transactions: z.array(
    z.object({
      investment_transaction_id: z.string(),
      account_id: z.string(),
      security_id: z.string().nullable(),
      date: z.string(),
      quantity: z.number(),
      price: z.number(),
      amount: z.number(),
      fees: z.number().nullable(),
      type: z.string(),
      subtype: z.string(),
    }),
  ),
});
const TruthValuations = z.object({
  accounts: z.array(
    z.object({
      account_id: z.string(),
      valuations: z.array(z.object({ date: z.string(), value: z.number(), cash: z.number() })),
    }),
  ),
});

const suite = simulatorSuite();
let admin: SimAdmin;
beforeAll(() => {
  ({ admin } = suite);
});

/** Links through the Link presenter with a public token whose Item has the products asked for. */
async function linked(core: Core, institutionId: string, products: string[]) {
  core.setLinkPresenter(async (): Promise<LinkPageResult> => {
    const { public_token } = (await admin.plaid('/sandbox/public_token/create', {
      institution_id: institutionId,
      initial_products: products,
    })) as { public_token: string };
    return {
      kind: 'success',
      publicToken: public_token,
      metadata: {
        institution: { name: institutionId, institution_id: institutionId },
        accounts: [],
        link_session_id: 'x',
      },
    };
  });
  const outcome = await call<{ status: string; itemId: string; sync: unknown }>(core, 'link.open');
  expect(outcome).toMatchObject({ status: 'linked', sync: { status: 'ok', error: null } });
  return outcome.itemId;
}

const q = (itemId: string) => `?item_id=${encodeURIComponent(itemId)}`;

async function expectHoldingsEqualTruth(core: Core, itemId: string) {
  const truth = TruthHoldings.parse(await admin.request('GET', `/__sim/truth/holdings${q(itemId)}`));
  const securities = new Map(truth.securities.map((s) => [s.security_id, s]));
  const mine = await call<PortfolioHoldings>(core, 'portfolio.holdings');
  const held = mine.accounts.flatMap((a) => a.holdings);
  const expected = truth.holdings
    .map((h) => {
      const security = securities.get(h.security_id)!;
      const isCash = security.ticker_symbol === 'CUR:USD';
      return {
        accountId: h.account_id,
        securityId: h.security_id,
        name: security.name,
        ticker: security.ticker_symbol,
        type: security.type,
        isCash,
        quantity: h.quantity,
        price: h.institution_price,
        priceAsOf: h.institution_price_as_of,
        valueMinor: toMinor(h.institution_value, 'USD'),
        costBasisMinor: isCash || h.cost_basis === null ? null : toMinor(h.cost_basis, 'USD'),
      };
    })
    .sort(bySecurity);
  expect(expected.length).toBeGreaterThan(3);
  expect(expected.some((h) => h.isCash)).toBe(true);
  expect(
    held
      .map((h) => ({
        accountId: h.accountId,
        securityId: h.securityId,
        name: h.name,
        ticker: h.ticker,
        type: h.type,
        isCash: h.isCash,
        quantity: h.quantity,
        price: h.price,
        priceAsOf: h.priceAsOf,
        valueMinor: h.valueMinor,
        costBasisMinor: h.costBasisMinor,
      }))
      .sort(bySecurity),
  ).toEqual(expected);
  // Cash counted once: each account's total is the sum of its rows, cash row included.
  for (const a of mine.accounts) {
    const [total] = a.totals;
    expect(total?.valueMinor).toBe(a.holdings.reduce((s, h) => s + h.valueMinor, 0));
    expect(total?.cashMinor).toBe(a.holdings.filter((h) => h.isCash).reduce((s, h) => s + h.valueMinor, 0));
  }
  // One security per account, never twice; weights add to 1 per account.
  for (const a of mine.accounts) {
    expect(new Set(a.holdings.map((h) => h.securityId)).size).toBe(a.holdings.length);
    if (a.holdings.length) expect(a.holdings.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 9);
  }
}

const bySecurity = (a: { accountId: string | null; securityId: string }, b: typeof a) =>
  `${a.accountId}|${a.securityId}` < `${b.accountId}|${b.securityId}` ? -1 : 1;

async function expectTransactionsEqualTruth(core: Core, itemId: string) {
  const truth = TruthTransactions.parse(
    await admin.request('GET', `/__sim/truth/investment_transactions${q(itemId)}`),
  ).investment_transactions;
  const oldest = truth.reduce((d, t) => (t.date < d ? t.date : d), '9999-12-31');
  // Read as `coffer investment-transactions` reads them, in pages small enough to need several.
  const transactions: InvestmentTransaction[] = [];
  for await (const t of everyInvestmentTransaction(core, { from: oldest, to: null }, 50))
    transactions.push(t);
  const pick = (t: InvestmentTransaction) => ({
    id: t.id,
    accountId: t.accountId,
    securityId: t.securityId,
    date: t.date,
    quantity: t.quantity,
    price: t.price,
    amountMinor: t.amountMinor,
    feesMinor: t.feesMinor,
    type: t.type,
    subtype: t.subtype,
  });
  expect(truth.length).toBeGreaterThan(50);
  expect(transactions.map(pick).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
    truth
      .map((t) => ({
        id: t.investment_transaction_id,
        accountId: t.account_id,
        securityId: t.security_id,
        date: t.date,
        quantity: t.quantity,
        price: t.price,
        amountMinor: toMinor(t.amount, 'USD'),
        feesMinor: t.fees === null ? null : toMinor(t.fees, 'USD'),
        type: t.type,
        subtype: t.subtype,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  );
  // Every Plaid subtype keeps its own name.
  for (const t of transactions) expect(t.label.toLowerCase()).toBe(t.subtype);
}

/** Days with a snapshot (not estimated) equal the simulator's own valuation of the account. */
async function expectSnapshotsEqualTruth(core: Core, itemId: string): Promise<number> {
  const truth = TruthValuations.parse(await admin.request('GET', `/__sim/truth/valuations${q(itemId)}`));
  const { series } = await call<{ series: ValueSeries[] }>(core, 'portfolio.history', {});
  let compared = 0;
  for (const account of truth.accounts) {
    const mine = series.find((s) => s.accountId === account.account_id);
    expect(mine, account.account_id).toBeDefined();
    const truthByDate = new Map(account.valuations.map((v) => [v.date, toMinor(v.value, 'USD')]));
    for (const p of mine!.points.filter((p) => !p.estimated)) {
      if (!truthByDate.has(p.date)) continue;
      expect(p.valueMinor, `${account.account_id} ${p.date}`).toBe(truthByDate.get(p.date));
      compared++;
    }
  }
  return compared;
}

describe('investments sync', () => {
  it('holds the simulator’s holdings, securities, transactions and valuations, before and after 35 days', async () => {
    const { core } = await suite.freshCore();
    const itemId = await linked(core, FIRST_PLATYPUS, ['transactions', 'investments']);
    await expectHoldingsEqualTruth(core, itemId);
    await expectTransactionsEqualTruth(core, itemId);
    expect(await expectSnapshotsEqualTruth(core, itemId)).toBeGreaterThanOrEqual(2);

    await admin.advance(35);
    const [result] = await call<{ results: { status: string }[] }>(core, 'sync.run', { itemId }).then(
      (r) => r.results,
    );
    expect(result?.status).toBe('ok');
    await expectHoldingsEqualTruth(core, itemId);
    await expectTransactionsEqualTruth(core, itemId);
    // Two syncs, two snapshots per account: both equal the truth.
    expect(await expectSnapshotsEqualTruth(core, itemId)).toBeGreaterThanOrEqual(4);

    const { series } = await call<{
      series: { periods: { period: string; quality: string; twr: number | null }[] }[];
    }>(core, 'portfolio.performance');
    expect(series.length).toBeGreaterThan(1);
    for (const s of series)
      for (const p of s.periods) {
        expect(['exact', 'estimated', 'unavailable']).toContain(p.quality);
        if (p.quality !== 'unavailable') expect(Number.isFinite(p.twr)).toBe(true);
      }
  });

  it('gives a bank without investments an empty portfolio and a healthy Item', async () => {
    const { core } = await suite.freshCore();
    const itemId = await linked(core, TATTERSALL, ['transactions']);
    const holdings = await call<PortfolioHoldings>(core, 'portfolio.holdings');
    expect(holdings).toEqual({
      accounts: [],
      combined: [],
      totals: [],
      allocation: { byType: [], byAccount: [], byCurrency: [] },
    });
    const { items } = await call<{ items: { id: string; status: string; health: string }[] }>(
      core,
      'items.list',
    );
    expect(items.find((i) => i.id === itemId)).toMatchObject({ health: 'ok' });
  });

  it('leaves an Item whose user did not share investments healthy, asking Plaid for none', async () => {
    const { core } = await suite.freshCore();
    const itemId = await linked(core, FIRST_PLATYPUS, ['transactions']);
    const { accounts } = await call<PortfolioHoldings>(core, 'portfolio.holdings');
    // The brokerage account is listed (it is an investment account) but holds nothing from Plaid.
    expect(accounts.length).toBeGreaterThan(0);
    for (const a of accounts) expect(a.holdings).toEqual([]);
    const { items } = await call<{ items: { id: string; health: string }[] }>(core, 'items.list');
    expect(items.find((i) => i.id === itemId)).toMatchObject({ health: 'ok' });
  });
});
