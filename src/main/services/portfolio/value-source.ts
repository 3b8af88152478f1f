/**
 * Investments as a value source for net worth: an investment account's days before its first
 * balance snapshot are its value history (reconstructed from today's holdings through the trades,
 * exact on the days of an investments snapshot), in the account's own currency. An account whose
 * user did not share investments has no history here, and net worth follows its snapshots.
 * A rebuild asks account by account: the series of every account are computed once, on the first
 * question, from one read of the ledger's investment rows (series-cache.ts).
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import type { AccountValueSource, SourcedValue } from '../net-worth/value-source';
import { portfolioSeries, type PortfolioSeries } from './series-cache';

export const portfolioValueSource: AccountValueSource = {
  open(ledger: Ledger) {
    let series: PortfolioSeries | undefined;
    return (accountId, to) => {
      const account = stmt(ledger.db, `SELECT type, currency FROM accounts WHERE account_id = ?`).get(
        accountId,
      ) as { type: string; currency: string } | undefined;
      if (account?.type !== 'investment') return null;
      series ??= portfolioSeries(ledger);
      // Positions held in another currency are that currency's series: never added to this one.
      const own = series.accounts.find((s) => s.accountId === accountId && s.currency === account.currency);
      if (!own || own.points.length === 0) return null;
      const values = new Map<string, SourcedValue>();
      for (const p of own.points)
        if (p.date <= to) values.set(p.date, { valueMinor: p.value, estimated: p.estimated });
      return values;
    };
  },
};
