/** Transactions: the filtered, paged list, its totals, and the user's edits and splits. */
import { z } from 'zod';
import { CategoryId } from './categories';
import { Currency, Id, IsoDate, Minor, Tag } from './primitives';
import { SyncResult } from './sync';

/** A user edit locks its field: later syncs and rules leave it alone until the user clears it. */
export const LockableField = z.enum(['category', 'name', 'note', 'tags', 'excluded']);
export type LockableField = z.infer<typeof LockableField>;

export const SplitPart = z.object({
  /** Plaid's sign, like the whole: the parts sum exactly to the transaction's amountMinor. */
  amountMinor: Minor,
  category: CategoryId.nullable(),
  categoryName: z.string().nullable(),
  note: z.string().nullable(),
});
export type SplitPart = z.infer<typeof SplitPart>;

/** Set when the posted amount differs from the pending one the user had split (a tip). */
export const TransactionReview = z.object({
  reason: z.literal('amount_changed'),
  pendingAmountMinor: Minor,
  /** posted − pending, in minor units. */
  differenceMinor: Minor,
});
export type TransactionReview = z.infer<typeof TransactionReview>;

export const Transaction = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  date: IsoDate,
  authorizedDate: IsoDate.nullable(),
  /** What to show: the user's rename, else a rule's rename, else Plaid's name. */
  name: z.string(),
  merchantName: z.string().nullable(),
  /** Plaid's sign: positive is money out of the account. */
  amountMinor: Minor,
  currency: Currency,
  pending: z.boolean(),
  /** Plaid's personal_finance_category, as Plaid sent it. */
  categoryPrimary: z.string().nullable(),
  categoryDetailed: z.string().nullable(),
  /** Plaid's own name, whatever the user or a rule renamed it to. */
  originalName: z.string(),
  /** The category in force: the user's, else a rule's, else Plaid's detailed one. */
  category: CategoryId.nullable(),
  /** Readable name of `category` ("Coffee", or the user's own name). */
  categoryName: z.string().nullable(),
  /** The top-level group `category` belongs to (a PFC primary, or a user category's own id). */
  categoryGroup: CategoryId.nullable(),
  categorySource: z.enum(['plaid', 'rule', 'user']).nullable(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  /** The user's "leave out of totals". */
  excluded: z.boolean(),
  /** A transfer between the user's own accounts (or categorised as one): never spending. */
  transfer: z.boolean(),
  locked: z.array(LockableField),
  /** Empty unless split; then the parts (at least two) sum to amountMinor. */
  splits: z.array(SplitPart),
  review: TransactionReview.nullable(),
  pendingTransactionId: z.string().nullable(),
});
export type Transaction = z.infer<typeof Transaction>;

/**
 * The filter shared by `transactions.list`, `transactions.summary` and a chart's drill-down. Every
 * field is optional; absent means "no condition". Amounts use Plaid's sign (positive = money out).
 */
export const TransactionFilter = z.object({
  /** Full-text search (words, prefix-matched) over name, merchant, note and category names. */
  query: z.string().max(200).optional(),
  accountIds: z.array(Id).max(200).optional(),
  /** Inclusive bounds on `dateBasis`. */
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  /** 'date' (default) = Plaid's date; 'spending' = authorized_date when present, else date (the charts' month). */
  dateBasis: z.enum(['date', 'spending']).optional(),
  amountMin: Minor.optional(),
  amountMax: Minor.optional(),
  /** Category ids; a group id (PFC primary) matches every category in it. A split matches by any part. */
  categories: z.array(CategoryId).max(200).optional(),
  /** Rows carrying any of these tags. */
  tags: z.array(Tag).max(50).optional(),
  pending: z.boolean().optional(),
  excludeTransfers: z.boolean().optional(),
  /** true = only rows the user left out of totals; false = only the others. */
  excluded: z.boolean().optional(),
  currency: Currency.optional(),
});
export type TransactionFilter = z.infer<typeof TransactionFilter>;

export const TransactionSummary = z.object({
  count: z.number().int().nonnegative(),
  /** One entry per currency present in the filtered set: sums never mix currencies. */
  byCurrency: z.array(z.object({ currency: Currency, count: z.number().int(), sumMinor: Minor })),
});
export type TransactionSummary = z.infer<typeof TransactionSummary>;

export const transactionCalls = {
  'transactions.list': {
    req: TransactionFilter.extend({
      limit: z.number().int().min(1).max(1000).default(200),
      /** Opaque keyset cursor from a previous page (valid for the same filter only). */
      after: z.string().max(512).nullable().default(null),
      accountId: Id.nullable().default(null),
      /** false skips `total` (then -1): ask `transactions.summary` instead, so the page never waits for a count. */
      includeTotal: z.boolean().optional(),
    }).strict(),
    res: z.object({
      transactions: z.array(Transaction),
      next: z.string().nullable(),
      /** Size of the filtered set, or -1 when includeTotal was false. */
      total: z.number().int(),
    }),
  },
  /** Count and per-currency sum of the same filtered set as `transactions.list`. */
  'transactions.summary': { req: TransactionFilter.strict(), res: TransactionSummary },
  'transactions.get': { req: z.object({ id: Id }).strict(), res: Transaction },
  /**
   * Edits lock their field against later syncs and rules; null clears the edit (category and
   * name go back to the rule's or Plaid's value, and the field unlocks).
   */
  'transactions.update': {
    req: z
      .object({
        id: Id,
        category: CategoryId.nullable().optional(),
        note: z.string().max(2000).nullable().optional(),
        tags: z.array(Tag).max(50).nullable().optional(),
        excluded: z.boolean().nullable().optional(),
        name: z.string().trim().min(1).max(200).nullable().optional(),
      })
      .strict(),
    res: Transaction,
  },
  /** Parts must sum exactly to the transaction's amount (error code SPLIT_SUM_MISMATCH otherwise). */
  'transactions.split': {
    req: z
      .object({
        id: Id,
        parts: z
          .array(
            z
              .object({
                amountMinor: Minor,
                category: CategoryId.nullable(),
                note: z.string().max(2000).nullable().optional(),
              })
              .strict(),
          )
          .min(2)
          .max(50),
      })
      .strict(),
    res: Transaction,
  },
  'transactions.unsplit': { req: z.object({ id: Id }).strict(), res: Transaction },
  /** Asks Plaid for fresh data now (/transactions/refresh), then syncs. */
  'transactions.refresh': {
    req: z.object({ itemId: Id.nullable().default(null) }).strict(),
    res: z.object({ results: z.array(SyncResult) }),
  },
} as const;
