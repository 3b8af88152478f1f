import type { RecurringStream } from '../../../shared/api';

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
 * Subscriptions (money out) and income (money in), active streams first, then by the next
 * expected date (soonest first; streams without a prediction last).
 */
export function groupStreams(streams: RecurringStream[]): {
  subscriptions: RecurringStream[];
  income: RecurringStream[];
} {
  const order = (a: RecurringStream, b: RecurringStream) =>
    Number(b.isActive) - Number(a.isActive) ||
    (a.predictedNextDate ?? '9999').localeCompare(b.predictedNextDate ?? '9999') ||
    a.description.localeCompare(b.description);
  return {
    subscriptions: streams.filter((s) => s.direction === 'outflow').sort(order),
    income: streams.filter((s) => s.direction === 'inflow').sort(order),
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
