/**
 * The ledger: one SQLite file per environment. Every write goes through here; the sync engine
 * composes these writes into one SQLite transaction per page.
 *
 * better-sqlite3 is synchronous. Pages are at most 500 rows, so applying one blocks the main
 * thread for milliseconds; moving apply work into a worker is left for when exports and
 * rebuilds arrive.
 */
import Database from 'better-sqlite3';
import type { Account, Transaction } from '../../../shared/api';
import { PlaidErrorShape } from '../../../shared/plaid-error';
import { decodeCursor, encodeCursor } from './cursor';
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

export interface TransactionPage {
  transactions: Transaction[];
  next: string | null;
  total: number;
}

const now = () => new Date().toISOString();

function parseError(json: string | null): PlaidErrorShape | null {
  if (!json) return null;
  const parsed = PlaidErrorShape.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export interface OpenLedgerOptions {
  migrations?: readonly string[];
}

export function openLedger(file: string, options: OpenLedgerOptions = {}): Ledger {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Readers and the single writer of other processes (app + `coffer sync`) briefly contend.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
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

  listAccounts(): Account[] {
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

  /** Insert or replace by transaction_id: applying the same page twice leaves the same rows. */
  upsertTransactions(rows: readonly TransactionRecord[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO transactions (transaction_id, account_id, item_id, date, authorized_date, name, merchant_name,
         amount_minor, currency, pending, pending_transaction_id, category_primary, category_detailed,
         payment_channel, raw_json, updated_at)
       VALUES (@transactionId, @accountId, @itemId, @date, @authorizedDate, @name, @merchantName,
         @amountMinor, @currency, @pending, @pendingTransactionId, @categoryPrimary, @categoryDetailed,
         @paymentChannel, @rawJson, @updatedAt)
       ON CONFLICT (transaction_id) DO UPDATE SET account_id = excluded.account_id, item_id = excluded.item_id,
         date = excluded.date, authorized_date = excluded.authorized_date, name = excluded.name,
         merchant_name = excluded.merchant_name, amount_minor = excluded.amount_minor,
         currency = excluded.currency, pending = excluded.pending,
         pending_transaction_id = excluded.pending_transaction_id, category_primary = excluded.category_primary,
         category_detailed = excluded.category_detailed, payment_channel = excluded.payment_channel,
         raw_json = excluded.raw_json, updated_at = excluded.updated_at`,
    );
    const updatedAt = now();
    for (const row of rows) stmt.run({ ...row, pending: row.pending ? 1 : 0, updatedAt });
  }

  /** Deletes by id; ids the ledger never held are ignored (Plaid may remove what we never saw). */
  deleteTransactions(itemId: string, transactionIds: readonly string[]): number {
    const stmt = this.db.prepare(`DELETE FROM transactions WHERE item_id = ? AND transaction_id = ?`);
    let deleted = 0;
    for (const id of transactionIds) deleted += stmt.run(itemId, id).changes;
    return deleted;
  }

  transactionIds(itemId: string): string[] {
    return this.db
      .prepare(`SELECT transaction_id FROM transactions WHERE item_id = ? ORDER BY transaction_id`)
      .pluck()
      .all(itemId) as string[];
  }

  listTransactions(query: {
    limit: number;
    after: string | null;
    accountId: string | null;
  }): TransactionPage {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: query.limit + 1 };
    if (query.accountId) {
      where.push('t.account_id = @accountId');
      params.accountId = query.accountId;
    }
    const total = this.db
      .prepare(`SELECT count(*) FROM transactions t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
      .pluck()
      .get(params.accountId === undefined ? {} : { accountId: params.accountId }) as number;
    if (query.after) {
      const position = decodeCursor(query.after);
      // Row-value comparison keeps the (date DESC, id DESC) index usable for the seek.
      where.push('(t.date, t.transaction_id) < (@afterDate, @afterId)');
      params.afterDate = position.date;
      params.afterId = position.id;
    }
    const rows = this.db
      .prepare(
        `SELECT t.transaction_id, t.account_id, a.name AS account_name, t.date, t.authorized_date, t.name,
           t.merchant_name, t.amount_minor, t.currency, t.pending, t.category_primary, t.category_detailed
         FROM transactions t JOIN accounts a ON a.account_id = t.account_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY t.date DESC, t.transaction_id DESC
         LIMIT @limit`,
      )
      .all(params) as TransactionDbRow[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const next =
      rows.length > query.limit && last ? encodeCursor({ date: last.date, id: last.transaction_id }) : null;
    return {
      total,
      next,
      transactions: page.map((r) => ({
        id: r.transaction_id,
        accountId: r.account_id,
        accountName: r.account_name,
        date: r.date,
        authorizedDate: r.authorized_date,
        name: r.name,
        merchantName: r.merchant_name,
        amountMinor: r.amount_minor,
        currency: r.currency,
        pending: r.pending === 1,
        categoryPrimary: r.category_primary,
        categoryDetailed: r.category_detailed,
      })),
    };
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

  /** Remembers that the current loop attempt saw these ids (added or modified). */
  markLoopSeen(itemId: string, attempt: string, transactionIds: readonly string[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO sync_loop_seen (item_id, transaction_id, attempt) VALUES (?, ?, ?)
       ON CONFLICT (item_id, transaction_id) DO UPDATE SET attempt = excluded.attempt`,
    );
    for (const id of transactionIds) stmt.run(itemId, id, attempt);
  }

  /**
   * Ends a loop: deletes what only abandoned attempts added, forgets the loop's bookkeeping.
   * Returns how many rows were dropped.
   */
  finishLoop(itemId: string, attempt: string): number {
    const dropped = this.db
      .prepare(
        `DELETE FROM transactions WHERE item_id = ? AND transaction_id IN
           (SELECT transaction_id FROM sync_loop_seen WHERE item_id = ? AND attempt <> ?)`,
      )
      .run(itemId, itemId, attempt).changes;
    this.db.prepare(`DELETE FROM sync_loop_seen WHERE item_id = ?`).run(itemId);
    return dropped;
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

interface TransactionDbRow {
  transaction_id: string;
  account_id: string;
  account_name: string;
  date: string;
  authorized_date: string | null;
  name: string;
  merchant_name: string | null;
  amount_minor: number;
  currency: string;
  pending: number;
  category_primary: string | null;
  category_detailed: string | null;
}
