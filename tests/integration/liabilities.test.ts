/**
 * Liabilities against the simulator with simulated time: what the ledger holds equals the
 * simulator's truth after every sync, and upcoming payments and reminders change on the right day
 * as the app's clock and the bank's clock move across a due date, a month boundary and a statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import type { Core } from '../../src/main/services/core';
import type { Liability, Reminder, UpcomingPayment } from '../../src/shared/contract/liabilities';
import { main } from '../../src/cli/main';
import { toMinor } from '../../src/shared/money';
import { call, FIRST_PLATYPUS, SimAdmin, simulatorSuite, startTestSimulator } from './helpers';

const suite = simulatorSuite();
let sim: RunningSimulator;
let admin: SimAdmin;
let core: Core;
let itemId: string;
let dataDir: string;
/** The app's clock, moved by the test. */
let today = '2026-03-10';

const noonOf = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime();
};
const usd = (amount: number | null | undefined) => (amount == null ? null : toMinor(amount, 'USD'));

interface TruthCredit {
  account_id: string;
  aprs: {
    apr_type: string;
    apr_percentage: number;
    balance_subject_to_apr: number;
    interest_charge_amount: number;
  }[];
  is_overdue: boolean;
  last_payment_amount: number | null;
  last_payment_date: string | null;
  last_statement_issue_date: string;
  last_statement_balance: number;
  minimum_payment_amount: number;
  next_payment_due_date: string;
}
interface TruthStudent {
  account_id: string;
  interest_rate_percentage: number;
  next_payment_due_date: string | null;
  minimum_payment_amount: number;
  last_statement_balance: number | null;
  last_statement_issue_date: string | null;
  last_payment_date: string | null;
  last_payment_amount: number | null;
  outstanding_interest_amount: number;
  expected_payoff_date: string;
  ytd_interest_paid: number;
  ytd_principal_paid: number;
  guarantor: string;
  loan_name: string;
  loan_status: { type: string; end_date: string };
  repayment_plan: { description: string };
}
interface TruthMortgage {
  account_id: string;
  interest_rate: { percentage: number; type: string };
  next_payment_due_date: string | null;
  next_monthly_payment: number;
  escrow_balance: number;
  ytd_interest_paid: number;
  ytd_principal_paid: number;
  maturity_date: string;
  past_due_amount: number;
  last_payment_date: string | null;
  last_payment_amount: number | null;
}
interface Truth {
  liabilities: {
    credit: TruthCredit[] | null;
    student: TruthStudent[] | null;
    mortgage: TruthMortgage[] | null;
  };
}

async function truth(): Promise<Truth> {
  return (await admin.request('GET', `/__sim/truth/liabilities?item_id=${itemId}`)) as Truth;
}

/** The truth as the contract's liabilities should carry it (what a perfect client holds). */
function expected(t: Truth) {
  const credit = (t.liabilities.credit ?? []).map((c) => ({
    accountId: c.account_id,
    kind: 'credit',
    nextPaymentDueDate: c.next_payment_due_date,
    amountDueMinor: usd(c.minimum_payment_amount),
    lastStatementBalanceMinor: usd(c.last_statement_balance),
    lastStatementIssueDate: c.last_statement_issue_date,
    lastPaymentDate: c.last_payment_date,
    lastPaymentMinor: usd(c.last_payment_amount),
    isOverdue: c.is_overdue,
    detail: {
      kind: 'credit',
      aprs: c.aprs.map((a) => ({
        type: a.apr_type,
        percentage: a.apr_percentage,
        balanceSubjectMinor: usd(a.balance_subject_to_apr),
        interestChargeMinor: usd(a.interest_charge_amount),
      })),
    },
  }));
  const student = (t.liabilities.student ?? []).map((s) => ({
    accountId: s.account_id,
    kind: 'student',
    nextPaymentDueDate: s.next_payment_due_date,
    amountDueMinor: usd(s.minimum_payment_amount),
    lastStatementBalanceMinor: usd(s.last_statement_balance),
    lastStatementIssueDate: s.last_statement_issue_date,
    lastPaymentDate: s.last_payment_date,
    lastPaymentMinor: usd(s.last_payment_amount),
    detail: expect.objectContaining({
      kind: 'student',
      interestRatePercentage: s.interest_rate_percentage,
      outstandingInterestMinor: usd(s.outstanding_interest_amount),
      expectedPayoffDate: s.expected_payoff_date,
      ytdInterestMinor: usd(s.ytd_interest_paid),
      ytdPrincipalMinor: usd(s.ytd_principal_paid),
      guarantor: s.guarantor,
      loanName: s.loan_name,
      repaymentStatus: s.loan_status.type,
      repaymentPlan: s.repayment_plan.description,
    }),
  }));
  const mortgage = (t.liabilities.mortgage ?? []).map((m) => ({
    accountId: m.account_id,
    kind: 'mortgage',
    nextPaymentDueDate: m.next_payment_due_date,
    amountDueMinor: usd(m.next_monthly_payment),
    lastPaymentDate: m.last_payment_date,
    lastPaymentMinor: usd(m.last_payment_amount),
    isOverdue: m.past_due_amount > 0,
    detail: expect.objectContaining({
      kind: 'mortgage',
      rateType: m.interest_rate.type,
      ratePercentage: m.interest_rate.percentage,
      nextMonthlyPaymentMinor: usd(m.next_monthly_payment),
      escrowBalanceMinor: usd(m.escrow_balance),
      ytdInterestMinor: usd(m.ytd_interest_paid),
      ytdPrincipalMinor: usd(m.ytd_principal_paid),
      maturityDate: m.maturity_date,
      pastDueMinor: usd(m.past_due_amount),
    }),
  }));
  return [...credit, ...student, ...mortgage].map((e) => expect.objectContaining(e));
}

async function liabilities(): Promise<Liability[]> {
  return (await call<{ liabilities: Liability[] }>(core, 'liabilities.list')).liabilities;
}
async function upcoming(): Promise<UpcomingPayment[]> {
  return (await call<{ payments: UpcomingPayment[] }>(core, 'liabilities.upcoming')).payments;
}
async function reminders(): Promise<Reminder[]> {
  return (await call<{ reminders: Reminder[] }>(core, 'liabilities.reminders')).reminders;
}
async function cardPayment(): Promise<UpcomingPayment> {
  return (await upcoming()).find((p) => p.kind === 'credit')!;
}
async function expectLedgerEqualsTruth() {
  const held = await liabilities();
  expect(held).toHaveLength(3);
  expect(held).toEqual(expect.arrayContaining(expected(await truth())));
}
async function bankAdvancesTo(day: string) {
  const { today: simToday } = (await admin.request('GET', '/__sim/clock')) as { today: string };
  const days = Math.round((Date.parse(day) - Date.parse(simToday)) / 86_400_000);
  await admin.advance(days);
  today = day;
  const { results } = await call<{ results: { status: string }[] }>(core, 'sync.run', { itemId });
  expect(results[0]!.status).toBe('ok');
}

beforeAll(async () => {
  sim = await startTestSimulator({ clock: '2026-03-10' });
  admin = new SimAdmin(sim);
  ({ core, dataDir } = await suite.freshCore({ sim, testing: { now: () => noonOf(today) } }));
  core.setLinkPresenter(async () => {
    const { public_token } = (await admin.plaid('/sandbox/public_token/create', {
      institution_id: FIRST_PLATYPUS,
      initial_products: ['transactions', 'liabilities'],
    })) as { public_token: string };
    return {
      kind: 'success',
      publicToken: public_token,
      metadata: {
        institution: { name: 'First Platypus Bank', institution_id: FIRST_PLATYPUS },
        accounts: [],
        link_session_id: 'liabilities-test',
      },
    };
  });
  const outcome = await call<{ status: string; itemId: string }>(core, 'link.open');
  expect(outcome.status).toBe('linked');
  itemId = outcome.itemId;
});

afterAll(async () => {
  await core?.close();
  await sim?.close();
});

describe('liabilities with simulated time', () => {
  it('holds the card, the student loan and the mortgage as the simulator reports them, with real numbers', async () => {
    await expectLedgerEqualsTruth();
    const held = await liabilities();
    const card = held.find((l) => l.kind === 'credit')!;
    expect(card.lastStatementBalanceMinor).toBeGreaterThan(0);
    expect(card.balanceMinor).toBeGreaterThan(0);
    const mortgage = held.find((l) => l.kind === 'mortgage')!;
    expect(mortgage.detail.kind === 'mortgage' && mortgage.detail.escrowBalanceMinor).toBeGreaterThan(0);
    // Every due date in order.
    const dates = (await upcoming()).map((p) => p.dueDate);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toHaveLength(3);
  });

  it('turns due soon and raises 7, 3 and 1 day reminders on the right days, overdue the day after an unpaid due date', async () => {
    const card = await cardPayment();
    expect(card.dueDate).toBe('2026-03-20');
    expect(card.state).toBe('upcoming');
    expect(card.remainingStatementMinor).toBe(card.statementBalanceMinor);

    const seen: Record<string, { state: string; reminder: number | null }> = {};
    for (const day of [
      '2026-03-12',
      '2026-03-13',
      '2026-03-16',
      '2026-03-17',
      '2026-03-19',
      '2026-03-20',
      '2026-03-21',
    ]) {
      today = day;
      const reminder = (await reminders()).find((r) => r.accountId === card.accountId);
      seen[day] = { state: (await cardPayment()).state, reminder: reminder?.daysBefore ?? null };
    }
    expect(seen).toEqual({
      '2026-03-12': { state: 'upcoming', reminder: null },
      '2026-03-13': { state: 'due-soon', reminder: 7 },
      '2026-03-16': { state: 'due-soon', reminder: 7 },
      '2026-03-17': { state: 'due-soon', reminder: 3 },
      '2026-03-19': { state: 'due-soon', reminder: 1 },
      '2026-03-20': { state: 'due-soon', reminder: 1 },
      // The ledger has not seen a payment: on the day after the due date it is overdue, no reminder.
      '2026-03-21': { state: 'overdue', reminder: null },
    });
  });

  it('drops the reminder once the payment has posted, and starts the next cycle at the statement close', async () => {
    today = '2026-03-19';
    const card = await cardPayment();
    expect((await reminders()).map((r) => r.accountId)).toContain(card.accountId);

    await bankAdvancesTo('2026-03-20');
    await expectLedgerEqualsTruth();
    const paid = (await upcoming()).find((p) => p.accountId === card.accountId)!;
    expect(paid.state).toBe('paid');
    expect(paid.paidSinceStatementMinor).toBe(card.statementBalanceMinor);
    expect(paid.remainingStatementMinor).toBe(0);
    expect((await reminders()).map((r) => r.accountId)).not.toContain(card.accountId);

    // The mortgage due on the 1st reminds on the last day of March; April's sync sees it paid.
    today = '2026-03-31';
    const mortgage = (await upcoming()).find((p) => p.kind === 'mortgage')!;
    expect(mortgage.dueDate).toBe('2026-04-01');
    expect((await reminders()).find((r) => r.accountId === mortgage.accountId)?.daysBefore).toBe(1);

    await bankAdvancesTo('2026-04-01');
    await expectLedgerEqualsTruth();
    const april = await upcoming();
    const next = april.find((p) => p.accountId === card.accountId)!;
    expect(next).toMatchObject({ dueDate: '2026-04-20', state: 'upcoming', paidSinceStatementMinor: 0 });
    expect(next.statementBalanceMinor).toBeGreaterThan(0);
    expect(next.remainingStatementMinor).toBe(next.statementBalanceMinor);
    expect(april.find((p) => p.accountId === mortgage.accountId)!.dueDate).toBe('2026-05-01');
    expect((await reminders()).map((r) => r.accountId)).not.toContain(mortgage.accountId);

    today = '2026-04-13';
    expect((await cardPayment()).state).toBe('due-soon');
  });

  it('plans avalanche and snowball over the synced debts, and refuses a budget below the minimums', async () => {
    const plan = await call<{
      debts: { accountId: string }[];
      plans: { strategy: string; payoffMonth: string | null; totalInterestMinor: number }[];
    }>(core, 'liabilities.plan', { monthlyBudgetMinor: 1_000_000 });
    expect(plan.debts).toHaveLength(3);
    expect(plan.plans.map((p) => p.strategy)).toEqual(['avalanche', 'snowball']);
    expect(plan.plans[0]!.payoffMonth).not.toBeNull();
    expect(plan.plans[0]!.totalInterestMinor).toBeLessThanOrEqual(plan.plans[1]!.totalInterestMinor);
    await expect(call(core, 'liabilities.plan', { monthlyBudgetMinor: 100 })).rejects.toMatchObject({
      code: 'BUDGET_TOO_SMALL',
    });
  });

  it('coffer liabilities prints one line per liability, and the same as JSON lines with --json', async () => {
    const held = await liabilities();
    await core.close();
    const saved = { id: process.env.PLAID_CLIENT_ID, secret: process.env.PLAID_SECRET };
    process.env.PLAID_CLIENT_ID = sim.clientId;
    process.env.PLAID_SECRET = sim.secret;
    try {
      const run = async (...extra: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const args = ['liabilities', ...extra, '--data-dir', dataDir, '--plaid-url', sim.url];
        const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
        expect(err).toEqual([]);
        expect(code).toBe(0);
        return out;
      };
      const json = (await run('--json')).map(
        (l) =>
          JSON.parse(l) as Liability & {
            paymentState: string;
            daysUntilDue: number;
            remainingStatementMinor: number;
          },
      );
      expect(
        json.map(({ paymentState: _, daysUntilDue: __, remainingStatementMinor: ___, ...l }) => l),
      ).toEqual(held);
      const rows = (await run()).map((l) => l.split('\t'));
      expect(rows).toHaveLength(3);
      const card = held.find((l) => l.kind === 'credit')!;
      expect(rows.find((r) => r[0] === card.accountId)!.slice(3, 8)).toEqual([
        'credit',
        (card.balanceMinor! / 100).toFixed(2),
        'USD',
        card.nextPaymentDueDate,
        (card.amountDueMinor! / 100).toFixed(2),
      ]);
    } finally {
      process.env.PLAID_CLIENT_ID = saved.id;
      process.env.PLAID_SECRET = saved.secret;
      if (saved.id === undefined) delete process.env.PLAID_CLIENT_ID;
      if (saved.secret === undefined) delete process.env.PLAID_SECRET;
    }
  });
});
