/**
 * The value history and returns of every investment account and of the total, computed once per
 * ledger version (ledgerMemo, ledger-memo.ts): `portfolio.history` and `portfolio.performance`
 * share one computation, the view's second call and a reload without a sync cost nothing, and
 * any write to the ledger (a sync, another process) makes the next call compute afresh. What is
 * derived from the series (the contract's shapes) is derived once, on first use, and kept with them.
 * Callers read what is kept and never change it.
 */
import type { SeriesPerformance, ValueSeries } from '../../../shared/contract/portfolio';
import type { Ledger } from '../ledger/ledger';
import { ledgerMemo } from '../ledger/ledger-memo';
import { accountSeries, firstSnapshot, toValueSeries, totalSeries, type SeriesData } from './history';
import { PERIODS, periodReturn } from './performance';

export class PortfolioSeries {
  private withTotals?: readonly SeriesData[];
  private history?: readonly ValueSeries[];
  private performance?: readonly SeriesPerformance[];

  constructor(
    readonly accounts: readonly SeriesData[],
    readonly firstSnapshot: string | null,
  ) {}

  /** Totals per currency first, then each account's series. */
  all(): readonly SeriesData[] {
    return (this.withTotals ??= [...totalSeries(this.accounts), ...this.accounts]);
  }

  valueSeries(): readonly ValueSeries[] {
    return (this.history ??= this.all().map(toValueSeries));
  }

  returns(): readonly SeriesPerformance[] {
    return (this.performance ??= this.all().map((s) => ({
      accountId: s.accountId,
      name: s.name,
      currency: s.currency,
      periods: PERIODS.map((p) => periodReturn(p, s.points)),
    })));
  }
}

const memo = ledgerMemo<PortfolioSeries>();

export function portfolioSeries(ledger: Ledger): PortfolioSeries {
  // One read transaction: the series, totals and first snapshot all describe the same ledger state.
  return memo.get(ledger.db, 'portfolio', () =>
    ledger.db.transaction(() => new PortfolioSeries(accountSeries(ledger), firstSnapshot(ledger)))(),
  );
}
