/**
 * What each kind of notification says, from the state that raises it. Each candidate's id is the
 * source's key for one event (one due date's threshold, one login episode, one sync), so a source
 * evaluated again raises nothing new.
 */
import type { Item, SyncResult } from '../../../shared/api';
import type { Reminder } from '../../../shared/contract/liabilities';
import type { AppNotification } from '../../../shared/contract/notifications';
import { formatMoney } from '../../../shared/money';

export type NotificationCandidate = Omit<AppNotification, 'createdAt' | 'seenAt'>;

const dueIn = (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`);

export function paymentDue(reminder: Reminder): NotificationCandidate {
  const amount = reminder.amountDueMinor ?? reminder.remainingStatementMinor;
  const what = amount === null ? 'A payment' : formatMoney(amount, reminder.currency);
  return {
    id: `payment-due:${reminder.id}`,
    kind: 'payment-due',
    title: `${reminder.accountName}: payment due ${dueIn(reminder.daysUntilDue)}`,
    body: `${what} is due on ${reminder.dueDate} (${reminder.institutionName}).`,
    target: 'upcoming-payments',
    itemId: null,
    accountId: reminder.accountId,
  };
}

/** The healths a person must act on at the bank (a retry or an outage is not theirs to fix). */
const NEEDS_LOGIN: ReadonlySet<Item['health']> = new Set([
  'login_required',
  'pending_expiration',
  'pending_disconnect',
  'permission_revoked',
]);

export function reauthNeeded(item: Item): NotificationCandidate | null {
  if (!NEEDS_LOGIN.has(item.health)) return null;
  const title =
    item.health === 'login_required' || item.health === 'permission_revoked'
      ? `${item.institutionName} needs you to sign in again`
      : `${item.institutionName}: access ends soon unless you sign in again`;
  return {
    id: `reauth-needed:${item.id}:${item.health}:${item.healthSince ?? ''}`,
    kind: 'reauth-needed',
    title,
    body: item.healthMessage ?? 'Open Coffer and choose Reconnect to keep this bank up to date.',
    target: 'attention',
    itemId: item.id,
    accountId: null,
  };
}

/** One per sync that brought new rows, never one per row. */
export function newTransactions(
  result: SyncResult,
  institutionName: string,
  at: string,
): NotificationCandidate | null {
  if (result.status !== 'ok' || result.added === 0) return null;
  return {
    id: `new-transactions:${result.itemId}:${at}`,
    kind: 'new-transactions',
    title:
      result.added === 1 ? '1 new transaction' : `${result.added.toLocaleString('en-US')} new transactions`,
    body: `From ${institutionName}.`,
    target: 'transactions',
    itemId: result.itemId,
    accountId: null,
  };
}
