import type { PayoffPlan } from '../../../shared/contract/liabilities';

export interface ScheduleRow {
  month: string;
  avalanche: { paymentMinor: number; interestMinor: number; balanceMinor: number } | null;
  snowball: { paymentMinor: number; interestMinor: number; balanceMinor: number } | null;
}

/** Both strategies' months on one row each, until the later one is paid off. */
export function scheduleRows(plans: readonly PayoffPlan[]): ScheduleRow[] {
  const avalanche = plans.find((p) => p.strategy === 'avalanche');
  const snowball = plans.find((p) => p.strategy === 'snowball');
  const length = Math.max(avalanche?.months.length ?? 0, snowball?.months.length ?? 0);
  const rows: ScheduleRow[] = [];
  for (let i = 0; i < length; i++) {
    const a = avalanche?.months[i] ?? null;
    const s = snowball?.months[i] ?? null;
    rows.push({ month: (a ?? s)!.month, avalanche: a, snowball: s });
  }
  return rows;
}
