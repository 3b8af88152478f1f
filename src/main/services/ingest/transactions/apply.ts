/**
 * Applying one /transactions/sync page to the ledger, in one write transaction with its cursor.
 * This is the step the ingest benchmark measures against a bare insert, so it does per row only
 * what a row needs: plain type checks (mapping.ts), one prepared upsert, rules when there are
 * any, and the pending → posted carry-over only for rows that name a pending predecessor.
 *
 * Loop bookkeeping: every attempt of a loop gets a number (sync_state.gen) and every row written
 * carries the attempt that wrote it (sync_gen). When the loop ends after restarts (a crash, or
 * TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION), rows last written by an abandoned attempt of
 * this loop and not rewritten by the final one only ever existed in an abandoned view: removed.
 */
import type { Ledger } from '../../ledger/ledger';
import type { TransactionRecord } from '../../transactions/record';
import { removedIds, toAccountRecord, toTransactionRecord } from '../../plaid/mapping';
import { nowIso, stmt, type Db } from '../../ledger/statements';
import { carryEdits, tombstoneIfEdited } from '../../transactions/edits';
import { evaluateRules, LOCK, loadRules, type CompiledRule } from '../../transactions/rules';
import { isDeferred } from '../../ledger/schema-state';
import { deferIndexes, restoreDeferredSchema, shouldBulkLoad, useLoadCache } from './bulk-load';
import { accountIds, upsertAccounts, type AccountRecord } from '../../items/store';

export const TRANSACTIONS_PRODUCT = 'transactions';

export interface ApplyPageInput {
  itemId: string;
  /** The attempt writing this page (from beginAttempt). */
  gen: number;
  accounts: readonly unknown[];
  added: readonly unknown[];
  modified: readonly unknown[];
  removed: readonly unknown[];
  /** The loop's last page (has_more false). */
  last: boolean;
  nextCursor: string | null;
  /** The cursor the loop started from ('' = the beginning). */
  loopStartCursor: string;
}

export interface ApplyPageResult {
  added: number;
  modified: number;
  removed: number;
  /** Rows only abandoned attempts had written, removed at the loop's end. */
  dropped: number;
}

export interface AttemptState {
  gen: number;
  /** The loop's start cursor ('' = the beginning). */
  start: string;
  /** Whether this attempt resumes a loop an earlier run left unfinished. */
  resumed: boolean;
}

interface SyncStateRow {
  cursor: string | null;
  loop_start_cursor: string | null;
  gen: number;
  loop_first_gen: number | null;
}

/** Starts an attempt: a new loop from the stored cursor, or a restart of the unfinished loop. */
export function beginAttempt(ledger: Ledger, itemId: string): AttemptState {
  const db = ledger.db;
  return ledger.write(() => {
    const row = stmt(
      db,
      `SELECT cursor, loop_start_cursor, gen, loop_first_gen FROM sync_state WHERE item_id = ? AND product = ?`,
    ).get(itemId, TRANSACTIONS_PRODUCT) as SyncStateRow | undefined;
    const gen = (row?.gen ?? 0) + 1;
    const resumed = row?.loop_start_cursor !== null && row?.loop_start_cursor !== undefined;
    const start = resumed ? (row?.loop_start_cursor ?? '') : (row?.cursor ?? '');
    const firstGen = resumed ? (row?.loop_first_gen ?? gen) : gen;
    stmt(
      db,
      `INSERT INTO sync_state (item_id, product, cursor, loop_start_cursor, updated_at, gen, loop_first_gen)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (item_id, product) DO UPDATE SET loop_start_cursor = excluded.loop_start_cursor,
         updated_at = excluded.updated_at, gen = excluded.gen, loop_first_gen = excluded.loop_first_gen`,
    ).run(itemId, TRANSACTIONS_PRODUCT, row?.cursor ?? null, start, nowIso(), gen, firstGen);
    return { gen, start, resumed };
  });
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

const UPSERT = `INSERT INTO transactions (transaction_id, account_id, item_id, date, authorized_date, name,
    merchant_name, amount_minor, currency, pending, pending_transaction_id, category_primary, category_detailed,
    payment_channel, raw_json, updated_at, rule_name, rule_category, rule_category_group, sync_gen,
    transfer_checked)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (transaction_id) DO UPDATE SET account_id = excluded.account_id, item_id = excluded.item_id,
    date = excluded.date, authorized_date = excluded.authorized_date, name = excluded.name,
    merchant_name = excluded.merchant_name,
    review_pending_minor = CASE WHEN is_split = 1 AND amount_minor <> excluded.amount_minor
      THEN coalesce(review_pending_minor, amount_minor) ELSE review_pending_minor END,
    amount_minor = excluded.amount_minor, currency = excluded.currency, pending = excluded.pending,
    pending_transaction_id = excluded.pending_transaction_id, category_primary = excluded.category_primary,
    category_detailed = excluded.category_detailed, payment_channel = excluded.payment_channel,
    raw_json = excluded.raw_json, updated_at = excluded.updated_at, rule_name = excluded.rule_name,
    rule_category = excluded.rule_category, rule_category_group = excluded.rule_category_group,
    sync_gen = excluded.sync_gen,
    transfer_checked = CASE WHEN transfer_pair_id IS NOT NULL THEN 0 ELSE excluded.transfer_checked END`;

/**
 * Writes Plaid's rows, inserting or replacing by transaction_id (applying the same page twice
 * leaves the same rows): Plaid's fields are replaced, the user's are never touched. Rules run on
 * each row; a posted row naming a pending predecessor receives the predecessor's edits. `gen` is
 * the sync attempt writing them (null outside a sync loop).
 */
export function upsertRows(
  db: Db,
  rows: readonly TransactionRecord[],
  gen: number | null = null,
  rules: readonly CompiledRule[] = loadRules(db),
): void {
  const upsert = stmt(db, UPSERT);
  const updatedAt = nowIso();
  const months = new Set<string>();
  const addTag =
    rules.length > 0
      ? stmt(
          db,
          `INSERT OR IGNORE INTO transaction_tags (transaction_id, tag) SELECT ?, ?
           WHERE NOT EXISTS (SELECT 1 FROM transactions WHERE transaction_id = ? AND (locked & ${LOCK.tags}) <> 0)`,
        )
      : null;
  for (const r of rows) {
    const verdict =
      rules.length > 0
        ? evaluateRules(rules, {
            name: r.name,
            merchantName: r.merchantName,
            amountMinor: r.amountMinor,
            accountId: r.accountId,
          })
        : null;
    upsert.run(
      r.transactionId,
      r.accountId,
      r.itemId,
      r.date,
      r.authorizedDate,
      r.name,
      r.merchantName,
      r.amountMinor,
      r.currency,
      r.pending ? 1 : 0,
      r.pendingTransactionId,
      r.categoryPrimary,
      r.categoryDetailed,
      r.paymentChannel,
      r.rawJson,
      updatedAt,
      verdict?.rename ?? null,
      verdict?.category ?? null,
      verdict?.categoryGroup ?? null,
      gen,
      // Only a posted row without a merchant can be half of a transfer pair (transfers.ts).
      r.pending || r.merchantName !== null || r.amountMinor === 0 ? 1 : 0,
    );
    months.add(spendMonth(r));
    if (verdict && addTag) for (const tag of verdict.tags) addTag.run(r.transactionId, tag, r.transactionId);
    if (r.pendingTransactionId !== null && !r.pending)
      carryEdits(db, r.transactionId, r.pendingTransactionId);
  }
  const dirty = stmt(
    db,
    `INSERT INTO spending_dirty (month) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM spending_dirty WHERE month = ?)`,
  );
  for (const month of months) dirty.run(month, month);
}

/** The month spending counts a row in (the generated column spend_month, computed here before the write). */
const spendMonth = (r: TransactionRecord) => (r.authorizedDate ?? r.date).slice(0, 7);

/** Deletes by id (ids the ledger never held are ignored); a pending row's edits go to a tombstone first. */
export function removeRows(db: Db, itemId: string, ids: readonly string[]): number {
  const del = stmt(db, `DELETE FROM transactions WHERE item_id = ? AND transaction_id = ?`);
  let deleted = 0;
  for (const id of ids) {
    tombstoneIfEdited(db, id);
    deleted += del.run(itemId, id).changes;
  }
  return deleted;
}

/** Rows last written by an abandoned attempt of this loop (see the file comment). */
export function dropAbandoned(db: Db, itemId: string, firstGen: number, finalGen: number): number {
  if (firstGen >= finalGen) return 0;
  const ids = stmt(
    db,
    `SELECT transaction_id FROM transactions WHERE item_id = ? AND sync_gen >= ? AND sync_gen < ?`,
  )
    .pluck()
    .all(itemId, firstGen, finalGen) as string[];
  return removeRows(db, itemId, ids);
}

/** One /transactions/sync page as Plaid sent it (checked by mapSyncPage). */
export type SyncPageInput = Omit<ApplyPageInput, 'itemId' | 'gen' | 'loopStartCursor'>;

/** A page after its type checks: what the write needs, smaller to hand to the ledger worker. */
export interface MappedSyncPage {
  accounts: AccountRecord[];
  added: TransactionRecord[];
  modified: TransactionRecord[];
  removed: string[];
  last: boolean;
  nextCursor: string | null;
}

/** Checks a page (mapping.ts: plain type checks, minor units) before anything is written. */
export function mapSyncPage(itemId: string, page: SyncPageInput): MappedSyncPage {
  return {
    accounts: page.accounts.map((a) => toAccountRecord(a, itemId)),
    added: page.added.map((t) => toTransactionRecord(t, itemId)),
    modified: page.modified.map((t) => toTransactionRecord(t, itemId)),
    removed: removedIds(page.removed),
    last: page.last,
    nextCursor: page.nextCursor,
  };
}

export interface ApplyPagesInput {
  itemId: string;
  gen: number;
  loopStartCursor: string;
  /** Consecutive pages of one attempt, oldest first: committed together with the last one's cursor. */
  pages: readonly MappedSyncPage[];
}

export interface ApplyPagesResult extends ApplyPageResult {
  /** Whether this batch started a bulk load (bulk-load.ts). */
  bulkLoad: boolean;
  /** Whether a bulk load is still under way after this batch (its indexes not yet built). */
  loading: boolean;
}

/** Writes one checked page and its cursor (inside the caller's transaction). */
function writePage(
  ledger: Ledger,
  batch: ApplyPagesInput,
  page: MappedSyncPage,
  rules: readonly CompiledRule[],
): ApplyPageResult {
  const { itemId } = batch;
  const db = ledger.db;
  const { accounts: pageAccounts, added, modified, removed } = page;
  if (pageAccounts.length > 0) upsertAccounts(ledger, pageAccounts);
  const known = accountIds(ledger, itemId);
  const missing = new Map<string, AccountRecord>();
  for (const list of [added, modified])
    for (const t of list)
      if (!known.has(t.accountId))
        missing.set(t.accountId, placeholderAccount(t.accountId, itemId, t.currency));
  if (missing.size > 0) upsertAccounts(ledger, [...missing.values()]);
  upsertRows(db, added, batch.gen, rules);
  upsertRows(db, modified, batch.gen, rules);
  removeRows(db, itemId, removed);
  let dropped = 0;
  if (page.last) {
    // The loop ends here: a bulk load's indexes are built before the abandoned rows are read.
    restoreDeferredSchema(db);
    const firstGen = stmt(db, `SELECT loop_first_gen FROM sync_state WHERE item_id = ? AND product = ?`)
      .pluck()
      .get(itemId, TRANSACTIONS_PRODUCT) as number | null;
    dropped = dropAbandoned(db, itemId, firstGen ?? batch.gen, batch.gen);
  }
  stmt(
    db,
    `UPDATE sync_state SET cursor = ?, loop_start_cursor = ?,
       loop_first_gen = CASE WHEN ? THEN NULL ELSE loop_first_gen END, updated_at = ?
     WHERE item_id = ? AND product = ?`,
  ).run(
    page.nextCursor,
    page.last ? null : batch.loopStartCursor,
    page.last ? 1 : 0,
    nowIso(),
    itemId,
    TRANSACTIONS_PRODUCT,
  );
  return { added: added.length, modified: modified.length, removed: removed.length, dropped };
}

/**
 * Writes checked pages and the last one's cursor in one transaction: a commit rewrites every index
 * page the rows touched, so fewer commits of more rows ingest faster, and a crash still loses or
 * duplicates nothing (the cursor commits with exactly its rows).
 */
export function applyPages(ledger: Ledger, input: ApplyPagesInput): ApplyPagesResult {
  const db = ledger.db;
  return ledger.write(() => {
    const total: ApplyPagesResult = {
      added: 0,
      modified: 0,
      removed: 0,
      dropped: 0,
      bulkLoad: false,
      loading: false,
    };
    const moreThanOnePage = input.pages.some((p) => !p.last);
    if (shouldBulkLoad(db, input.loopStartCursor, moreThanOnePage)) {
      deferIndexes(db);
      total.bulkLoad = true;
    }
    // Also on a load resumed by another process after a crash.
    if (isDeferred(db)) useLoadCache(db);
    const rules = loadRules(db);
    for (const page of input.pages) {
      const r = writePage(ledger, input, page, rules);
      total.added += r.added;
      total.modified += r.modified;
      total.removed += r.removed;
      total.dropped += r.dropped;
    }
    total.loading = isDeferred(db);
    return total;
  });
}

/** Checks one page, then writes it and its cursor in one transaction. */
export function applyPage(ledger: Ledger, input: ApplyPageInput): ApplyPageResult {
  const { itemId, gen, loopStartCursor, ...page } = input;
  const { added, modified, removed, dropped } = applyPages(ledger, {
    itemId,
    gen,
    loopStartCursor,
    pages: [mapSyncPage(itemId, page)],
  });
  return { added, modified, removed, dropped };
}
