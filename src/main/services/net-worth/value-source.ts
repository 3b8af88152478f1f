/**
 * Where an account's value comes from before its first balance snapshot, when its transactions
 * cannot explain it: an investment account is valued by the Investments feature (its holdings
 * walked back through its trades), not by walking cash transactions. A source that knows an
 * account answers its daily values; one that does not answers null, and the account's history
 * then starts at its first snapshot (or its first posted transaction). From the first snapshot on,
 * the snapshots decide, so today's net worth is always the balances the bank reported.
 */
import type { Ledger } from '../ledger/ledger';

export interface SourcedValue {
  /** Minor units of the account's currency. */
  valueMinor: number;
  /** Reconstructed rather than reported. */
  estimated: boolean;
}

/** The account's value per ISO date on or before `to`, or null if unknown here. */
export type AccountValues = (accountId: string, to: string) => Map<string, SourcedValue> | null;

export interface AccountValueSource {
  /**
   * Values for one rebuild, inside its write transaction. The rebuild asks account by account and
   * writes only balances, so what the source reads for one account it may keep for the next.
   */
  open(ledger: Ledger): AccountValues;
}

export const noValueSources: readonly AccountValueSource[] = [];
