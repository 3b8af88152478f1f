/**
 * The ledger's side of the Item lifecycle: health per Item (and since when), the new-accounts
 * hint, Items removed with their history kept, and archived accounts. Callers run these inside
 * `ledger.write` when they change anything.
 */
import type { ItemHealth } from '../../../shared/api';
import { PlaidErrorShape } from '../../../shared/plaid-error';
import type { Ledger } from '../ledger/ledger';
import type { AccountRecord } from './store';
import { upsertAccounts } from './store';

export interface ItemLifecycleRow {
  itemId: string;
  health: ItemHealth;
  healthSince: string | null;
  error: PlaidErrorShape | null;
  newAccountsAvailable: boolean;
  removedAt: string | null;
}

interface LifecycleDbRow {
  item_id: string;
  health: ItemHealth;
  health_since: string | null;
  error_json: string | null;
  new_accounts_available: number;
  removed_at: string | null;
}

function parseError(json: string | null): PlaidErrorShape | null {
  if (!json) return null;
  try {
    const parsed = PlaidErrorShape.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const toRow = (r: LifecycleDbRow): ItemLifecycleRow => ({
  itemId: r.item_id,
  health: r.health,
  healthSince: r.health_since,
  error: parseError(r.error_json),
  newAccountsAvailable: r.new_accounts_available === 1,
  removedAt: r.removed_at,
});

const SELECT = `SELECT item_id, health, health_since, error_json, new_accounts_available, removed_at FROM items`;

export function lifecycleRows(ledger: Ledger): Map<string, ItemLifecycleRow> {
  const rows = ledger.db.prepare(SELECT).all() as LifecycleDbRow[];
  return new Map(rows.map((r) => [r.item_id, toRow(r)]));
}

export function lifecycleRow(ledger: Ledger, itemId: string): ItemLifecycleRow | null {
  const row = ledger.db.prepare(`${SELECT} WHERE item_id = ?`).get(itemId) as LifecycleDbRow | undefined;
  return row ? toRow(row) : null;
}

/** Items still connected at Plaid (not removed with their history kept), in the ledger's order. */
export function connectedItemIds(ledger: Ledger): string[] {
  return ledger.db
    .prepare(`SELECT item_id FROM items WHERE removed_at IS NULL ORDER BY institution_name, created_at`)
    .pluck()
    .all() as string[];
}

/**
 * Sets an Item's health. Leaving 'ok' starts the clock (kept while the Item stays unhealthy, so
 * "in error for 7 days" counts from the first failure); returning to 'ok' stops it. `error`
 * replaces the stored error when given; 'ok' clears it.
 */
export function setItemHealth(
  ledger: Ledger,
  itemId: string,
  health: ItemHealth,
  at: string,
  error?: PlaidErrorShape | null,
): void {
  if (health === 'ok') {
    ledger.db
      .prepare(
        `UPDATE items SET health = 'ok', health_since = NULL, status = 'ok', error_json = NULL WHERE item_id = ?`,
      )
      .run(itemId);
    return;
  }
  ledger.db
    .prepare(
      `UPDATE items SET health = @health, health_since = COALESCE(health_since, @at),
         error_json = CASE WHEN @keep = 1 THEN error_json ELSE @error END,
         status = CASE WHEN @keep = 1 THEN status ELSE 'error' END
       WHERE item_id = @itemId`,
    )
    .run({
      itemId,
      health,
      at,
      keep: error === undefined ? 1 : 0,
      error: error ? JSON.stringify(error) : null,
    });
}

export function setNewAccountsAvailable(ledger: Ledger, itemId: string, available: boolean): void {
  ledger.db
    .prepare(`UPDATE items SET new_accounts_available = ? WHERE item_id = ?`)
    .run(available ? 1 : 0, itemId);
}

/**
 * The Item's accounts are exactly `accounts` now: they are upserted (new ones get rows, archived
 * ones that came back are restored) and the Item's other accounts are archived with their history.
 */
export function reconcileAccounts(
  ledger: Ledger,
  itemId: string,
  accounts: readonly AccountRecord[],
  at: string = new Date().toISOString(),
): { archived: number; restored: number } {
  upsertAccounts(ledger, accounts);
  const present = accounts.map((a) => a.accountId);
  const restore = ledger.db.prepare(
    `UPDATE accounts SET archived_at = NULL WHERE account_id = ? AND item_id = ? AND archived_at IS NOT NULL`,
  );
  let restored = 0;
  for (const id of present) restored += restore.run(id, itemId).changes;
  const archived = ledger.db
    .prepare(
      `UPDATE accounts SET archived_at = ? WHERE item_id = ? AND archived_at IS NULL
         AND account_id NOT IN (SELECT value FROM json_each(?))`,
    )
    .run(at, itemId, JSON.stringify(present)).changes;
  return { archived, restored };
}

export function archiveAccount(ledger: Ledger, itemId: string, accountId: string, at: string): number {
  return ledger.db
    .prepare(
      `UPDATE accounts SET archived_at = ? WHERE item_id = ? AND account_id = ? AND archived_at IS NULL`,
    )
    .run(at, itemId, accountId).changes;
}

export function archivedAccountIds(ledger: Ledger): Set<string> {
  return new Set(
    ledger.db
      .prepare(`SELECT account_id FROM accounts WHERE archived_at IS NOT NULL`)
      .pluck()
      .all() as string[],
  );
}

/** Active (not archived) accounts of every connected Item, for the duplicate guard. */
export function activeAccountsByInstitution(
  ledger: Ledger,
  institutionId: string,
): { itemId: string; name: string; mask: string | null }[] {
  return ledger.db
    .prepare(
      `SELECT a.item_id AS itemId, a.name, a.mask FROM accounts a JOIN items i ON i.item_id = a.item_id
       WHERE i.institution_id = ? AND i.removed_at IS NULL AND a.archived_at IS NULL
       ORDER BY a.item_id, a.name`,
    )
    .all(institutionId) as { itemId: string; name: string; mask: string | null }[];
}

/** Removed at Plaid, history kept: every account archived, the sync cursor forgotten. */
export function markItemRemoved(ledger: Ledger, itemId: string, at: string): void {
  ledger.db
    .prepare(
      `UPDATE items SET removed_at = ?, health = 'ok', health_since = NULL, status = 'ok', error_json = NULL,
         new_accounts_available = 0 WHERE item_id = ?`,
    )
    .run(at, itemId);
  ledger.db
    .prepare(`UPDATE accounts SET archived_at = COALESCE(archived_at, ?) WHERE item_id = ?`)
    .run(at, itemId);
  ledger.db.prepare(`DELETE FROM sync_state WHERE item_id = ?`).run(itemId);
}

/** Purges the Item and everything under it (accounts, transactions, sync state cascade). */
export function deleteItem(ledger: Ledger, itemId: string): number {
  return ledger.db.prepare(`DELETE FROM items WHERE item_id = ?`).run(itemId).changes;
}

/** accounts.list rows with their archived flag. */
export function withArchivedFlag<T extends { id: string }>(
  ledger: Ledger,
  accounts: T[],
): (T & { archived: boolean })[] {
  const archived = archivedAccountIds(ledger);
  return accounts.map((a) => ({ ...a, archived: archived.has(a.id) }));
}
