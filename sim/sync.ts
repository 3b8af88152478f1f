/**
 * /transactions/sync without a change log: a cursor names the simulated day the client's copy
 * reflects, and an update is the difference between the Item's view on that day and today.
 * Intermediate pages also carry the day being paged towards and the offset reached, so a clock
 * that moves mid-pagination is detected as Plaid's TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION.
 */
import { z } from 'zod';
import type { Day } from './dates';
import { PlaidApiError } from './errors';
import type { ViewedTransaction } from './view';

const CursorPayload = z.strictObject({
  v: z.literal(1),
  /** Which stream (Item, or Item + account) the cursor belongs to. */
  s: z.string(),
  /** The day the client's copy reflects; null before the first sync. */
  b: z.number().int().nullable(),
  /** Mid-pagination: the day being paged towards, and how many changes were already returned. */
  t: z.number().int().optional(),
  o: z.number().int().min(0).optional(),
});
export type CursorPayload = z.infer<typeof CursorPayload>;

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, stream: string): CursorPayload {
  let payload: CursorPayload;
  try {
    payload = CursorPayload.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new PlaidApiError('INVALID_FIELD', 'cursor is not a valid cursor returned by /transactions/sync');
  }
  if (payload.s !== stream) {
    throw new PlaidApiError('INVALID_FIELD', 'cursor was issued for a different Item or account');
  }
  return payload;
}

export type Change =
  | { kind: 'removed'; transaction_id: string; account_id: string }
  | { kind: 'modified' | 'added'; transaction: ViewedTransaction };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chronological(a: ViewedTransaction, b: ViewedTransaction): number {
  return compare(a.transaction.date, b.transaction.date) || compare(a.sortKey, b.sortKey);
}

/**
 * Removals first (a pending row goes before its posted successor arrives), then changes, then
 * additions, each oldest first in an order that does not depend on the Item's ids.
 */
export function diffViews(
  before: readonly ViewedTransaction[],
  after: readonly ViewedTransaction[],
): Change[] {
  const beforeById = new Map(before.map((v) => [v.transaction.transaction_id, v]));
  const afterIds = new Set(after.map((v) => v.transaction.transaction_id));
  const removed = before
    .filter((v) => !afterIds.has(v.transaction.transaction_id))
    .sort(chronological)
    .map((v) => v.transaction);
  const modified: ViewedTransaction[] = [];
  const added: ViewedTransaction[] = [];
  for (const v of after) {
    const old = beforeById.get(v.transaction.transaction_id);
    if (!old) added.push(v);
    else if (JSON.stringify(old.transaction) !== JSON.stringify(v.transaction)) modified.push(v);
  }
  modified.sort(chronological);
  added.sort(chronological);
  return [
    ...removed.map((t): Change => ({
      kind: 'removed',
      transaction_id: t.transaction_id,
      account_id: t.account_id,
    })),
    ...modified.map((transaction): Change => ({ kind: 'modified', transaction })),
    ...added.map((transaction): Change => ({ kind: 'added', transaction })),
  ];
}

export interface SyncPlan {
  /** Day the client's copy reflects (null = nothing yet). */
  base: Day | null;
  /** Day this pagination brings the client to. */
  target: Day;
  offset: number;
}

/** Works out which update a cursor asks for; fails if the data moved under an unfinished pagination. */
export function planSync(cursor: string | undefined, stream: string, today: Day): SyncPlan {
  if (cursor === undefined || cursor === '') return { base: null, target: today, offset: 0 };
  if (cursor === 'now') return { base: today, target: today, offset: 0 };
  const payload = decodeCursor(cursor, stream);
  if (payload.t === undefined) return { base: payload.b, target: today, offset: 0 };
  if (payload.t !== today) throw new PlaidApiError('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
  return { base: payload.b, target: payload.t, offset: payload.o ?? 0 };
}

export interface SyncPage {
  added: ViewedTransaction[];
  modified: ViewedTransaction[];
  removed: { transaction_id: string; account_id: string }[];
  has_more: boolean;
  next_cursor: string;
}

export function pageOf(changes: readonly Change[], plan: SyncPlan, count: number, stream: string): SyncPage {
  const slice = changes.slice(plan.offset, plan.offset + count);
  const end = plan.offset + slice.length;
  const has_more = end < changes.length;
  const page: SyncPage = {
    added: [],
    modified: [],
    removed: [],
    has_more,
    next_cursor: encodeCursor(
      has_more
        ? { v: 1, s: stream, b: plan.base, t: plan.target, o: end }
        : { v: 1, s: stream, b: plan.target },
    ),
  };
  for (const change of slice) {
    if (change.kind === 'removed')
      page.removed.push({ transaction_id: change.transaction_id, account_id: change.account_id });
    else page[change.kind].push(change.transaction);
  }
  return page;
}
