/**
 * Balance snapshots: each balance Plaid gave us (a sync's accounts, or an on-demand
 * /accounts/balance/get), kept as it came and never changed. Daily balances are derived from them.
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import { localDate, maxDate } from './days';

export type SnapshotSource = 'refresh' | 'sync';

export interface BalanceSnapshot {
  accountId: string;
  asOf: string;
  fetchedAt: string;
  source: SnapshotSource;
  currency: string;
  currentMinor: number;
  availableMinor: number | null;
}

/**
 * The bank day a balance fetched now stands for: today, or the latest posting date of the Item
 * when the bank's calendar runs ahead of ours (an advanced simulator clock), since the balance
 * already holds those postings.
 */
export function bankDayOf(ledger: Ledger, itemId: string, nowMs: number): string {
  // The newest posted row of the Item, read down the date index (kept even during a bulk load):
  // max(date) would read every row of the Item (a second per sync at a million rows).
  const latest = stmt(
    ledger.db,
    `SELECT date FROM transactions INDEXED BY transactions_newest WHERE item_id = ? AND pending = 0
     ORDER BY date DESC, transaction_id DESC LIMIT 1`,
  )
    .pluck()
    .get(itemId) as string | undefined;
  return latest !== undefined ? maxDate(localDate(nowMs), latest) : localDate(nowMs);
}

/**
 * Today as the ledger counts it: ours, or the bank's when its latest balance is dated later (its
 * calendar runs ahead of ours), so what is due and what is owed are read on the bank's day.
 */
export function ledgerToday(ledger: Ledger, nowMs: number): string {
  const latest = stmt(ledger.db, `SELECT max(as_of) FROM balance_snapshots`).pluck().get() as string | null;
  return latest ? maxDate(localDate(nowMs), latest) : localDate(nowMs);
}

/**
 * Records the Item's accounts' balances as they stand in the accounts table (just written by a sync
 * or a refresh) as one snapshot each. Inside the caller's write transaction. Returns the snapshots.
 */
export function recordSnapshots(
  ledger: Ledger,
  itemId: string,
  source: SnapshotSource,
  nowMs: number,
): BalanceSnapshot[] {
  const asOf = bankDayOf(ledger, itemId, nowMs);
  const fetchedAt = new Date(nowMs).toISOString();
  const accounts = stmt(
    ledger.db,
    `SELECT account_id, currency, current_minor, available_minor FROM accounts
     WHERE item_id = ? AND current_minor IS NOT NULL`,
  ).all(itemId) as {
    account_id: string;
    currency: string;
    current_minor: number;
    available_minor: number | null;
  }[];
  const insert = stmt(
    ledger.db,
    `INSERT INTO balance_snapshots (account_id, item_id, as_of, fetched_at, source, currency, current_minor,
       available_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return accounts.map((a) => {
    insert.run(a.account_id, itemId, asOf, fetchedAt, source, a.currency, a.current_minor, a.available_minor);
    return {
      accountId: a.account_id,
      asOf,
      fetchedAt,
      source,
      currency: a.currency,
      currentMinor: a.current_minor,
      availableMinor: a.available_minor,
    };
  });
}

/** Each account's latest snapshot: the balance shown and when it was fetched. */
export function latestSnapshots(ledger: Ledger): BalanceSnapshot[] {
  const rows = ledger.db
    .prepare(
      `SELECT s.account_id, s.as_of, s.fetched_at, s.source, s.currency, s.current_minor, s.available_minor
       FROM balance_snapshots s
       WHERE s.id = (SELECT max(id) FROM balance_snapshots t WHERE t.account_id = s.account_id)
       ORDER BY s.account_id`,
    )
    .all() as SnapshotRow[];
  return rows.map(toSnapshot);
}

/** An account's snapshots, oldest first; the last of a day stands for that day. */
export function snapshotsByDay(ledger: Ledger, accountId: string): Map<string, number> {
  const rows = stmt(
    ledger.db,
    `SELECT as_of, current_minor FROM balance_snapshots WHERE account_id = ? ORDER BY as_of, id`,
  ).all(accountId) as { as_of: string; current_minor: number }[];
  return new Map(rows.map((r) => [r.as_of, r.current_minor]));
}

interface SnapshotRow {
  account_id: string;
  as_of: string;
  fetched_at: string;
  source: SnapshotSource;
  currency: string;
  current_minor: number;
  available_minor: number | null;
}

function toSnapshot(r: SnapshotRow): BalanceSnapshot {
  return {
    accountId: r.account_id,
    asOf: r.as_of,
    fetchedAt: r.fetched_at,
    source: r.source,
    currency: r.currency,
    currentMinor: r.current_minor,
    availableMinor: r.available_minor,
  };
}
