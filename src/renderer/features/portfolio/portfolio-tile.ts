import type { ValueSeries } from '../../../shared/contract/portfolio';

export interface PortfolioTileLine {
  currency: string;
  valueMinor: number;
  /** Value today less the value 30 days before (or on the first day, when the history is shorter). */
  changeMinor: number;
  /** How much of that change is money put in or taken out rather than the market. */
  contributedMinor: number;
  /** The day compared against is reconstructed, not a snapshot Plaid reported. */
  estimated: boolean;
}

const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** One line per currency from the combined series (never added across currencies). */
export function portfolioTileLines(series: readonly ValueSeries[]): PortfolioTileLine[] {
  return series
    .filter((s) => s.accountId === null && s.points.length > 0)
    .map((s) => {
      const last = s.points[s.points.length - 1]!;
      const since = daysBefore(last.date, 30);
      const then = s.points.find((p) => p.date >= since) ?? s.points[0]!;
      return {
        currency: s.currency,
        valueMinor: last.valueMinor,
        changeMinor: last.valueMinor - then.valueMinor,
        contributedMinor: last.netContributionsMinor - then.netContributionsMinor,
        estimated: then.estimated,
      };
    });
}
