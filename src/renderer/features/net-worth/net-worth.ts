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
  /** Net worth on the range's last day less on its first. */
  changeMinor: number;
}

/** One series per currency: currencies are never added together, so each gets its own chart. */
export function byCurrency(days: readonly NetWorthDay[]): CurrencySeries[] {
  const groups = new Map<string, NetWorthDay[]>();
  for (const d of days) {
    const list = groups.get(d.currency) ?? [];
    list.push(d);
    groups.set(d.currency, list);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, list]) => ({
      currency,
      days: list,
      changeMinor: list[list.length - 1]!.netWorthMinor - list[0]!.netWorthMinor,
    }));
}
