/**
 * Where an account's daily value comes from when its transactions cannot explain it: investment
 * accounts are valued by the Investments feature (holdings × prices per day), not by walking
 * cash transactions. A source that knows an account answers its values; one that does not
 * answers null and the account's balance snapshots are used.
 */
import type { Ledger } from '../ledger/ledger';

export interface AccountValueSource {
  /** The account's value (minor units of its currency) per ISO date in [from, to], or null if unknown here. */
  dailyValues(ledger: Ledger, accountId: string, from: string, to: string): Map<string, number> | null;
}

export const noValueSources: readonly AccountValueSource[] = [];
