/**
 * The ledger: one SQLite file per environment. Every write goes through here; the sync engine
 * composes these writes into one SQLite transaction per page.
 *
 * better-sqlite3 is synchronous. Pages are at most 500 rows, so applying one blocks the main
 * thread for milliseconds; moving apply work into a worker is left for when exports and
 * rebuilds arrive.
 */
import type Database from 'better-sqlite3';
import type { Account } from '../../../shared/api';
import { PlaidErrorShape } from '../../../shared/plaid-error';
import { dropAbandoned, removeRows, upsertRows } from '../sync/apply';
import { listTransactions, type ListRequest, type TransactionPage } from '../transactions/queries';
import { openLedgerFile } from './ledger-file';
import { migrations as defaultMigrations } from './migrations';

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

export interface TransactionRecord {
  transactionId: string;
  accountId: string;
  itemId: string;
  date: string;
  authorizedDate: string | null;
  name: string;
  merchantName: string | null;
  amountMinor: number;
  currency: string;
  pending: boolean;
  pendingTransactionId: string | null;
  categoryPrimary: string | null;
  categoryDetailed: string | null;
  paymentChannel: string | null;
  rawJson: string | null;
}

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

export type { TransactionPage } from '../transactions/queries';

const now = () => new Date().toISOString();

function parseError(json: string | null): PlaidErrorShape | null {
  if (!json) return null;
  const parsed = PlaidErrorShape.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/** SQLite's page cache per connection, in KiB (see openLedger). */
export const LEDGER_CACHE_KIB = 64 * 1024;

export interface OpenLedgerOptions {
  migrations?: readonly string[];
  /** The ledger's 256-bit key (see ledger-file.ts); null or absent: an unencrypted ledger. */
  key?: Buffer | null;
}

export function openLedger(file: string, options: OpenLedgerOptions = {}): Ledger {
  const db = openLedgerFile(file, options.key ?? null);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Readers and the single writer of other processes (app + `coffer sync`) briefly contend.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache: an encrypted page read from the OS cache is decrypted again, so keeping
    // the hot indexes decrypted in SQLite's own cache is what makes lists and counts fast.
    db.pragma(`cache_size = -${LEDGER_CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    migrate(db, options.migrations ?? defaultMigrations);
    return new Ledger(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database, list: readonly string[]): void {
  const apply = db.transaction(() => {
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > list.length) {
      throw new Error(
        `This ledger has schema version ${version}, newer than this Coffer knows (${list.length}); update Coffer.`,
      );
    }
    for (let i = version; i < list.length; i++) db.exec(list[i]);
    if (version !== list.length) db.pragma(`user_version = ${list.length}`);
  });
  apply.immediate();
}

export class Ledger {
  constructor(readonly db: Database.Database) {}

  close(): void {
    if (this.db.open) this.db.close();
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Runs fn in one write transaction (BEGIN IMMEDIATE, so a busy ledger fails before any work). */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // Items

  listItems(): ItemRow[] {
    const rows = this.db
      .prepare(
        `SELECT item_id, institution_id, institution_name, created_at, last_synced_at, status, error_json
         FROM items ORDER BY institution_name, created_at`,
      )
      .all() as ItemDbRow[];
    return rows.map(toItemRow);
  }

  getItem(itemId: string): ItemRow | null {
    const row = this.db
      .prepare(
        `SELECT item_id, institution_id, institution_name, created_at, last_synced_at, status, error_json
         FROM items WHERE item_id = ?`,
      )
      .get(itemId) as ItemDbRow | undefined;
    return row ? toItemRow(row) : null;
  }

  insertItem(item: { itemId: string; institutionId: string | null; institutionName: string }): void {
    this.db
      .prepare(
        `INSERT INTO items (item_id, institution_id, institution_name, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (item_id) DO UPDATE SET institution_id = excluded.institution_id,
           institution_name = excluded.institution_name`,
      )
      .run(item.itemId, item.institutionId, item.institutionName, now());
  }

  markItemSynced(itemId: string, at: string = now()): void {
    this.db
      .prepare(`UPDATE items SET last_synced_at = ?, status = 'ok', error_json = NULL WHERE item_id = ?`)
      .run(at, itemId);
  }

  markItemError(itemId: string, error: PlaidErrorShape): void {
    this.db
      .prepare(`UPDATE items SET status = 'error', error_json = ? WHERE item_id = ?`)
      .run(JSON.stringify(error), itemId);
  }

  // Accounts

  upsertAccounts(accounts: readonly AccountRecord[]): void {
    const stmt = this.db.prepare(
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
    const updatedAt = now();
    for (const account of accounts) stmt.run({ ...account, updatedAt });
  }

  accountIds(itemId: string): Set<string> {
    const rows = this.db
      .prepare(`SELECT account_id FROM accounts WHERE item_id = ?`)
      .pluck()
      .all(itemId) as string[];
    return new Set(rows);
  }

  /** Without the archived flag, which the Item lifecycle adds (ledger/lifecycle.ts). */
  listAccounts(): Omit<Account, 'archived'>[] {
    const rows = this.db
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

  // Transactions

  /**
   * Insert or replace by transaction_id: applying the same page twice leaves the same rows. Only
   * Plaid's fields are written; the user's edits stay (see sync/apply.ts).
   */
  upsertTransactions(rows: readonly TransactionRecord[]): void {
    upsertRows(this.db, rows, null);
  }

  /** Deletes by id; ids the ledger never held are ignored (Plaid may remove what we never saw). */
  deleteTransactions(itemId: string, transactionIds: readonly string[]): number {
    return removeRows(this.db, itemId, transactionIds);
  }

  transactionIds(itemId: string): string[] {
    return this.db
      .prepare(`SELECT transaction_id FROM transactions WHERE item_id = ? ORDER BY transaction_id`)
      .pluck()
      .all(itemId) as string[];
  }

  listTransactions(query: ListRequest): TransactionPage {
    return listTransactions(this.db, query);
  }

  // Sync state

  getSyncState(itemId: string, product: string): SyncState {
    const row = this.db
      .prepare(`SELECT cursor, loop_start_cursor FROM sync_state WHERE item_id = ? AND product = ?`)
      .get(itemId, product) as { cursor: string | null; loop_start_cursor: string | null } | undefined;
    return { cursor: row?.cursor ?? null, loopStartCursor: row?.loop_start_cursor ?? null };
  }

  setSyncState(itemId: string, product: string, state: SyncState): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (item_id, product, cursor, loop_start_cursor, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (item_id, product) DO UPDATE SET cursor = excluded.cursor,
           loop_start_cursor = excluded.loop_start_cursor, updated_at = excluded.updated_at`,
      )
      .run(itemId, product, state.cursor, state.loopStartCursor, now());
  }

  /** Ends a loop after restarts: drops rows only an abandoned attempt wrote (see sync/apply.ts). */
  finishLoop(itemId: string, firstGen: number, finalGen: number): number {
    return dropAbandoned(this.db, itemId, firstGen, finalGen);
  }

  // Sync runs

  startRun(itemId: string, product: string): number {
    return Number(
      this.db
        .prepare(`INSERT INTO sync_runs (item_id, product, started_at, status) VALUES (?, ?, ?, 'running')`)
        .run(itemId, product, now()).lastInsertRowid,
    );
  }

  finishRun(
    runId: number,
    status: 'ok' | 'error',
    counts: SyncRunCounts,
    error: PlaidErrorShape | null,
  ): void {
    this.db
      .prepare(
        `UPDATE sync_runs SET finished_at = ?, status = ?, pages = ?, added = ?, modified = ?, removed = ?,
           error_json = ? WHERE id = ?`,
      )
      .run(
        now(),
        status,
        counts.pages,
        counts.added,
        counts.modified,
        counts.removed,
        error ? JSON.stringify(error) : null,
        runId,
      );
  }

  lastRun(
    itemId: string,
  ): { status: string; pages: number; added: number; modified: number; removed: number } | null {
    return (
      (this.db
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
