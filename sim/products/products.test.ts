/**
 * The product data behaves like a real household's: holdings follow from the investment
 * transactions, card statements are what checking pays, loans amortize, recurring streams are
 * the payroll and the bills, and everything is the same again for the same seed.
 */
import { CountryCode, Products, type InvestmentTransaction } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  plaidFailure,
  startHarness,
  startWebhookReceiver,
  verifyPlaidWebhook,
  type SimHarness,
} from '../testing';

const CLOCK = '2026-03-15';
const ALL = [
  Products.Transactions,
  Products.Auth,
  Products.Identity,
  Products.Investments,
  Products.Liabilities,
  Products.Assets,
];

function byKey<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((r) => [key(r), r]));
}

describe('product data', () => {
  let h: SimHarness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness({ clock: CLOCK, statePath: null, seed: 7 });
    ({ accessToken: token } = await h.linkItem({ products: ALL }));
  });
  afterAll(() => h.close());

  it('holds cash, stocks, ETFs, mutual funds and a bond, valued at the account balances', async () => {
    const { data } = await h.plaid.investmentsHoldingsGet({ access_token: token });
    expect(new Set(data.securities.map((s) => s.type))).toEqual(
      new Set(['cash', 'equity', 'etf', 'mutual fund', 'fixed income']),
    );
    const bond = data.securities.find((s) => s.type === 'fixed income')!;
    expect(bond.fixed_income).toMatchObject({
      yield_rate: { percentage: 3.5, type: 'coupon' },
      face_value: 100,
    });
    for (const account of data.accounts.filter((a) => a.type === 'investment')) {
      const held = data.holdings.filter((x) => x.account_id === account.account_id);
      expect(held.length).toBeGreaterThan(0);
      const value = held.reduce((s, x) => s + x.institution_value, 0);
      expect(account.balances.current).toBeCloseTo(value, 1);
      for (const x of held) {
        expect(x.cost_basis).toBeGreaterThan(0);
        expect(x.institution_value).toBeCloseTo(x.quantity * x.institution_price, 1);
      }
    }
  });

  it('explains every change in holdings and cash by the investment transactions in between', async () => {
    const before = (await h.plaid.investmentsHoldingsGet({ access_token: token })).data;
    await h.advanceClock(75);
    const after = (await h.plaid.investmentsHoldingsGet({ access_token: token })).data;
    const moved: InvestmentTransaction[] = [];
    for (let offset = 0; ; offset += 100) {
      const { data } = await h.plaid.investmentsTransactionsGet({
        access_token: token,
        start_date: '2026-03-16',
        end_date: '2026-05-29',
        options: { offset, count: 100 },
      });
      moved.push(...data.investment_transactions);
      if (offset + 100 >= data.total_investment_transactions) break;
    }
    const kinds = new Set(moved.map((t) => `${t.type}/${t.subtype}`));
    for (const kind of ['cash/contribution', 'buy/buy', 'cash/interest']) expect(kinds).toContain(kind);
    const cashId = after.securities.find((s) => s.type === 'cash')!.security_id;
    const key = (x: { account_id: string; security_id: string }) => `${x.account_id}|${x.security_id}`;
    const was = byKey(before.holdings, key);
    const now = byKey(after.holdings, key);
    for (const k of new Set([...was.keys(), ...now.keys()])) {
      const [accountId, securityId] = k.split('|');
      const rows = moved.filter((t) => t.account_id === accountId);
      const delta = (now.get(k)?.quantity ?? 0) - (was.get(k)?.quantity ?? 0);
      const explained =
        securityId === cashId
          ? -rows.reduce((s, t) => s + t.amount, 0)
          : rows.filter((t) => t.security_id === securityId).reduce((s, t) => s + t.quantity, 0);
      expect(delta, k).toBeCloseTo(explained, 2);
    }
  });

  it('covers buys, sells, dividends, interest and fees over two years, newest first', async () => {
    const all: InvestmentTransaction[] = [];
    let total = 0;
    for (let offset = 0; offset === 0 || offset < total; offset += 500) {
      const { data } = await h.plaid.investmentsTransactionsGet({
        access_token: token,
        start_date: '2024-01-01',
        end_date: '2026-12-31',
        options: { offset, count: 500 },
      });
      total = data.total_investment_transactions;
      all.push(...data.investment_transactions);
    }
    expect(all).toHaveLength(total);
    expect(new Set(all.map((t) => t.investment_transaction_id)).size).toBe(total);
    const dates = all.map((t) => t.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const types = new Set(all.map((t) => t.type));
    expect(types).toEqual(new Set(['buy', 'sell', 'cash', 'fee']));
    const subtypes = new Set(all.map((t) => t.subtype));
    for (const s of [
      'qualified dividend',
      'dividend',
      'interest',
      'account fee',
      'management fee',
      'contribution',
    ])
      expect(subtypes, s).toContain(s);
    for (const t of all.filter((x) => x.type === 'buy'))
      expect(t.amount).toBeCloseTo(t.quantity * t.price + (t.fees ?? 0), 1);
  });

  it('reports card statements that checking pays in full, with APRs by type', async () => {
    const { data } = await h.plaid.liabilitiesGet({ access_token: token });
    const card = data.liabilities.credit![0]!;
    expect(card.aprs.map((a) => a.apr_type).sort()).toEqual([
      'balance_transfer_apr',
      'cash_apr',
      'purchase_apr',
      'special',
    ]);
    const { added } = await h.syncAll(token);
    const payment = added.find(
      (t) => t.name === 'Plaid Credit Card Payment' && t.date === card.last_payment_date,
    );
    expect(payment?.amount).toBe(card.last_payment_amount);
    expect(card.last_statement_issue_date! < card.next_payment_due_date!).toBe(true);
    expect(card.minimum_payment_amount).toBeLessThanOrEqual(card.last_statement_balance!);
    expect(card.is_overdue).toBe(false);
  });

  it('amortizes the student loan and the mortgage, with this year’s interest', async () => {
    const { data } = await h.plaid.liabilitiesGet({ access_token: token });
    const mortgage = data.liabilities.mortgage![0]!;
    const student = data.liabilities.student![0]!;
    const balanceOf = (id: string) => data.accounts.find((a) => a.account_id === id)!.balances.current!;
    expect(mortgage.ytd_interest_paid).toBeGreaterThan(0);
    expect(mortgage.ytd_principal_paid).toBeGreaterThan(0);
    expect(balanceOf(mortgage.account_id)).toBeLessThan(mortgage.origination_principal_amount!);
    expect(mortgage.next_payment_due_date! > mortgage.last_payment_date!).toBe(true);
    expect(student.loan_status.type).toBe('repayment');
    expect(balanceOf(student.account_id!)).toBeLessThan(student.origination_principal_amount!);
    await h.advanceClock(31);
    const later = (await h.plaid.liabilitiesGet({ access_token: token })).data;
    const laterMortgage = later.liabilities.mortgage![0]!;
    expect(laterMortgage.ytd_interest_paid!).toBeGreaterThan(mortgage.ytd_interest_paid!);
    expect(later.accounts.find((a) => a.account_id === mortgage.account_id)!.balances.current).toBeLessThan(
      balanceOf(mortgage.account_id),
    );
  });

  it('finds payroll and subscriptions as recurring streams, not the coffee', async () => {
    const { data } = await h.plaid.transactionsRecurringGet({ access_token: token });
    const payroll = data.inflow_streams.find((s) => s.description.endsWith('Payroll'))!;
    expect(payroll).toMatchObject({ frequency: 'BIWEEKLY', status: 'MATURE', is_active: true });
    expect(payroll.average_amount.amount).toBeLessThan(0);
    const netflix = data.outflow_streams.find((s) => s.merchant_name === 'Netflix')!;
    expect(netflix.frequency).toBe('MONTHLY');
    expect(netflix.personal_finance_category?.primary).toBe('ENTERTAINMENT');
    expect(data.outflow_streams.some((s) => /coffee|starbucks|peet/i.test(s.description))).toBe(false);
    const { added } = await h.syncAll(token);
    const ids = new Set(added.map((t) => t.transaction_id));
    for (const id of [...payroll.transaction_ids, ...netflix.transaction_ids]) expect(ids).toContain(id);
  });

  it('pages /transactions/get over the same transactions sync returns', async () => {
    const synced = await h.syncAll(token);
    const got: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const { data } = await h.plaid.transactionsGet({
        access_token: token,
        start_date: '2020-01-01',
        end_date: '2030-01-01',
        options: { offset, count: 500 },
      });
      got.push(...data.transactions.map((t) => t.transaction_id));
      if (offset + 500 >= data.total_transactions) break;
    }
    expect(new Set(got)).toEqual(new Set(synced.added.map((t) => t.transaction_id)));
    expect(got).toHaveLength(new Set(got).size);
  });

  it('gives ACH numbers ending in the mask and the bank’s routing number, and the owners', async () => {
    const { data } = await h.plaid.authGet({ access_token: token });
    expect(data.numbers.ach).toHaveLength(2);
    for (const ach of data.numbers.ach) {
      const account = data.accounts.find((a) => a.account_id === ach.account_id)!;
      expect(ach.account.endsWith(account.mask!)).toBe(true);
      expect(ach.routing).toBe('011000138');
    }
    const identity = (await h.plaid.identityGet({ access_token: token })).data;
    for (const account of identity.accounts) {
      const owner = account.owners[0]!;
      expect(owner.names[0]).toMatch(/^\w+ \w+ \w+$/);
      expect(owner.emails.some((e) => e.primary)).toBe(true);
      expect(owner.addresses[0]!.data.country).toBe('US');
    }
  });

  it('announces a finished Asset Report with a signed ASSETS / PRODUCT_READY webhook', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { data: created } = await h.plaid.assetReportCreate({
        access_tokens: [token],
        days_requested: 30,
        options: { webhook: receiver.url },
      });
      await h.advanceClock(1);
      const [webhook] = await receiver.waitFor(
        (w) => w.body.webhook_type === 'ASSETS' && w.body.webhook_code === 'PRODUCT_READY',
      );
      expect(webhook!.body.asset_report_id).toBe(created.asset_report_id);
      await verifyPlaidWebhook(h.plaid, webhook!);
    } finally {
      await receiver.close();
    }
  });

  it('builds an Asset Report once ready, with balance histories that end at today’s balances', async () => {
    const { data: created } = await h.plaid.assetReportCreate({ access_tokens: [token], days_requested: 30 });
    const early = await plaidFailure(
      h.plaid.assetReportGet({ asset_report_token: created.asset_report_token }),
    );
    expect(early.data).toMatchObject({ error_type: 'ASSET_REPORT_ERROR', error_code: 'PRODUCT_NOT_READY' });
    await h.advanceClock(1);
    const { data } = await h.plaid.assetReportGet({ asset_report_token: created.asset_report_token });
    const accounts = data.report.items[0]!.accounts;
    const checking = accounts.find((a) => a.subtype === 'checking')!;
    expect(checking.historical_balances).toHaveLength(30);
    expect(checking.transactions.length).toBeGreaterThan(5);
    const { data: now } = await h.plaid.accountsGet({ access_token: token });
    // The report was taken on the day before the clock step.
    expect(accounts.map((a) => a.account_id)).toEqual(now.accounts.map((a) => a.account_id));
  });

  it('serves the truth of holdings, investment transactions and liabilities, equal to what the API pages', async () => {
    // Its own Item, and last in this file: it moves the shared clock.
    const { accessToken: itemToken, itemId: ownId } = await h.linkItem({ products: ALL });
    for (let step = 0; step < 2; step++) {
      const holdings = await h.admin<{ holdings: unknown[] }>(
        'GET',
        `/__sim/truth/holdings?item_id=${ownId}`,
      );
      const api = (await h.plaid.investmentsHoldingsGet({ access_token: itemToken })).data;
      expect(holdings.holdings).toEqual(api.holdings);
      expect(holdings.holdings.length).toBeGreaterThan(3);

      const truth = await h.admin<{ investment_transactions: { investment_transaction_id: string }[] }>(
        'GET',
        `/__sim/truth/investment_transactions?item_id=${ownId}`,
      );
      const paged: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const { data } = await h.plaid.investmentsTransactionsGet({
          access_token: itemToken,
          start_date: '2000-01-01',
          end_date: '2100-01-01',
          options: { offset, count: 100 },
        });
        paged.push(...data.investment_transactions.map((t) => t.investment_transaction_id));
        if (offset + 100 >= data.total_investment_transactions) break;
      }
      expect(truth.investment_transactions.map((t) => t.investment_transaction_id)).toEqual(paged);
      expect(paged.length).toBeGreaterThan(10);

      const liabilities = await h.admin<{ liabilities: unknown }>(
        'GET',
        `/__sim/truth/liabilities?item_id=${ownId}`,
      );
      expect(liabilities.liabilities).toEqual(
        (await h.plaid.liabilitiesGet({ access_token: itemToken })).data.liabilities,
      );
      await h.advanceClock(35);
    }
  });
});

describe('bank income through Link', () => {
  it('reports the payroll of an Item linked with the user’s token as biweekly salary', async () => {
    const h = await startHarness({ clock: CLOCK, statePath: null });
    try {
      const { data: user } = await h.plaid.userCreate({ client_user_id: 'income-user' });
      const { data: link } = await h.plaid.linkTokenCreate({
        client_name: 'Coffer',
        language: 'en',
        country_codes: [CountryCode.Us],
        user_token: user.user_token!,
        products: [Products.IncomeVerification],
      });
      const { publicToken, linkSessionId } = await h.linkThroughStandIn(link.link_token);
      await h.plaid.itemPublicTokenExchange({ public_token: publicToken });
      const { data } = await h.plaid.creditBankIncomeGet({ user_token: user.user_token! });
      const report = data.bank_income![0]!;
      const salary = report.items![0]!.bank_income_sources!.find((s) => s.income_category === 'SALARY')!;
      expect(salary).toMatchObject({ pay_frequency: 'BIWEEKLY' });
      expect(salary.total_amount).toBeGreaterThan(0);
      expect(report.bank_income_summary!.total_amount).toBeGreaterThanOrEqual(salary.total_amount!);
      const { data: sessions } = await h.plaid.creditSessionsGet({ user_token: user.user_token! });
      expect(sessions.sessions!.map((s) => s.link_session_id)).toEqual([linkSessionId]);
    } finally {
      await h.close();
    }
  });
});

describe('product data determinism', () => {
  it('is the same for the same seed and differs for another', async () => {
    const snapshot = async (seed: number) => {
      const h = await startHarness({ clock: CLOCK, statePath: null, seed });
      const { accessToken } = await h.linkItem({ products: ALL });
      const holdings = (
        await h.plaid.investmentsHoldingsGet({ access_token: accessToken })
      ).data.holdings.map((x) => [x.security_id, x.quantity, x.cost_basis, x.institution_value]);
      const { liabilities } = (await h.plaid.liabilitiesGet({ access_token: accessToken })).data;
      const strip = <T extends { account_id: string | null }>(rows: T[] | null) =>
        (rows ?? []).map(({ account_id: _id, ...rest }) => rest);
      const owners = (await h.plaid.identityGet({ access_token: accessToken })).data.accounts.map(
        (a) => a.owners,
      );
      await h.close();
      return { holdings, credit: strip(liabilities.credit), mortgage: strip(liabilities.mortgage), owners };
    };
    const a = await snapshot(11);
    expect(await snapshot(11)).toEqual(a);
    expect(await snapshot(12)).not.toEqual(a);
  });
});
