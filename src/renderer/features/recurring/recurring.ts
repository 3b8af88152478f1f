import type { RecurringStream, TransactionFilter } from '../../../shared/api';

const FREQUENCIES: Record<string, string> = {
  WEEKLY: 'Weekly',
  BIWEEKLY: 'Every 2 weeks',
  SEMI_MONTHLY: 'Twice a month',
  MONTHLY: 'Monthly',
  ANNUALLY: 'Yearly',
};

export function frequencyLabel(frequency: string): string {
  return FREQUENCIES[frequency] ?? 'Irregular';
}

/**
 * Money moving between the user's own accounts (a card payment seen from the card, a transfer in
 * from savings) recurs too, but is neither income nor a bill: Plaid's transfer and card-payment
 * categories say so.
 */
export function isOwnMoneyMove(stream: Pick<RecurringStream, 'category'>): boolean {
  const c = stream.category ?? '';
  return (
    c.startsWith('TRANSFER_IN') || c.startsWith('TRANSFER_OUT') || c === 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'
  );
}

/**
 * Subscriptions and bills (money out), income (money in) and moves between the user's own accounts,
 * each with active streams first, then by the next expected date (soonest first; streams without a
 * prediction last).
 */
export function groupStreams(streams: RecurringStream[]): {
  subscriptions: RecurringStream[];
  income: RecurringStream[];
  transfers: RecurringStream[];
} {
  const order = (a: RecurringStream, b: RecurringStream) =>
    Number(b.isActive) - Number(a.isActive) ||
    (a.predictedNextDate ?? '9999').localeCompare(b.predictedNextDate ?? '9999') ||
    a.description.localeCompare(b.description);
  const own = streams.filter(isOwnMoneyMove);
  const rest = streams.filter((s) => !isOwnMoneyMove(s));
  return {
    subscriptions: rest.filter((s) => s.direction === 'outflow').sort(order),
    income: rest.filter((s) => s.direction === 'inflow').sort(order),
    transfers: own.sort(order),
  };
}

/** An active stream whose next date has passed without it: the user should know it is late. */
export function isLate(
  stream: Pick<RecurringStream, 'isActive' | 'predictedNextDate'>,
  today: string,
): boolean {
  return stream.isActive && stream.predictedNextDate !== null && stream.predictedNextDate < today;
}

/** The transactions of a stream, as the Transactions view's filter: its account, name and dates. */
export function streamTransactionsFilter(stream: RecurringStream): TransactionFilter {
  return {
    accountIds: [stream.accountId],
    query: stream.merchantName ?? stream.description,
    dateFrom: stream.firstDate,
    dateTo: stream.lastDate,
  };
}

/** Active outgoing streams expected today or later, soonest first: the bills still to come. */
export function upcomingBills(
  streams: readonly RecurringStream[],
  today: string,
): (RecurringStream & { predictedNextDate: string })[] {
  return streams
    .filter(
      (s): s is RecurringStream & { predictedNextDate: string } =>
        s.direction === 'outflow' &&
        s.isActive &&
        s.predictedNextDate !== null &&
        s.predictedNextDate >= today,
    )
    .sort(
      (a, b) =>
        a.predictedNextDate.localeCompare(b.predictedNextDate) || a.description.localeCompare(b.description),
    );
}
