/**
 * The transactions sync engine: fetch a page of /transactions/sync → apply it idempotently →
 * commit the page and its cursor in one SQLite transaction.
 *
 * Crash safety: before the first page, the loop's start cursor is committed. While it is set, a
 * new run restarts from it (Plaid's rule for a loop that did not finish). Upserts by id and
 * deletes by id make re-applying pages harmless, and ids that only an abandoned attempt added
 * are dropped when the final attempt ends (see sync_loop_seen), so a crash at any instant
 * neither loses nor duplicates anything.
 */
import { randomUUID } from 'node:crypto';
import { toAppError } from '../errors';
import type { AccountRecord, Ledger, SyncRunCounts } from '../ledger/ledger';
import type { Logger } from '../log/logger';
import type { PlaidGateway } from '../plaid/client';
import { classifyError, itemErrorShape } from '../plaid/errors';
import { removedIds, toAccountRecord, toTransactionRecord } from '../plaid/mapping';

export const TRANSACTIONS = 'transactions';
export const SYNC_PAGE_SIZE = 500;

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
}

export interface TransactionsSyncOutcome extends SyncRunCounts {
  restarts: number;
  /** Whether the ledger changed at all (rows or balances). */
  changed: boolean;
}

function placeholderAccount(accountId: string, itemId: string, currency: string): AccountRecord {
  // A transaction for an account /accounts/get did not list: keep the row, name it honestly.
  return {
    accountId,
    itemId,
    name: 'Unknown account',
    officialName: null,
    mask: null,
    type: 'other',
    subtype: null,
    currency,
    currentMinor: null,
    availableMinor: null,
    limitMinor: null,
  };
}

export async function syncTransactions(options: TransactionsSyncOptions): Promise<TransactionsSyncOutcome> {
  const { ledger, plaid, log, itemId, accessToken } = options;
  const pageSize = options.pageSize ?? SYNC_PAGE_SIZE;
  const maxRestarts = options.maxRestarts ?? 5;
  const counts: SyncRunCounts = { pages: 0, added: 0, modified: 0, removed: 0 };
  const progress = (phase: SyncPhaseName) => options.onProgress?.(phase, { ...counts });

  const runId = ledger.write(() => ledger.startRun(itemId, TRANSACTIONS));
  let restarts = 0;
  let changed = false;
  try {
    progress('starting');
    const accounts = (await plaid.accountsGet(accessToken)).map((a) => toAccountRecord(a, itemId));
    ledger.write(() => ledger.upsertAccounts(accounts));

    const state = ledger.getSyncState(itemId, TRANSACTIONS);
    const start = state.loopStartCursor ?? state.cursor ?? '';
    if (state.loopStartCursor !== null) {
      log.info('sync resumes an unfinished loop from its start cursor', { itemId });
    } else {
      ledger.write(() =>
        ledger.setSyncState(itemId, TRANSACTIONS, { cursor: state.cursor, loopStartCursor: start }),
      );
    }

    attempts: for (let attempt = 1; ; attempt++) {
      const attemptId = randomUUID();
      let cursor = start;
      Object.assign(counts, { pages: 0, added: 0, modified: 0, removed: 0 });
      for (;;) {
        progress('fetching');
        let page;
        try {
          page = await plaid.transactionsSync(accessToken, cursor || null, pageSize);
        } catch (error) {
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
        progress('applying');
        // Validate the whole page before touching the ledger.
        const pageAccounts = page.accounts.map((a) => toAccountRecord(a, itemId));
        const added = page.added.map((t) => toTransactionRecord(t, itemId));
        const modified = page.modified.map((t) => toTransactionRecord(t, itemId));
        const removed = removedIds(page.removed);
        const upserts = [...added, ...modified];
        const last = !page.has_more;
        const nextCursor = page.next_cursor || null;

        ledger.write(() => {
          ledger.upsertAccounts(pageAccounts);
          const known = ledger.accountIds(itemId);
          const missing = new Map<string, AccountRecord>();
          for (const t of upserts) {
            if (!known.has(t.accountId))
              missing.set(t.accountId, placeholderAccount(t.accountId, itemId, t.currency));
          }
          if (missing.size > 0) ledger.upsertAccounts([...missing.values()]);
          ledger.upsertTransactions(upserts);
          ledger.markLoopSeen(
            itemId,
            attemptId,
            upserts.map((t) => t.transactionId),
          );
          ledger.deleteTransactions(itemId, removed);
          if (last) {
            const dropped = ledger.finishLoop(itemId, attemptId);
            if (dropped > 0)
              log.info('dropped rows only an abandoned sync attempt had added', { itemId, dropped });
          }
          ledger.setSyncState(itemId, TRANSACTIONS, {
            cursor: nextCursor,
            loopStartCursor: last ? null : start,
          });
        });

        counts.pages++;
        counts.added += added.length;
        counts.modified += modified.length;
        counts.removed += removed.length;
        if (upserts.length > 0 || removed.length > 0) changed = true;
        // Counts now include this committed page, whatever happens next.
        progress('applying');
        await options.hooks?.afterPage?.({ itemId, attempt, page: counts.pages, hasMore: !last });
        if (last) break attempts;
        cursor = page.next_cursor;
      }
    }
    ledger.write(() => ledger.finishRun(runId, 'ok', counts, null));
    progress('done');
    return { ...counts, restarts, changed: changed || accounts.length > 0 };
  } catch (error) {
    try {
      ledger.write(() => ledger.finishRun(runId, 'error', counts, itemErrorShape(toAppError(error))));
    } catch {
      // The run row stays 'running'; the original error matters more.
    }
    throw error;
  }
}
