/**
 * The transactions sync engine: fetch a page of /transactions/sync → apply it idempotently →
 * commit the page and its cursor in one SQLite transaction (apply.ts).
 *
 * Crash safety: each attempt first commits its number and the loop's start cursor. While a loop
 * is unfinished, a new run restarts it from that cursor (Plaid's rule for a loop that did not
 * finish). Upserts by id and deletes by id make re-applying pages harmless, and rows that only
 * an abandoned attempt wrote are dropped when the final attempt ends, so a crash at any instant
 * neither loses nor duplicates anything.
 *
 * Pages are applied through a LedgerWork (the ledger worker thread in the app) while the next
 * ones are fetched, so the network and SQLite overlap; the pages that arrived meanwhile commit
 * together with the last one's cursor (fewer commits ingest faster).
 */
import { toAppError } from '../../errors';
import type { Ledger } from '../../ledger/ledger';
import type { SyncRunCounts } from '../state';
import { reconcileAccounts } from '../../items/lifecycle-store';
import type { Logger } from '../../log/logger';
import type { PlaidGateway } from '../../plaid/client';
import { classifyError } from '../../plaid/errors';
import { toAccountRecord } from '../../plaid/mapping';
import { hasRecurring, storeRecurring } from '../../transactions/recurring';
import { inlineLedgerWork, type LedgerWork } from '../../worker/ledger-ops';
import { mapSyncPage } from './apply';
import { PageStream } from './page-stream';
import type { TransactionsSyncResponse } from 'plaid';
import { finishFailedRun, finishRun, startRun } from '../state';

export const TRANSACTIONS = 'transactions';
export const SYNC_PAGE_SIZE = 500;
/**
 * Pages fetched ahead of the apply step, and the rows committed together at most (page-stream.ts):
 * a commit holds the ledger's write lock, so batches stay short except in a first sync's bulk
 * load, where a commit costs most (bulk-load.ts).
 */
const MAX_PAGES_AHEAD = 40;
const BATCH_ROWS = 5_000;
const BULK_BATCH_ROWS = 20_000;

export interface PageInfo {
  itemId: string;
  /** 1 for the first attempt of the loop, +1 after each restart. */
  attempt: number;
  page: number;
  hasMore: boolean;
}

export interface SyncHooks {
  /** Runs after each page is committed. Tests throw here to simulate a crash between pages. */
  afterPage?: (info: PageInfo) => void | Promise<void>;
}

export type SyncPhaseName = 'starting' | 'fetching' | 'applying' | 'done';

export interface TransactionsSyncOptions {
  ledger: Ledger;
  plaid: PlaidGateway;
  log: Logger;
  itemId: string;
  accessToken: string;
  pageSize?: number;
  /** Restarts after TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION before giving up. */
  maxRestarts?: number;
  hooks?: SyncHooks;
  onProgress?: (phase: SyncPhaseName, counts: SyncRunCounts) => void;
  /** Where pages are applied (default: inline on this thread, on `ledger`). */
  work?: LedgerWork;
}

export interface TransactionsSyncOutcome extends SyncRunCounts {
  restarts: number;
  /** Whether the ledger changed at all (rows or balances). */
  changed: boolean;
}

export async function syncTransactions(options: TransactionsSyncOptions): Promise<TransactionsSyncOutcome> {
  const { ledger, plaid, log, itemId, accessToken } = options;
  const pageSize = options.pageSize ?? SYNC_PAGE_SIZE;
  const maxRestarts = options.maxRestarts ?? 5;
  const counts: SyncRunCounts = { pages: 0, added: 0, modified: 0, removed: 0 };
  const progress = (phase: SyncPhaseName) => options.onProgress?.(phase, { ...counts });

  const runId = ledger.write(() => startRun(ledger, itemId, TRANSACTIONS));
  let restarts = 0;
  let changed = false;
  let recurring: Promise<unknown> | null = null;
  const work = options.work ?? inlineLedgerWork(ledger);
  const fetchPage = (cursor: string) => plaid.transactionsSync(accessToken, cursor || null, pageSize);
  try {
    progress('starting');
    const accounts = (await plaid.accountsGet(accessToken)).map((a) => toAccountRecord(a, itemId));
    // Accounts /accounts/get no longer lists (dropped by the bank, de-selected in update mode) are archived.
    ledger.write(() => reconcileAccounts(ledger, itemId, accounts));

    attempts: for (let attempt = 1; ; attempt++) {
      const { gen, start, resumed } = await work.run('beginAttempt', { itemId });
      if (resumed && attempt === 1)
        log.info('sync resumes an unfinished loop from its start cursor', { itemId });
      Object.assign(counts, { pages: 0, added: 0, modified: 0, removed: 0 });
      progress('fetching');
      const stream = new PageStream(fetchPage, start, MAX_PAGES_AHEAD);
      let bulkLoad = false;
      try {
        for (;;) {
          const { pages, error } = await stream.next(bulkLoad ? BULK_BATCH_ROWS : BATCH_ROWS);
          const final = pages.length > 0 && !pages[pages.length - 1].has_more;
          // Plaid computes the recurring streams while the last pages are written.
          if (
            final &&
            recurring === null &&
            (changed || pages.some(hasChanges) || !hasRecurring(ledger.db, itemId))
          )
            recurring = fetchRecurring(options);
          if (pages.length > 0) {
            progress('applying');
            const applied = await work.run('applyPages', {
              itemId,
              gen,
              loopStartCursor: start,
              // Checked here (a few ms a page) so the worker receives compact records, not Plaid's objects.
              pages: pages.map((page) =>
                mapSyncPage(itemId, {
                  accounts: page.accounts,
                  added: page.added,
                  modified: page.modified,
                  removed: page.removed,
                  last: !page.has_more,
                  nextCursor: page.next_cursor || null,
                }),
              ),
            });
            bulkLoad = applied.loading;
            if (applied.bulkLoad)
              log.info('first sync of a long history: its indexes are built once when it ends', { itemId });
            if (applied.dropped > 0)
              log.info('dropped rows only an abandoned sync attempt had written', {
                itemId,
                dropped: applied.dropped,
              });
            counts.added += applied.added;
            counts.modified += applied.modified;
            counts.removed += applied.removed;
            if (applied.added > 0 || applied.modified > 0 || applied.removed > 0 || applied.dropped > 0)
              changed = true;
            // Counts now include these committed pages, whatever happens next.
            for (const page of pages) {
              counts.pages++;
              progress('applying');
              await options.hooks?.afterPage?.({
                itemId,
                attempt,
                page: counts.pages,
                hasMore: page.has_more,
              });
            }
            if (final) break attempts;
          }
          if (error !== null) {
            if (classifyError(toAppError(error)) === 'restart-loop' && restarts < maxRestarts) {
              restarts++;
              log.info('transactions changed during pagination; restarting the loop from its start cursor', {
                itemId,
                restarts,
              });
              continue attempts;
            }
            throw error;
          }
          progress('fetching');
        }
      } finally {
        stream.stop();
      }
    }
    // Transfer pairs, tombstones whose successor arrived, the spending aggregate. The recurring
    // streams are stored after, so this thread never waits on the worker's write lock.
    if (recurring === null && (changed || !hasRecurring(ledger.db, itemId)))
      recurring = fetchRecurring(options);
    await work.run('afterSync', { itemIds: [itemId] });
    if (recurring) storeRecurringStreams(options, await recurring);
    ledger.write(() => finishRun(ledger, runId, 'ok', counts, null));
    progress('done');
    return { ...counts, restarts, changed: changed || accounts.length > 0 };
  } catch (error) {
    finishFailedRun(ledger, runId, counts, error);
    throw error;
  }
}

const hasChanges = (page: TransactionsSyncResponse) =>
  page.added.length > 0 || page.modified.length > 0 || page.removed.length > 0;

/**
 * Recurring streams are Plaid's add-on: an Item without it, or one whose history is not ready,
 * answers with an error that must not fail the sync. The last good streams stay.
 */
async function fetchRecurring(options: TransactionsSyncOptions): Promise<unknown> {
  const { plaid, log, itemId, accessToken } = options;
  try {
    return await plaid.transactionsRecurringGet(accessToken);
  } catch (error) {
    log.info('recurring streams not updated', { itemId, code: toAppError(error).code });
    return null;
  }
}

function storeRecurringStreams(options: TransactionsSyncOptions, response: unknown): void {
  if (response === null) return;
  const { ledger, log, itemId } = options;
  try {
    const streams = ledger.write(() => storeRecurring(ledger.db, itemId, response));
    log.info('recurring streams updated', { itemId, streams });
  } catch (error) {
    log.info('recurring streams not updated', { itemId, code: toAppError(error).code });
  }
}
