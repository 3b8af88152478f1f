/**
 * The payoff planner: month by month, interest accrues on each APR bucket, every debt gets its
 * minimum, and what is left of the budget goes to one debt at a time, chosen by the strategy
 * (avalanche: highest rate first; snowball: smallest balance first). Pure and in minor units of
 * one currency, so its schedule can be checked against an amortisation computed independently.
 */
import type { PayoffMonth, PayoffPlan, PayoffStrategy } from '../../../shared/contract/liabilities';

export interface PlannerBucket {
  aprType: string;
  /** The regular APR, in percent. */
  percentage: number;
  balanceMinor: number;
  /** A promotional rate that applies to months starting before `endDate`. */
  promotion?: { percentage: number; endDate: string } | null;
}

export interface PlannerDebt {
  accountId: string;
  minimumMinor: number;
  buckets: PlannerBucket[];
}

export interface PlanOptions {
  strategy: PayoffStrategy;
  monthlyBudgetMinor: number;
  /** The first month planned, YYYY-MM. */
  startMonth: string;
  maxMonths?: number;
}

export class BudgetTooSmallError extends Error {
  constructor(readonly minimumsMinor: number) {
    super('The monthly budget is below the sum of the minimum payments.');
  }
}

const FIFTY_YEARS = 600;

/** One month's interest on a balance: balance × APR / 12, rounded half away from zero to the minor unit. */
export function monthlyInterest(balanceMinor: number, percentage: number): number {
  // Milli-percent as an integer keeps the product exact, so only the final rounding rounds.
  const milli = Math.round(percentage * 1000);
  const exact = (balanceMinor * milli) / 1_200_000;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

export function rateInMonth(bucket: PlannerBucket, month: string): number {
  const promo = bucket.promotion;
  return promo && `${month}-01` < promo.endDate ? promo.percentage : bucket.percentage;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const owed = (d: PlannerDebt) => d.buckets.reduce((sum, b) => sum + b.balanceMinor, 0);

function highestRate(d: PlannerDebt, month: string): number {
  let best = -Infinity;
  for (const b of d.buckets) if (b.balanceMinor > 0) best = Math.max(best, rateInMonth(b, month));
  return best;
}

/** The debts in the order extra money goes to them this month. */
function targetOrder(debts: PlannerDebt[], strategy: PayoffStrategy, month: string): PlannerDebt[] {
  const open = debts.filter((d) => owed(d) > 0);
  return open.sort((a, b) => {
    const primary =
      strategy === 'avalanche' ? highestRate(b, month) - highestRate(a, month) : owed(a) - owed(b);
    return primary || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);
  });
}

/** Pays into a debt's buckets, highest rate first; returns what was actually paid. */
function pay(debt: PlannerDebt, amount: number, month: string): number {
  const buckets = [...debt.buckets].sort((a, b) => rateInMonth(b, month) - rateInMonth(a, month));
  let left = amount;
  for (const b of buckets) {
    const part = Math.min(left, b.balanceMinor);
    b.balanceMinor -= part;
    left -= part;
  }
  return amount - left;
}

export function planPayoff(input: readonly PlannerDebt[], options: PlanOptions): PayoffPlan {
  const debts: PlannerDebt[] = input.map((d) => ({
    ...d,
    buckets: d.buckets.map((b) => ({ ...b })),
  }));
  const minimums = debts.reduce((sum, d) => sum + Math.min(d.minimumMinor, owed(d)), 0);
  if (minimums > options.monthlyBudgetMinor) throw new BudgetTooSmallError(minimums);
  const months: PayoffMonth[] = [];
  let totalInterest = 0;
  let totalPaid = 0;
  const order = targetOrder(debts, options.strategy, options.startMonth).map((d) => d.accountId);
  const limit = options.maxMonths ?? FIFTY_YEARS;
  for (let k = 0; k < limit && debts.some((d) => owed(d) > 0); k++) {
    const month = addMonths(options.startMonth, k);
    const interest = new Map<string, number>();
    const paid = new Map<string, number>();
    for (const d of debts) {
      let charged = 0;
      for (const b of d.buckets) {
        if (b.balanceMinor <= 0) continue;
        const i = monthlyInterest(b.balanceMinor, rateInMonth(b, month));
        b.balanceMinor += i;
        charged += i;
      }
      interest.set(d.accountId, charged);
    }
    let budget = options.monthlyBudgetMinor;
    for (const d of debts) {
      const p = pay(d, Math.min(d.minimumMinor, owed(d)), month);
      paid.set(d.accountId, p);
      budget -= p;
    }
    for (const d of targetOrder(debts, options.strategy, month)) {
      if (budget <= 0) break;
      const p = pay(d, budget, month);
      paid.set(d.accountId, (paid.get(d.accountId) ?? 0) + p);
      budget -= p;
    }
    const perDebt = debts.map((d) => ({
      accountId: d.accountId,
      paymentMinor: paid.get(d.accountId) ?? 0,
      interestMinor: interest.get(d.accountId) ?? 0,
      balanceMinor: owed(d),
    }));
    const row: PayoffMonth = {
      month,
      paymentMinor: perDebt.reduce((s, p) => s + p.paymentMinor, 0),
      interestMinor: perDebt.reduce((s, p) => s + p.interestMinor, 0),
      balanceMinor: perDebt.reduce((s, p) => s + p.balanceMinor, 0),
      perDebt,
    };
    totalInterest += row.interestMinor;
    totalPaid += row.paymentMinor;
    months.push(row);
  }
  const done = !debts.some((d) => owed(d) > 0);
  return {
    strategy: options.strategy,
    order,
    totalInterestMinor: totalInterest,
    totalPaidMinor: totalPaid,
    payoffMonth: done ? (months.at(-1)?.month ?? null) : null,
    months,
  };
}
