/**
 * /transactions/sync without a change log: a cursor names the instant (simulated day and number
 * of admin mutations) the client's copy reflects, and an update is the difference between the
 * Item's views at that instant and now. Intermediate pages also carry the instant being paged
 * towards and the offset reached, so data that moves mid-pagination is detected as Plaid's
 * TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION. The change list of a pagination is computed once
 * and kept, so each page costs only the rows it returns.
 */
import { z } from 'zod';
import type { AccountTemplateKey } from './generator';
import { PlaidApiError } from './errors';
import {
  accountIdFor,
  changesBetween,
  sameInstant,
  transactionIdOf,
  viewed,
  type ChangeSet,
  type Instant,
  type ItemDataSpec,
  type ViewedTransaction,
} from './view';

const CursorPayload = z.strictObject({
  v: z.literal(1),
  /** Which stream (Item, or Item + account) the cursor belongs to. */
  s: z.string(),
  /** The day the client's copy reflects; null before the first sync. */
  b: z.number().int().nullable(),
  /** How many of the Item's mutations the client's copy reflects. */
  bs: z.number().int().min(0).optional(),
  /** Mid-pagination: the instant being paged towards, and how many changes were already returned. */
  t: z.number().int().optional(),
  ts: z.number().int().min(0).optional(),
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

export interface SyncPlan {
  /** Instant the client's copy reflects (null = nothing yet). */
  base: Instant | null;
  /** Instant this pagination brings the client to. */
  target: Instant;
  offset: number;
}

/** Works out which update a cursor asks for; fails if the data moved under an unfinished pagination. */
export function planSync(cursor: string | undefined, stream: string, now: Instant): SyncPlan {
  if (cursor === undefined || cursor === '') return { base: null, target: now, offset: 0 };
  if (cursor === 'now') return { base: now, target: now, offset: 0 };
  const payload = decodeCursor(cursor, stream);
  const base = payload.b === null ? null : { day: payload.b, seq: payload.bs ?? 0 };
  if (payload.t === undefined) return { base, target: now, offset: 0 };
  const target = { day: payload.t, seq: payload.ts ?? 0 };
  if (!sameInstant(target, now)) throw new PlaidApiError('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
  return { base, target, offset: payload.o ?? 0 };
}

/** True when the cursor is one a pagination left half way (a later page of the same update). */
export function isMidPagination(cursor: string | undefined): boolean {
  if (!cursor || cursor === 'now') return false;
  try {
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown };
    return typeof payload.t === 'number';
  } catch {
    return false;
  }
}

export interface SyncPage {
  added: ViewedTransaction[];
  modified: ViewedTransaction[];
  removed: { transaction_id: string; account_id: string }[];
  has_more: boolean;
  next_cursor: string;
}

const CHANGES_CACHE_SIZE = 8;
const changeCache = new Map<string, ChangeSet>();

/** One pagination's changes, computed on its first page and reused by the next ones. */
function changesFor(spec: ItemDataSpec, plan: SyncPlan, stream: string, template: AccountTemplateKey | null) {
  const base = plan.base ? `${plan.base.day}.${plan.base.seq}` : '-';
  const key = `${spec.itemId}|${spec.firstDay}|${spec.volume ?? 1}|${stream}|${base}|${plan.target.day}.${plan.target.seq}`;
  let changes = changeCache.get(key);
  if (!changes) {
    changes = changesBetween(spec, plan.base, plan.target, template);
    changeCache.set(key, changes);
    if (changeCache.size > CHANGES_CACHE_SIZE) {
      const oldest = changeCache.keys().next().value;
      if (oldest !== undefined) changeCache.delete(oldest);
    }
  }
  return changes;
}

export function syncPage(
  spec: ItemDataSpec,
  plan: SyncPlan,
  count: number,
  stream: string,
  template: AccountTemplateKey | null,
): SyncPage {
  const changes = changesFor(spec, plan, stream, template);
  const end = Math.min(plan.offset + count, changes.length);
  const has_more = end < changes.length;
  const page: SyncPage = {
    added: [],
    modified: [],
    removed: [],
    has_more,
    next_cursor: encodeCursor(
      has_more
        ? {
            v: 1,
            s: stream,
            b: plan.base?.day ?? null,
            bs: plan.base?.seq,
            t: plan.target.day,
            ts: plan.target.seq,
            o: end,
          }
        : { v: 1, s: stream, b: plan.target.day, bs: plan.target.seq },
    ),
  };
  for (let i = plan.offset; i < end; i++) {
    const change = changes.at(i);
    if (change.kind === 'removed') {
      page.removed.push({
        transaction_id: transactionIdOf(spec, change.event, change.state.posted),
        account_id: accountIdFor(spec.itemId, change.event.template),
      });
    } else {
      page[change.kind].push(viewed(spec, change.event, change.state));
    }
  }
  return page;
}
