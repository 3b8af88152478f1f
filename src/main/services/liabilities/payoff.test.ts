/**
 * The planner against amortisations written out longhand for each fixture, in BigInt with their
 * own rounding, so a mistake in the planner's interest, allocation or ordering shows as a cent.
 */
import { describe, expect, it } from 'vitest';
import { BudgetTooSmallError, planPayoff, type PlannerDebt } from './payoff';

/** balance × basis points / 120000, half away from zero, in BigInt. */
function interestOf(balance: bigint, basisPoints: bigint): bigint {
  const num = balance * basisPoints;
  return (num * 2n + 120000n) / 240000n;
}

describe('planPayoff', () => {
  it('matches a 0% promotion that ends, then interest at the regular rate, to the cent', () => {
    const debts: PlannerDebt[] = [
      {
        accountId: 'card',
        minimumMinor: 2_500,
        buckets: [
          {
            aprType: 'balance_transfer_apr',
            percentage: 24,
            balanceMinor: 120_000,
            promotion: { percentage: 0, endDate: '2026-04-01' },
          },
        ],
      },
    ];
    const plan = planPayoff(debts, {
      strategy: 'avalanche',
      monthlyBudgetMinor: 10_000,
      startMonth: '2026-01',
    });

    // Jan, Feb, Mar at 0%; from April 24% (2400 bp) on what is left.
    let balance = 120_000n;
    let interest = 0n;
    const rows: { month: string; interest: number; balance: number }[] = [];
    for (let k = 0; balance > 0n; k++) {
      const month = `${2026 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
      const i = k < 3 ? 0n : interestOf(balance, 2400n);
      balance += i;
      interest += i;
      balance -= balance < 10_000n ? balance : 10_000n;
      rows.push({ month, interest: Number(i), balance: Number(balance) });
    }
    expect(
      plan.months.map((m) => ({ month: m.month, interest: m.interestMinor, balance: m.balanceMinor })),
    ).toEqual(rows);
    expect(plan.totalInterestMinor).toBe(Number(interest));
    expect(plan.months[3]!.interestMinor).toBe(1_800); // 900.00 × 24% / 12 = 18.00
    expect(plan.payoffMonth).toBe(rows.at(-1)!.month);
    expect(plan.totalPaidMinor).toBe(120_000 + Number(interest));
  });

  it('charges each APR bucket its own rate and pays the highest rate first, to the cent', () => {
    const debts: PlannerDebt[] = [
      {
        accountId: 'card',
        minimumMinor: 4_000,
        buckets: [
          { aprType: 'purchase_apr', percentage: 18, balanceMinor: 200_000 },
          { aprType: 'cash_apr', percentage: 25.99, balanceMinor: 50_000 },
        ],
      },
    ];
    const plan = planPayoff(debts, {
      strategy: 'avalanche',
      monthlyBudgetMinor: 15_000,
      startMonth: '2026-01',
    });

    let purchase = 200_000n;
    let cash = 50_000n;
    let total = 0n;
    const balances: number[] = [];
    while (purchase + cash > 0n) {
      const ip = purchase > 0n ? interestOf(purchase, 1800n) : 0n;
      const ic = cash > 0n ? interestOf(cash, 2599n) : 0n;
      purchase += ip;
      cash += ic;
      total += ip + ic;
      let pay = 15_000n;
      const toCash = cash < pay ? cash : pay;
      cash -= toCash;
      pay -= toCash;
      const toPurchase = purchase < pay ? purchase : pay;
      purchase -= toPurchase;
      balances.push(Number(purchase + cash));
    }
    expect(plan.months.map((m) => m.balanceMinor)).toEqual(balances);
    expect(plan.totalInterestMinor).toBe(Number(total));
    // First month: 2000.00 × 18%/12 = 30.00 and 500.00 × 25.99%/12 = 10.83 (10.829…).
    expect(plan.months[0]!.interestMinor).toBe(3_000 + 1_083);
  });

  it('pays a loan off early once the card is gone, and snowball orders by balance instead', () => {
    const debts: PlannerDebt[] = [
      {
        accountId: 'loan',
        minimumMinor: 10_000,
        buckets: [{ aprType: 'loan', percentage: 6, balanceMinor: 500_000 }],
      },
      {
        accountId: 'card',
        minimumMinor: 3_000,
        buckets: [{ aprType: 'purchase_apr', percentage: 20, balanceMinor: 100_000 }],
      },
    ];
    const avalanche = planPayoff(debts, {
      strategy: 'avalanche',
      monthlyBudgetMinor: 40_000,
      startMonth: '2026-01',
    });

    let loan = 500_000n;
    let card = 100_000n;
    let interest = 0n;
    let months = 0;
    const loanBalances: number[] = [];
    while (loan + card > 0n) {
      const il = loan > 0n ? interestOf(loan, 600n) : 0n;
      const ic = card > 0n ? interestOf(card, 2000n) : 0n;
      loan += il;
      card += ic;
      interest += il + ic;
      const minLoan = loan < 10_000n ? loan : 10_000n;
      const minCard = card < 3_000n ? card : 3_000n;
      loan -= minLoan;
      card -= minCard;
      let extra = 40_000n - minLoan - minCard;
      const toCard = card < extra ? card : extra;
      card -= toCard;
      extra -= toCard;
      loan -= loan < extra ? loan : extra;
      loanBalances.push(Number(loan));
      months++;
    }
    expect(avalanche.order).toEqual(['card', 'loan']);
    expect(avalanche.months.map((m) => m.perDebt.find((d) => d.accountId === 'loan')!.balanceMinor)).toEqual(
      loanBalances,
    );
    expect(avalanche.totalInterestMinor).toBe(Number(interest));
    expect(avalanche.months).toHaveLength(months);
    // At its minimum alone the loan would take 58 months; the freed budget ends it far sooner.
    expect(months).toBeLessThan(20);

    const snowball = planPayoff(
      [
        {
          accountId: 'big-cheap',
          minimumMinor: 5_000,
          buckets: [{ aprType: 'loan', percentage: 5, balanceMinor: 300_000 }],
        },
        {
          accountId: 'small-dear',
          minimumMinor: 2_500,
          buckets: [{ aprType: 'purchase_apr', percentage: 29, balanceMinor: 320_000 }],
        },
        {
          accountId: 'tiny',
          minimumMinor: 1_000,
          buckets: [{ aprType: 'purchase_apr', percentage: 10, balanceMinor: 40_000 }],
        },
      ],
      { strategy: 'snowball', monthlyBudgetMinor: 30_000, startMonth: '2026-01' },
    );
    expect(snowball.order).toEqual(['tiny', 'big-cheap', 'small-dear']);
  });

  it('refuses a budget below the minimums', () => {
    expect(() =>
      planPayoff(
        [
          {
            accountId: 'a',
            minimumMinor: 5_000,
            buckets: [{ aprType: 'loan', percentage: 5, balanceMinor: 100_000 }],
          },
        ],
        { strategy: 'avalanche', monthlyBudgetMinor: 4_000, startMonth: '2026-01' },
      ),
    ).toThrow(BudgetTooSmallError);
  });
});
