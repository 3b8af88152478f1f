import type { Category, TransactionFilter } from '../../../shared/api';
import { UNCATEGORIZED } from '../../../shared/api';
import { monthBounds } from '../../ui/months';

export interface MonthToDate {
  current: { from: string; to: string };
  /** Last month from its first day to the same day of the month (its last day if shorter). */
  previous: { from: string; to: string };
}

export function monthToDate(today: string): MonthToDate {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const prev = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const { from, to: prevEnd } = monthBounds(prev);
  const sameDay = `${prev}-${today.slice(8, 10)}`;
  return {
    current: { from: `${today.slice(0, 7)}-01`, to: today },
    previous: { from, to: sameDay < prevEnd ? sameDay : prevEnd },
  };
}

/**
 * The rows the Spending view counts as spending, as a transactions filter: the spending side's
 * groups and the uncategorized, transfers and excluded rows left out, by the day the money was
 * spent (authorized date when present).
 */
export function spendingFilter(
  categories: readonly Category[],
  range: { from: string; to: string },
): TransactionFilter {
  const groups = categories.filter((c) => c.side === 'spending' && c.group === c.id).map((c) => c.id);
  return {
    categories: [...groups, UNCATEGORIZED],
    dateFrom: range.from,
    dateTo: range.to,
    dateBasis: 'spending',
    excludeTransfers: true,
    excluded: false,
  };
}
