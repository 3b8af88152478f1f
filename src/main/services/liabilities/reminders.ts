/**
 * The one place that decides which "payment due" reminders are current: for each unpaid payment
 * whose due date is today or ahead, the smallest configured threshold it has reached (7, 3 or 1
 * days before by default). A posted payment makes the payment "paid", and so ends its reminders.
 * Delivery, settings and catching up after the app was closed belong to the notifications.
 */
import type { Reminder, UpcomingPayment } from '../../../shared/contract/liabilities';

export function currentReminders(
  payments: readonly UpcomingPayment[],
  reminderDays: readonly number[],
): Reminder[] {
  const thresholds = [...new Set(reminderDays)].sort((a, b) => a - b);
  const out: Reminder[] = [];
  for (const p of payments) {
    if (p.state === 'paid' || p.daysUntilDue < 0) continue;
    const threshold = thresholds.find((d) => p.daysUntilDue <= d);
    if (threshold === undefined) continue;
    out.push({
      id: `${p.accountId}:${p.dueDate}:${threshold}`,
      accountId: p.accountId,
      accountName: p.accountName,
      institutionName: p.institutionName,
      kind: p.kind,
      currency: p.currency,
      dueDate: p.dueDate,
      daysUntilDue: p.daysUntilDue,
      daysBefore: threshold,
      amountDueMinor: p.amountDueMinor,
      remainingStatementMinor: p.remainingStatementMinor,
    });
  }
  return out;
}
