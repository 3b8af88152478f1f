/**
 * Balances: after the Item's other products, every account's balance as the sync left it is kept
 * as a snapshot, and the daily balances it moves are brought up to date. The same steps follow an
 * on-demand refresh (/accounts/balance/get), which `refreshBalances` runs.
 */
import type { Ledger } from '../../ledger/ledger';
import { upsertAccounts } from '../../items/store';
import { markSnapshotDirty, refreshDirtyBalances } from '../../net-worth/daily-balances';
import { localDate, maxDate } from '../../net-worth/days';
import { recordSnapshots, type BalanceSnapshot, type SnapshotSource } from '../../net-worth/snapshots';
import type { AccountValueSource } from '../../net-worth/value-source';
import { toAccountRecord } from '../../plaid/mapping';
import type { PlaidGateway } from '../../plaid/client';
import { finishFailedRun, finishRun, startRun } from '../state';
import type { ProductSyncer } from '../syncer';

export interface BalanceClock {
  now: () => number;
  sources?: readonly AccountValueSource[];
}

/** Keeps the snapshots and updates the days they touch, in one write transaction. */
export function keepBalances(
  ledger: Ledger,
  itemId: string,
  source: SnapshotSource,
  clock: BalanceClock,
): BalanceSnapshot[] {
  const snapshots = ledger.write(() => {
    const kept = recordSnapshots(ledger, itemId, source, clock.now());
    const asOf = kept[0]?.asOf;
    if (asOf)
      markSnapshotDirty(
        ledger,
        kept.map((s) => s.accountId),
        asOf,
      );
    return kept;
  });
  const today = snapshots.reduce((d, s) => maxDate(d, s.asOf), localDate(clock.now()));
  refreshDirtyBalances(ledger, { today, sources: clock.sources });
  return snapshots;
}

export function balancesSyncer(clock: BalanceClock = { now: Date.now }): ProductSyncer {
  return {
    product: 'balance',
    everyItem: true,
    sync({ ledger, itemId }) {
      const runId = ledger.write(() => startRun(ledger, itemId, 'balance'));
      const counts = { pages: 0, added: 0, modified: 0, removed: 0 };
      try {
        keepBalances(ledger, itemId, 'sync', clock);
        ledger.write(() => finishRun(ledger, runId, 'ok', counts, null));
        return Promise.resolve({ ...counts, restarts: 0 });
      } catch (error) {
        finishFailedRun(ledger, runId, counts, error);
        throw error;
      }
    },
  };
}

/** /accounts/balance/get for one Item: the accounts' balances now, kept like a sync's. */
export async function refreshBalances(
  ledger: Ledger,
  plaid: PlaidGateway,
  itemId: string,
  accessToken: string,
  clock: BalanceClock,
): Promise<BalanceSnapshot[]> {
  const accounts = (await plaid.accountsBalanceGet(accessToken)).map((a) => toAccountRecord(a, itemId));
  ledger.write(() => upsertAccounts(ledger, accounts));
  return keepBalances(ledger, itemId, 'refresh', clock);
}
