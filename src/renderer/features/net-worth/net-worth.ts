/** What the Net worth view shows, computed from the contract's answers (no React, unit-tested). */
import type { NetWorthDay } from '../../../shared/contract/net-worth';

export const RANGES = [
  { id: '1M', label: '1M', days: 30 },
  { id: '3M', label: '3M', days: 91 },
  { id: '6M', label: '6M', days: 182 },
  { id: '1Y', label: '1Y', days: 365 },
  { id: 'ALL', label: 'All', days: null },
] as const;
export type RangeId = (typeof RANGES)[number]['id'];

/** The first day of a range ending `today`, or null for all history. */
export function rangeFrom(range: RangeId, today: string): string | null {
  const days = RANGES.find((r) => r.id === range)?.days ?? null;
  if (days === null) return null;
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export interface CurrencySeries {
  currency: string;
  days: NetWorthDay[];
  /**
   * Net worth on the range's last day less on `changeFrom`; null when no earlier day of the range
   * holds every account that has a value today.
   */
  changeMinor: number | null;
  /** The range's first day on which every account of this currency already had a value. */
  changeFrom: string | null;
}

/** When an account's values begin (`BreakdownAccount` carries it). */
export interface AccountHistory {
  currency: string;
  historyFrom: string | null;
}

/**
 * One series per currency: currencies are never added together, so each gets its own chart. The
 * change is measured from the first day every account already had a value: an account linked
 * without its history (an investment account or a loan before its first snapshot, with no
 * holdings or loan details to estimate from) enters the sum on its first day, and counting that
 * step as a change would call a newly linked account's whole balance a gain or a loss.
 */
export function byCurrency(
  days: readonly NetWorthDay[],
  accounts: readonly AccountHistory[] = [],
): CurrencySeries[] {
  const groups = new Map<string, NetWorthDay[]>();
  for (const d of days) {
    const list = groups.get(d.currency) ?? [];
    list.push(d);
    groups.set(d.currency, list);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, list]) => {
      const last = list[list.length - 1]!;
      const starts = accounts
        .filter((a) => a.currency === currency && a.historyFrom !== null)
        .map((a) => a.historyFrom!);
      const covered = starts.reduce((latest, d) => (d > latest ? d : latest), list[0]!.date);
      const from = list.find((d) => d.date >= covered);
      const comparable = from !== undefined && from !== last;
      return {
        currency,
        days: list,
        changeMinor: comparable ? last.netWorthMinor - from.netWorthMinor : null,
        changeFrom: comparable ? from.date : null,
      };
    });
}
