/**
 * Where each Item's sync of each product stands (its cursor and the loop under way) and the
 * record of each sync run.
 */
import type { PlaidErrorShape } from '../../../shared/plaid-error';
import { toAppError } from '../errors';
import type { Ledger } from '../ledger/ledger';
import { nowIso } from '../ledger/statements';
import { itemErrorShape } from '../plaid/errors';

export interface SyncState {
  cursor: string | null;
  /** Non-null while a loop is under way ('' when it started from the beginning). */
  loopStartCursor: string | null;
}

export interface SyncRunCounts {
  pages: number;
  added: number;
  modified: number;
  removed: number;
}

export function getSyncState(ledger: Ledger, itemId: string, product: string): SyncState {
  const row = ledger.db
    .prepare(`SELECT cursor, loop_start_cursor FROM sync_state WHERE item_id = ? AND product = ?`)
    .get(itemId, product) as { cursor: string | null; loop_start_cursor: string | null } | undefined;
  return { cursor: row?.cursor ?? null, loopStartCursor: row?.loop_start_cursor ?? null };
}

export function setSyncState(ledger: Ledger, itemId: string, product: string, state: SyncState): void {
  ledger.db
    .prepare(
      `INSERT INTO sync_state (item_id, product, cursor, loop_start_cursor, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (item_id, product) DO UPDATE SET cursor = excluded.cursor,
         loop_start_cursor = excluded.loop_start_cursor, updated_at = excluded.updated_at`,
    )
    .run(itemId, product, state.cursor, state.loopStartCursor, nowIso());
}

export function startRun(ledger: Ledger, itemId: string, product: string): number {
  return Number(
    ledger.db
      .prepare(`INSERT INTO sync_runs (item_id, product, started_at, status) VALUES (?, ?, ?, 'running')`)
      .run(itemId, product, nowIso()).lastInsertRowid,
  );
}

export function finishRun(
  ledger: Ledger,
  runId: number,
  status: 'ok' | 'error',
  counts: SyncRunCounts,
  error: PlaidErrorShape | null,
): void {
  ledger.db
    .prepare(
      `UPDATE sync_runs SET finished_at = ?, status = ?, pages = ?, added = ?, modified = ?, removed = ?,
         error_json = ? WHERE id = ?`,
    )
    .run(
      nowIso(),
      status,
      counts.pages,
      counts.added,
      counts.modified,
      counts.removed,
      error ? JSON.stringify(error) : null,
      runId,
    );
}

/** Records a run's failure with the counts it reached; never throws over the original error. */
export function finishFailedRun(ledger: Ledger, runId: number, counts: SyncRunCounts, error: unknown): void {
  try {
    ledger.write(() => finishRun(ledger, runId, 'error', counts, itemErrorShape(toAppError(error))));
  } catch {
    // The run row stays 'running'; the original error matters more.
  }
}

export function lastRun(
  ledger: Ledger,
  itemId: string,
): { status: string; pages: number; added: number; modified: number; removed: number } | null {
  return (
    (ledger.db
      .prepare(
        `SELECT status, pages, added, modified, removed FROM sync_runs WHERE item_id = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(itemId) as {
      status: string;
      pages: number;
      added: number;
      modified: number;
      removed: number;
    }) ?? null
  );
}
