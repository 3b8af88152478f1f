/** Upcoming payments and their reminders on a given day, read from the ledger. */
import type { Reminder, UpcomingPayment } from '../../../shared/contract/liabilities';
import type { Ledger } from '../ledger/ledger';
import { currentReminders } from './reminders';
import { listLiabilities, paymentsPosted } from './store';
import { upcomingPayments } from './upcoming';

export function upcomingOn(
  ledger: Ledger,
  today: string,
  reminderDays: readonly number[],
): UpcomingPayment[] {
  return upcomingPayments({
    liabilities: listLiabilities(ledger),
    today,
    dueSoonDays: Math.max(...reminderDays),
    postedSince: (accountId, after) => paymentsPosted(ledger, accountId, after, today),
  });
}

export function remindersOn(ledger: Ledger, today: string, reminderDays: readonly number[]): Reminder[] {
  return currentReminders(upcomingOn(ledger, today, reminderDays), reminderDays);
}
