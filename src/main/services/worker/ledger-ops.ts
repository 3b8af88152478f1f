/**
 * The ledger work that may take longer than a frame: applying sync pages, the passes after a
 * sync (transfer detection, tombstones, spending aggregate, planner statistics), running rules
 * over the whole history. Each op is a plain function of a Ledger, so the same code runs in the
 * ledger worker thread (production) and inline (tests of the engine, benchmarks, fallback).
 */
import type { Ledger } from '../ledger/ledger';
import {
  applyPage,
  applyPages,
  beginAttempt,
  type ApplyPageInput,
  type ApplyPageResult,
  type ApplyPagesInput,
  type ApplyPagesResult,
  type AttemptState,
} from '../ingest/transactions/apply';
import { endLoadCache, restoreDeferredSchema, useLoadCache } from '../ingest/transactions/bulk-load';
import { isDeferred } from '../ledger/schema-state';
import { purgeTombstones } from '../transactions/edits';
import { applyRulesToHistory } from '../transactions/rules';
import { rebuildSpending } from '../transactions/spending';
import { detectTransfers } from '../transactions/transfers';

export interface AfterSyncResult {
  paired: number;
  tombstonesPurged: number;
  monthsRebuilt: number;
}

/**
 * The planner needs row counts and index selectivity (sqlite_stat1) to pick the date index for a
 * dense filter and a narrow index for a rare one. A sampled ANALYZE (analysis_limit) costs tens of
 * milliseconds even at a million rows; it runs when the table has grown by a quarter since.
 */
function refreshStatistics(ledger: Ledger): void {
  const db = ledger.db;
  const rows = db.prepare(`SELECT max(rowid) FROM transactions`).pluck().get() as number | null;
  let known = 0;
  const hasStats = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get() !== undefined;
  if (hasStats) {
    const stat = db
      .prepare(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'transactions' LIMIT 1`)
      .pluck()
      .get() as string | undefined;
    known = stat ? Number(stat.split(' ')[0]) : 0;
  }
  if ((rows ?? 0) > 0 && (rows ?? 0) > known * 1.25) {
    db.pragma('analysis_limit = 2000');
    db.exec('ANALYZE');
  } else db.pragma('optimize');
}

export const ledgerOps = {
  /** Nothing: the worker and its ledger connection are started ahead of the first real op. */
  ready: (): true => true,
  beginAttempt: (ledger: Ledger, args: { itemId: string }): AttemptState => beginAttempt(ledger, args.itemId),
  applyPage: (ledger: Ledger, args: ApplyPageInput): ApplyPageResult => applyPage(ledger, args),
  applyPages: (ledger: Ledger, args: ApplyPagesInput): ApplyPagesResult => applyPages(ledger, args),
  /** After a crash during a bulk load (ingest/transactions/bulk-load.ts): builds the indexes it had deferred. */
  restoreDeferredSchema: (ledger: Ledger): boolean => {
    useLoadCache(ledger.db);
    try {
      return ledger.write(() => restoreDeferredSchema(ledger.db));
    } finally {
      endLoadCache(ledger.db);
    }
  },
  afterSync: (ledger: Ledger, args: { itemIds: string[] }): AfterSyncResult => {
    const write = <T>(fn: () => T) => ledger.write(fn);
    const paired = detectTransfers(ledger.db, write);
    let tombstonesPurged = 0;
    for (const itemId of args.itemIds) tombstonesPurged += write(() => purgeTombstones(ledger.db, itemId));
    const monthsRebuilt = rebuildSpending(ledger.db, write);
    refreshStatistics(ledger);
    // A first sync's bulk load kept its larger cache for the passes above (bulk-load.ts).
    if (!isDeferred(ledger.db)) endLoadCache(ledger.db);
    return { paired, tombstonesPurged, monthsRebuilt };
  },
  applyRules: (ledger: Ledger, args: { only: string | null }): { matched: number; changed: number } => {
    const write = <T>(fn: () => T) => ledger.write(fn);
    const result = applyRulesToHistory(ledger.db, args.only, write);
    rebuildSpending(ledger.db, write);
    return result;
  },
  rebuildSpending: (ledger: Ledger): number => rebuildSpending(ledger.db, (fn) => ledger.write(fn)),
} as const;

export type LedgerOps = typeof ledgerOps;
export type LedgerOpName = keyof LedgerOps;
export type OpArgs<K extends LedgerOpName> = Parameters<LedgerOps[K]>[1];
export type OpResult<K extends LedgerOpName> = ReturnType<LedgerOps[K]>;

/** Where ledger work runs: a worker thread, or inline on the calling thread. */
export interface LedgerWork {
  run<K extends LedgerOpName>(op: K, args: OpArgs<K>): Promise<OpResult<K>>;
  close(): Promise<void>;
}

export function inlineLedgerWork(ledger: Ledger): LedgerWork {
  return {
    run: async (op, args) => {
      const fn = ledgerOps[op] as (l: Ledger, a: typeof args) => OpResult<typeof op>;
      return fn(ledger, args);
    },
    close: async () => {},
  };
}
