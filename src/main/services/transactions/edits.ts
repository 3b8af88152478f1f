/**
 * The user's own changes to a transaction: category, name, note, tags, "leave out of totals", and
 * splits. Each edit sets its lock bit, so later syncs and rules never undo it; clearing an edit
 * (null) drops the lock and the rule's or Plaid's value shows again.
 *
 * The same edits travel from a pending row to its posted successor (see carryEdits), through a
 * tombstone when the pending row's removal arrives before its successor.
 */
import type { LockableField } from '../../../shared/api';
import { AppError } from '../errors';
import { requireCategory } from './categories';
import { nowIso, stmt, type Db } from '../ledger/statements';
import { LOCK } from './rules';

export interface SplitPartRecord {
  amountMinor: number;
  category: string | null;
  categoryGroup: string | null;
  note: string | null;
}

/** Everything the user set on a row: what a tombstone keeps and a successor receives. */
export interface EditSnapshot {
  userName: string | null;
  userCategory: string | null;
  userCategoryGroup: string | null;
  note: string | null;
  excluded: number;
  locked: number;
  tags: string[];
  splits: SplitPartRecord[];
  amountMinor: number;
}

interface EditRow {
  user_name: string | null;
  user_category: string | null;
  user_category_group: string | null;
  note: string | null;
  excluded: number;
  locked: number;
  is_split: number;
  amount_minor: number;
  pending: number;
  item_id: string;
  date: string;
}

function editRow(db: Db, id: string): EditRow | undefined {
  return stmt(
    db,
    `SELECT user_name, user_category, user_category_group, note, excluded, locked, is_split, amount_minor, pending,
       item_id, date FROM transactions WHERE transaction_id = ?`,
  ).get(id) as EditRow | undefined;
}

export function tagsOf(db: Db, id: string): string[] {
  return stmt(db, `SELECT tag FROM transaction_tags WHERE transaction_id = ? ORDER BY tag`)
    .pluck()
    .all(id) as string[];
}

export function splitsOf(db: Db, id: string): SplitPartRecord[] {
  return (
    stmt(
      db,
      `SELECT amount_minor, category, category_group, note FROM transaction_splits WHERE transaction_id = ? ORDER BY idx`,
    ).all(id) as {
      amount_minor: number;
      category: string | null;
      category_group: string | null;
      note: string | null;
    }[]
  ).map((p) => ({
    amountMinor: p.amount_minor,
    category: p.category,
    categoryGroup: p.category_group,
    note: p.note,
  }));
}

/** The user's edits on a row, or null when there are none worth carrying. */
export function snapshotEdits(db: Db, id: string): EditSnapshot | null {
  const r = editRow(db, id);
  if (!r || (r.locked === 0 && r.is_split === 0)) return null;
  return {
    userName: r.user_name,
    userCategory: r.user_category,
    userCategoryGroup: r.user_category_group,
    note: r.note,
    excluded: r.excluded,
    locked: r.locked,
    tags: (r.locked & LOCK.tags) !== 0 ? tagsOf(db, id) : [],
    splits: r.is_split ? splitsOf(db, id) : [],
    amountMinor: r.amount_minor,
  };
}

function writeSplits(db: Db, id: string, parts: readonly SplitPartRecord[]): void {
  stmt(db, `DELETE FROM transaction_splits WHERE transaction_id = ?`).run(id);
  const insert = stmt(
    db,
    `INSERT INTO transaction_splits (transaction_id, idx, amount_minor, category, category_group, note)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  parts.forEach((p, i) => insert.run(id, i, p.amountMinor, p.category, p.categoryGroup, p.note));
}

function writeTags(db: Db, id: string, tags: readonly string[]): void {
  stmt(db, `DELETE FROM transaction_tags WHERE transaction_id = ?`).run(id);
  const insert = stmt(db, `INSERT OR IGNORE INTO transaction_tags (transaction_id, tag) VALUES (?, ?)`);
  for (const tag of tags) insert.run(id, tag);
}

/**
 * Gives a posted row its pending predecessor's edits, unless the user already edited the posted
 * row itself. A split whose amounts no longer add up (a tip added on posting) is kept as it was
 * and flagged for review with the pending amount, so the difference can be shown.
 */
export function applySnapshot(db: Db, postedId: string, edits: EditSnapshot): boolean {
  const target = editRow(db, postedId);
  if (!target || target.locked !== 0 || target.is_split !== 0) return false;
  const split = edits.splits.length > 0;
  const review = split && edits.amountMinor !== target.amount_minor ? edits.amountMinor : null;
  stmt(
    db,
    `UPDATE transactions SET user_name = ?, user_category = ?, user_category_group = ?, note = ?, excluded = ?,
       locked = ?, is_split = ?, review_pending_minor = ? WHERE transaction_id = ?`,
  ).run(
    edits.userName,
    edits.userCategory,
    edits.userCategoryGroup,
    edits.note,
    edits.excluded,
    edits.locked,
    split ? 1 : 0,
    review,
    postedId,
  );
  if ((edits.locked & LOCK.tags) !== 0) writeTags(db, postedId, edits.tags);
  if (split) writeSplits(db, postedId, edits.splits);
  return true;
}

/** Keeps a pending row's edits before the row goes (Plaid removed it; its posted row may come later). */
export function tombstoneIfEdited(db: Db, id: string): void {
  const r = editRow(db, id);
  if (!r || r.pending !== 1) return;
  const edits = snapshotEdits(db, id);
  if (!edits) return;
  stmt(
    db,
    `INSERT INTO pending_tombstones (transaction_id, item_id, date, amount_minor, edits_json, removed_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (transaction_id) DO UPDATE SET edits_json = excluded.edits_json, removed_at = excluded.removed_at`,
  ).run(id, r.item_id, r.date, r.amount_minor, JSON.stringify(edits), nowIso());
}

/** A posted row naming its pending predecessor: take the edits from the live row or its tombstone. */
export function carryEdits(db: Db, postedId: string, pendingId: string): boolean {
  const live = snapshotEdits(db, pendingId);
  if (live) return applySnapshot(db, postedId, live);
  const json = stmt(db, `SELECT edits_json FROM pending_tombstones WHERE transaction_id = ?`)
    .pluck()
    .get(pendingId) as string | undefined;
  if (!json) return false;
  return applySnapshot(db, postedId, JSON.parse(json) as EditSnapshot);
}

/** Days of transaction time a tombstone waits for its successor. */
export const TOMBSTONE_RETENTION_DAYS = 30;

/**
 * Forgets tombstones whose successor arrived, and those older (in the Item's own transaction
 * time, so simulated time behaves like real time) than the retention window.
 */
export function purgeTombstones(db: Db, itemId: string): number {
  // Most syncs leave none; the newest date below reads every row of the Item.
  if (
    stmt(db, `SELECT EXISTS (SELECT 1 FROM pending_tombstones WHERE item_id = ?)`).pluck().get(itemId) !== 1
  )
    return 0;
  const newest = stmt(db, `SELECT max(date) FROM transactions WHERE item_id = ?`).pluck().get(itemId) as
    string | null;
  const arrived = stmt(
    db,
    `DELETE FROM pending_tombstones WHERE item_id = ? AND transaction_id IN
       (SELECT pending_transaction_id FROM transactions WHERE pending_transaction_id = pending_tombstones.transaction_id)`,
  ).run(itemId).changes;
  let expired = 0;
  if (newest) {
    expired = stmt(
      db,
      `DELETE FROM pending_tombstones WHERE item_id = ? AND date < date(?, '-${TOMBSTONE_RETENTION_DAYS} days')`,
    ).run(itemId, newest).changes;
  }
  return arrived + expired;
}

// --- the contract's edit calls ----------------------------------------------------------------

export interface UpdateRequest {
  id: string;
  category?: string | null;
  note?: string | null;
  tags?: string[] | null;
  excluded?: boolean | null;
  name?: string | null;
}

function requireRow(db: Db, id: string): EditRow {
  const r = editRow(db, id);
  if (!r) throw new AppError('NOT_FOUND', `No transaction with id ${id}.`);
  return r;
}

/** Callers run this inside one write transaction. */
export function updateTransaction(db: Db, req: UpdateRequest): void {
  const r = requireRow(db, req.id);
  let locked = r.locked;
  const set = (bit: number, on: boolean) => {
    locked = on ? locked | bit : locked & ~bit;
  };
  const sets: string[] = [];
  const values: (string | number | null)[] = [];
  if (req.category !== undefined) {
    const group = req.category === null ? null : requireCategory(db, req.category).group;
    sets.push('user_category = ?', 'user_category_group = ?');
    values.push(req.category, group);
    set(LOCK.category, req.category !== null);
  }
  if (req.name !== undefined) {
    sets.push('user_name = ?');
    values.push(req.name);
    set(LOCK.name, req.name !== null);
  }
  if (req.note !== undefined) {
    const note = req.note === null || req.note.trim() === '' ? null : req.note;
    sets.push('note = ?');
    values.push(note);
    set(LOCK.note, note !== null);
  }
  if (req.excluded !== undefined) {
    sets.push('excluded = ?');
    values.push(req.excluded ? 1 : 0);
    set(LOCK.excluded, req.excluded !== null);
  }
  if (req.tags !== undefined) {
    writeTags(db, req.id, [...new Set(req.tags ?? [])]);
    set(LOCK.tags, req.tags !== null);
  }
  sets.push('locked = ?');
  values.push(locked);
  db.prepare(`UPDATE transactions SET ${sets.join(', ')} WHERE transaction_id = ?`).run(...values, req.id);
}

export function splitTransaction(
  db: Db,
  id: string,
  parts: readonly { amountMinor: number; category: string | null; note?: string | null }[],
): void {
  const r = requireRow(db, id);
  if (parts.length < 2) throw new AppError('SPLIT_INVALID', 'A split needs at least two parts.');
  if (parts.some((p) => p.amountMinor === 0))
    throw new AppError('SPLIT_INVALID', 'A part of a split cannot be zero.');
  const sum = parts.reduce((s, p) => s + p.amountMinor, 0);
  if (sum !== r.amount_minor) {
    throw new AppError(
      'SPLIT_SUM_MISMATCH',
      `The parts add up to ${sum} but the transaction is ${r.amount_minor} (minor units); they must be equal.`,
    );
  }
  const resolved: SplitPartRecord[] = parts.map((p) => ({
    amountMinor: p.amountMinor,
    category: p.category,
    categoryGroup: p.category === null ? null : requireCategory(db, p.category).group,
    note: p.note ?? null,
  }));
  writeSplits(db, id, resolved);
  stmt(db, `UPDATE transactions SET is_split = 1, review_pending_minor = NULL WHERE transaction_id = ?`).run(
    id,
  );
}

export function unsplitTransaction(db: Db, id: string): void {
  requireRow(db, id);
  stmt(db, `DELETE FROM transaction_splits WHERE transaction_id = ?`).run(id);
  stmt(db, `UPDATE transactions SET is_split = 0, review_pending_minor = NULL WHERE transaction_id = ?`).run(
    id,
  );
}

export function lockedFields(locked: number): LockableField[] {
  return (Object.keys(LOCK) as LockableField[]).filter((k) => (locked & LOCK[k]) !== 0);
}
