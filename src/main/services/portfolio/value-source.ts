/**
 * Investments as a value source for net worth: an investment account's days before its first
 * balance snapshot are its value history (reconstructed from today's holdings through the trades,
 * exact on the days of an investments snapshot), in the account's own currency. An account whose
 * user did not share investments has no history here, and net worth follows its snapshots.
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import type { AccountValueSource, SourcedValue } from '../net-worth/value-source';
import { accountSeries } from './history';

export const portfolioValueSource: AccountValueSource = {
  dailyValues(ledger: Ledger, accountId: string, to: string) {
    const account = stmt(ledger.db, `SELECT type, currency FROM accounts WHERE account_id = ?`).get(
      accountId,
    ) as { type: string; currency: string } | undefined;
    if (account?.type !== 'investment') return null;
    // Positions held in another currency are that currency's series: never added to this one.
    const series = accountSeries(ledger, accountId).find((s) => s.currency === account.currency);
    if (!series || series.points.length === 0) return null;
    const values = new Map<string, SourcedValue>();
    for (const p of series.points)
      if (p.date <= to) values.set(p.date, { valueMinor: p.value, estimated: p.estimated });
    return values;
  },
};
