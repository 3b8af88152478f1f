/**
 * Upcoming payments: every liability with a due date, in date order, with what Plaid says is due,
 * the statement balance less the payments posted since the statement, and its state today.
 */
import type { Liability, PaymentState, UpcomingPayment } from '../../../shared/contract/liabilities';

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function shiftMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The day the current billing cycle began: the statement date, or a month before the due date. */
export function cycleStart(l: Liability, dueDate: string): string {
  return l.lastStatementIssueDate ?? shiftMonths(dueDate, -1);
}

export interface UpcomingInput {
  liabilities: readonly Liability[];
  today: string;
  /** Due within this many days (and not paid) is "due soon". */
  dueSoonDays: number;
  /** Payments posted to an account in the ledger after a date, up to today. */
  postedSince: (accountId: string, afterDate: string) => number;
}

function stateOf(paid: boolean, overdue: boolean, days: number, dueSoonDays: number): PaymentState {
  // The bank's own overdue flag (a past-due amount) outranks a payment that covered only this cycle.
  if (overdue) return 'overdue';
  if (paid) return 'paid';
  if (days < 0) return 'overdue';
  return days <= dueSoonDays ? 'due-soon' : 'upcoming';
}

export function upcomingPayments(input: UpcomingInput): UpcomingPayment[] {
  const out: UpcomingPayment[] = [];
  for (const l of input.liabilities) {
    const dueDate = l.nextPaymentDueDate;
    if (!dueDate) continue;
    const since = cycleStart(l, dueDate);
    // The ledger's payments and Plaid's last payment are the same money seen twice: the larger counts.
    const reportedByPlaid =
      l.lastPaymentDate && l.lastPaymentDate > since && l.lastPaymentDate <= input.today
        ? (l.lastPaymentMinor ?? 0)
        : 0;
    const paidSince = Math.max(input.postedSince(l.accountId, since), reportedByPlaid);
    const due = l.amountDueMinor;
    const paid = due === null ? false : due <= 0 || paidSince >= due;
    const days = daysBetween(input.today, dueDate);
    out.push({
      accountId: l.accountId,
      itemId: l.itemId,
      institutionName: l.institutionName,
      accountName: l.accountName,
      kind: l.kind,
      currency: l.currency,
      dueDate,
      daysUntilDue: days,
      amountDueMinor: due,
      statementBalanceMinor: l.lastStatementBalanceMinor,
      paidSinceStatementMinor: paidSince,
      remainingStatementMinor:
        l.lastStatementBalanceMinor === null ? null : Math.max(0, l.lastStatementBalanceMinor - paidSince),
      state: stateOf(paid, l.isOverdue === true, days, input.dueSoonDays),
    });
  }
  return out.sort(
    (a, b) =>
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || (a.accountId < b.accountId ? -1 : 1),
  );
}
