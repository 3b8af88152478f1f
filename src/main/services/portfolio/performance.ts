/**
 * Returns per series and period. A period whose values include reconstructed days is
 * "estimated"; one that starts before the history does, or that no return describes, is
 * "unavailable" with the reason; never a 0% in place of a number nobody knows.
 */
import type { PeriodReturn } from '../../../shared/contract/portfolio';
import type { HistoryPoint } from './reconstruct';
import { ownerFlows, timeWeightedReturn, xirr } from './returns';

export const PERIODS = ['1M', '3M', 'YTD', '1Y', 'ALL'] as const;
export type Period = (typeof PERIODS)[number];

function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** The day whose closing value the period starts from. */
export function periodStart(period: Period, today: string, first: string): string {
  switch (period) {
    case '1M':
      return monthsBefore(today, 1);
    case '3M':
      return monthsBefore(today, 3);
    case 'YTD':
      return `${Number(today.slice(0, 4)) - 1}-12-31`;
    case '1Y':
      return monthsBefore(today, 12);
    case 'ALL':
      return first;
  }
}

export function periodReturn(period: Period, points: readonly HistoryPoint[]): PeriodReturn {
  const first = points[0];
  const last = points.at(-1);
  const none = (reason: string, from: string | null = null): PeriodReturn => ({
    period,
    from,
    to: last?.date ?? null,
    quality: 'unavailable',
    twr: null,
    xirr: null,
    reason,
  });
  if (!first || !last) return none('No value history yet: sync an Item with investments.');
  const from = periodStart(period, last.date, first.date);
  if (from < first.date) return none(`The history starts on ${first.date}, after the period begins.`, from);
  const window = points.filter((p) => p.date >= from);
  if (window.length < 2) return none('The period has fewer than two days of values.', from);
  const twr = timeWeightedReturn(window);
  if (twr === null)
    return none('The account held nothing at the start of a day that ended with value.', from);
  const money = xirr(ownerFlows(window));
  return {
    period,
    from,
    to: last.date,
    quality: window.some((p) => p.estimated) ? 'estimated' : 'exact',
    twr,
    xirr: money.rate,
    reason: money.rate === null ? `Money-weighted return: ${money.reason}.` : null,
  };
}
