/**
 * Items and their accounts in the ledger: what Link adds and a sync refreshes. The Item
 * lifecycle's columns (health, removal, archived accounts) are read and written by
 * lifecycle-store.ts.
 */
import type { Account } from '../../../shared/api';
import { PlaidErrorShape } from '../../../shared/plaid-error';
import type { Ledger } from '../ledger/ledger';
import { nowIso } from '../ledger/statements';

export interface ItemRow {
  itemId: string;
  institutionId: string | null;
  institutionName: string;
  createdAt: string;
  lastSyncedAt: string | null;
  status: 'ok' | 'error';
  error: PlaidErrorShape | null;
}

export interface AccountRecord {
  accountId: string;
  itemId: string;
  name: string;
  officialName: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  currency: string;
  currentMinor: number | null;
  availableMinor: number | null;
  limitMinor: number | null;
}

function parseError(json: string | null): PlaidErrorShape | null {
  if (!json) return null;
  const parsed = PlaidErrorShape.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export function listItems(ledger: Ledger): ItemRow[] {
  const rows = ledger.db
    .prepare(
      `SELECT item_id, institution_id, institution_name, created_at, last_synced_at, status, error_json
       FROM items ORDER BY institution_name, created_at`,
    )
    .all() as ItemDbRow[];
  return rows.map(toItemRow);
}

export function getItem(ledger: Ledger, itemId: string): ItemRow | null {
  const row = ledger.db
    .prepare(
      `SELECT item_id, institution_id, institution_name, created_at, last_synced_at, status, error_json
       FROM items WHERE item_id = ?`,
    )
    .get(itemId) as ItemDbRow | undefined;
  return row ? toItemRow(row) : null;
}

export function insertItem(
  ledger: Ledger,
  item: { itemId: string; institutionId: string | null; institutionName: string },
): void {
  ledger.db
    .prepare(
      `INSERT INTO items (item_id, institution_id, institution_name, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET institution_id = excluded.institution_id,
         institution_name = excluded.institution_name`,
    )
    .run(item.itemId, item.institutionId, item.institutionName, nowIso());
}

export function markItemSynced(ledger: Ledger, itemId: string, at: string = nowIso()): void {
  ledger.db
    .prepare(`UPDATE items SET last_synced_at = ?, status = 'ok', error_json = NULL WHERE item_id = ?`)
    .run(at, itemId);
}

export function markItemError(ledger: Ledger, itemId: string, error: PlaidErrorShape): void {
  ledger.db
    .prepare(`UPDATE items SET status = 'error', error_json = ? WHERE item_id = ?`)
    .run(JSON.stringify(error), itemId);
}

export function upsertAccounts(ledger: Ledger, accounts: readonly AccountRecord[]): void {
  const stmt = ledger.db.prepare(
    `INSERT INTO accounts (account_id, item_id, name, official_name, mask, type, subtype, currency,
       current_minor, available_minor, limit_minor, updated_at)
     VALUES (@accountId, @itemId, @name, @officialName, @mask, @type, @subtype, @currency,
       @currentMinor, @availableMinor, @limitMinor, @updatedAt)
     ON CONFLICT (account_id) DO UPDATE SET item_id = excluded.item_id, name = excluded.name,
       official_name = excluded.official_name, mask = excluded.mask, type = excluded.type,
       subtype = excluded.subtype, currency = excluded.currency, current_minor = excluded.current_minor,
       available_minor = excluded.available_minor, limit_minor = excluded.limit_minor,
       updated_at = excluded.updated_at`,
  );
  const updatedAt = nowIso();
  for (const account of accounts) stmt.run({ ...account, updatedAt });
}

export function accountIds(ledger: Ledger, itemId: string): Set<string> {
  const rows = ledger.db
    .prepare(`SELECT account_id FROM accounts WHERE item_id = ?`)
    .pluck()
    .all(itemId) as string[];
  return new Set(rows);
}

/** Without the archived flag, which the Item lifecycle adds (lifecycle-store.ts). */
export function listAccounts(ledger: Ledger): Omit<Account, 'archived'>[] {
  const rows = ledger.db
    .prepare(
      `SELECT a.account_id, a.item_id, i.institution_name, a.name, a.official_name, a.mask, a.type, a.subtype,
         a.currency, a.current_minor, a.available_minor, a.limit_minor
       FROM accounts a JOIN items i ON i.item_id = a.item_id
       ORDER BY i.institution_name, a.item_id, a.type, a.name, a.account_id`,
    )
    .all() as AccountDbRow[];
  return rows.map((r) => ({
    id: r.account_id,
    itemId: r.item_id,
    institutionName: r.institution_name,
    name: r.name,
    officialName: r.official_name,
    mask: r.mask,
    type: r.type,
    subtype: r.subtype,
    currency: r.currency,
    currentMinor: r.current_minor,
    availableMinor: r.available_minor,
    limitMinor: r.limit_minor,
  }));
}

interface ItemDbRow {
  item_id: string;
  institution_id: string | null;
  institution_name: string;
  created_at: string;
  last_synced_at: string | null;
  status: 'ok' | 'error';
  error_json: string | null;
}

function toItemRow(r: ItemDbRow): ItemRow {
  return {
    itemId: r.item_id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    createdAt: r.created_at,
    lastSyncedAt: r.last_synced_at,
    status: r.status,
    error: parseError(r.error_json),
  };
}

interface AccountDbRow {
  account_id: string;
  item_id: string;
  institution_name: string;
  name: string;
  official_name: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  currency: string;
  current_minor: number | null;
  available_minor: number | null;
  limit_minor: number | null;
}
