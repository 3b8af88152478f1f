/**
 * The planner's debts from the synced liabilities: a card's balance split by APR bucket as Plaid
 * reports `balance_subject_to_apr` (what no bucket accounts for sits at the purchase APR), a loan
 * as one bucket at its rate, and the promotions the user entered laid over their buckets.
 */
import type { Liability, PayoffDebt, PromotionalRate } from '../../../shared/contract/liabilities';
import type { PlannerDebt } from './payoff';

export const LOAN_BUCKET = 'loan';

function bucketsOf(l: Liability, balance: number): PayoffDebt['buckets'] {
  const d = l.detail;
  if (d.kind === 'student')
    return [{ aprType: LOAN_BUCKET, percentage: d.interestRatePercentage, balanceMinor: balance }];
  if (d.kind === 'mortgage')
    return [{ aprType: LOAN_BUCKET, percentage: d.ratePercentage ?? 0, balanceMinor: balance }];
  const buckets = d.aprs
    .filter((a) => (a.balanceSubjectMinor ?? 0) > 0)
    .map((a) => ({ aprType: a.type, percentage: a.percentage, balanceMinor: a.balanceSubjectMinor ?? 0 }));
  const rest = balance - buckets.reduce((s, b) => s + b.balanceMinor, 0);
  if (rest > 0) {
    const purchase = d.aprs.find((a) => a.type === 'purchase_apr') ?? d.aprs[0];
    const same = buckets.find((b) => b.aprType === (purchase?.type ?? 'purchase_apr'));
    if (same) same.balanceMinor += rest;
    else
      buckets.push({
        aprType: purchase?.type ?? 'purchase_apr',
        percentage: purchase?.percentage ?? 0,
        balanceMinor: rest,
      });
  }
  return buckets;
}

/** Liabilities in `currency` that are owed, not excluded. */
export function payoffDebts(
  liabilities: readonly Liability[],
  currency: string,
  exclude: readonly string[],
): PayoffDebt[] {
  const skip = new Set(exclude);
  return liabilities
    .filter((l) => l.currency === currency && !skip.has(l.accountId) && (l.balanceMinor ?? 0) > 0)
    .map((l) => ({
      accountId: l.accountId,
      name: `${l.institutionName} ${l.accountName}`,
      minimumMinor: Math.max(0, l.amountDueMinor ?? 0),
      buckets: bucketsOf(l, l.balanceMinor ?? 0),
    }));
}

export function withPromotions(
  debts: readonly PayoffDebt[],
  promotions: readonly PromotionalRate[],
): PlannerDebt[] {
  return debts.map((d) => ({
    accountId: d.accountId,
    minimumMinor: d.minimumMinor,
    buckets: d.buckets.map((b) => {
      const promo = promotions.find((p) => p.accountId === d.accountId && p.aprType === b.aprType);
      return { ...b, promotion: promo ? { percentage: promo.percentage, endDate: promo.endDate } : null };
    }),
  }));
}
