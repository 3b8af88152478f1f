/**
 * What a product syncer is: it brings one Item's data for one Plaid product into the ledger.
 * Products whose whole answer is small are fetched, kept raw, then processed (snapshotSyncer), so
 * their processor can run again offline from what was kept; transactions have an engine of their
 * own (paged by cursor, applied row by row: ingest/transactions/).
 */
import type { Ledger } from '../ledger/ledger';
import type { Logger } from '../log/logger';
import type { PlaidGateway } from '../plaid/client';
import type { LedgerWork } from '../worker/ledger-ops';
import { keepRawSnapshot, rawSnapshot } from './raw-snapshots';
import { finishFailedRun, finishRun, startRun, type SyncRunCounts } from './state';
import type { SyncHooks, SyncPhaseName } from './transactions/sync';

export interface SyncJob {
  ledger: Ledger;
  plaid: PlaidGateway;
  log: Logger;
  itemId: string;
  accessToken: string;
  /** Where heavy ledger writes run (the ledger worker in the app). */
  work?: LedgerWork;
  pageSize?: number;
  hooks?: SyncHooks;
  onProgress?: (phase: SyncPhaseName, counts: SyncRunCounts) => void;
}

export interface SyncOutcome extends SyncRunCounts {
  /** Times a paged loop started again from its first cursor (0 for a snapshot). */
  restarts: number;
}

export interface ProductSyncer {
  /** Plaid's product name (`transactions`, `balance`, `investments`…), one syncer each. */
  readonly product: string;
  /**
   * Runs for every Item whatever products it has, with no status of its own: balances come with
   * every Item's accounts, so nothing is consented or added for them.
   */
  readonly everyItem?: boolean;
  sync(job: SyncJob): Promise<SyncOutcome>;
}

export interface SnapshotProduct<Raw> {
  product: string;
  /** Plaid's answer for the Item, kept whole: keep Auth's account numbers out of it. */
  fetch(job: SyncJob): Promise<Raw>;
  /** Checks a kept answer read back from the ledger. */
  parse(kept: unknown): Raw;
  /** The answer into the ledger's rows. Idempotent; runs inside the caller's write transaction. */
  process(ledger: Ledger, itemId: string, raw: Raw): SyncRunCounts;
}

export interface SnapshotSyncer extends ProductSyncer {
  /** Processes the kept answer again, offline; null when nothing was kept for the Item. */
  reprocess(ledger: Ledger, itemId: string): SyncRunCounts | null;
}

const NO_COUNTS: SyncRunCounts = { pages: 0, added: 0, modified: 0, removed: 0 };

/**
 * fetch → keep the raw answer → process, the keeping, the processing and the run's record in one
 * transaction.
 */
export function snapshotSyncer<Raw>(
  product: SnapshotProduct<Raw>,
  now: () => string = () => new Date().toISOString(),
): SnapshotSyncer {
  return {
    product: product.product,
    async sync(job) {
      const { ledger, itemId } = job;
      const runId = ledger.write(() => startRun(ledger, itemId, product.product));
      try {
        job.onProgress?.('fetching', NO_COUNTS);
        const raw = await product.fetch(job);
        job.onProgress?.('applying', NO_COUNTS);
        const counts = ledger.write(() => {
          keepRawSnapshot(ledger, itemId, product.product, raw, now());
          const processed = product.process(ledger, itemId, raw);
          finishRun(ledger, runId, 'ok', processed, null);
          return processed;
        });
        job.onProgress?.('done', counts);
        return { ...counts, restarts: 0 };
      } catch (error) {
        finishFailedRun(ledger, runId, NO_COUNTS, error);
        throw error;
      }
    },
    reprocess(ledger, itemId) {
      const kept = rawSnapshot(ledger, itemId, product.product);
      if (!kept) return null;
      const raw = product.parse(kept.response);
      return ledger.write(() => product.process(ledger, itemId, raw));
    },
  };
}
