/**
 * The one contract between the renderer and the main process. Every call is a name with a zod
 * request schema and a zod response schema; the preload, the IPC registration, the browser
 * host and the renderer's client are all derived from this table, so the list of calls exists
 * only here.
 */
import { z } from 'zod';
import { PlaidErrorShape } from './plaid-error';

export const PlaidEnvironment = z.enum(['demo', 'sandbox', 'production']);
export type PlaidEnvironment = z.infer<typeof PlaidEnvironment>;

const Id = z.string().min(1).max(128);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const IsoDateTime = z.string().min(1);
const Currency = z
  .string()
  .regex(/^[A-Z]{3}$|^[A-Z0-9]{2,12}$/, 'expected an ISO 4217 or unofficial currency code');
/** Money crosses the contract as integer minor units plus its currency (see src/shared/money.ts). */
const Minor = z.number().int();

export const ItemStatus = z.enum(['ok', 'syncing', 'error']);

// --- issue 4: Item lifecycle -------------------------------------------------------------------
/** What the Item needs, whatever the last sync did (see src/main/services/lifecycle). */
export const ItemHealth = z.enum([
  'ok',
  'login_required',
  'pending_expiration',
  'pending_disconnect',
  'permission_revoked',
  'institution_down',
  'error',
]);
export type ItemHealth = z.infer<typeof ItemHealth>;
/** The one action the Item's banner offers. */
export const ItemRemedy = z.enum(['reconnect', 'add_accounts', 'remove', 'retry']);
export type ItemRemedy = z.infer<typeof ItemRemedy>;
/** Shown only where Plaid reports the institution degraded or down. */
export const InstitutionHealth = z.object({
  state: z.enum(['degraded', 'down']),
  message: z.string(),
});
export type InstitutionHealth = z.infer<typeof InstitutionHealth>;

export const Item = z.object({
  id: Id,
  institutionId: z.string().nullable(),
  institutionName: z.string(),
  status: ItemStatus,
  lastSyncedAt: IsoDateTime.nullable(),
  error: PlaidErrorShape.nullable(),
  /** False where the token lives only in memory (demo without a keychain): the Item will not survive a restart. */
  persistent: z.boolean(),
  // issue 4: lifecycle. Defaults keep older producers valid.
  health: ItemHealth.default('ok'),
  /** When the Item left 'ok'. */
  healthSince: IsoDateTime.nullable().default(null),
  /** The banner's sentence: Plaid's display_message when it gave one, a plain sentence otherwise. */
  healthMessage: z.string().nullable().default(null),
  remedy: ItemRemedy.nullable().default(null),
  /** In error for 7 days or more: the Item is no longer refreshing. */
  noLongerRefreshing: z.boolean().default(false),
  newAccountsAvailable: z.boolean().default(false),
  /** Removed at Plaid with its history kept: shown, never synced. */
  removedAt: IsoDateTime.nullable().default(null),
  institutionStatus: InstitutionHealth.nullable().default(null),
});
export type Item = z.infer<typeof Item>;

export const Account = z.object({
  id: Id,
  itemId: Id,
  institutionName: z.string(),
  name: z.string(),
  officialName: z.string().nullable(),
  mask: z.string().nullable(),
  type: z.string(),
  subtype: z.string().nullable(),
  currency: Currency,
  currentMinor: Minor.nullable(),
  availableMinor: Minor.nullable(),
  limitMinor: Minor.nullable(),
  /** The bank dropped it or the user de-selected it in update mode; its history is kept. */
  archived: z.boolean().default(false),
});
export type Account = z.infer<typeof Account>;

/** A user edit locks its field: later syncs and rules leave it alone until the user clears it. */
export const LockableField = z.enum(['category', 'name', 'note', 'tags', 'excluded']);
export type LockableField = z.infer<typeof LockableField>;

/**
 * Category ids: Plaid's personal_finance_category codes as they are (primary `FOOD_AND_DRINK`,
 * detailed `FOOD_AND_DRINK_COFFEE`), and the user's own as `user:<slug>`.
 */
export const CategoryId = z.string().min(1).max(128);
/** The category id filters and spending use for rows without any category. */
export const UNCATEGORIZED = 'UNCATEGORIZED';

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
  // --- issue 7 (transactions) ---
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

export const SyncResult = z.object({
  itemId: Id,
  status: z.enum(['ok', 'error', 'skipped']),
  added: z.number().int().nonnegative(),
  modified: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  error: PlaidErrorShape.nullable(),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const LinkOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('linked'),
    itemId: Id,
    institutionName: z.string(),
    accounts: z.number().int().nonnegative(),
    sync: SyncResult.nullable(),
  }),
  z.object({ status: z.literal('exited'), error: PlaidErrorShape.nullable() }),
  // issue 4: update mode repaired an existing Item (no exchange: its token did not change).
  z.object({
    status: z.literal('updated'),
    itemId: Id,
    institutionName: z.string(),
    sync: SyncResult.nullable(),
  }),
  // issue 4: these accounts are linked already; nothing is created until `link.confirm`.
  z.object({
    status: z.literal('duplicate'),
    pendingId: z.string().min(16).max(128),
    institutionName: z.string(),
    existingItemId: Id,
    matches: z.array(z.object({ name: z.string(), mask: z.string().nullable() })),
  }),
]);
export type LinkOutcome = z.infer<typeof LinkOutcome>;

export const AppInfo = z.object({
  version: z.string(),
  environment: PlaidEnvironment,
  dataDir: z.string(),
  keychain: z.object({ available: z.boolean(), message: z.string().nullable() }),
  /** Sentences the user should read once, e.g. that demo Items live only in memory. */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

// --- issue 7: transactions, categories, rules, recurring streams, spending ---------------------

const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const Tag = z.string().trim().min(1).max(64);

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

export const Category = z.object({
  id: CategoryId,
  name: z.string(),
  kind: z.enum(['primary', 'detailed', 'user']),
  /** The top-level group: a detailed category's primary; a primary's or a user category's own id. */
  group: CategoryId,
  /** Where its money counts: spending (refunds net against it), income, or transfer (never counted). */
  side: z.enum(['spending', 'income', 'transfer']),
  description: z.string().nullable(),
});
export type Category = z.infer<typeof Category>;

export const RuleConditions = z
  .object({
    /** Case-insensitive substring of the merchant name. */
    merchantContains: z.string().trim().min(1).max(100).optional(),
    /** Case-insensitive substring of Plaid's original name. */
    nameContains: z.string().trim().min(1).max(100).optional(),
    amountMin: Minor.optional(),
    amountMax: Minor.optional(),
    accountIds: z.array(Id).max(200).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'a rule needs at least one condition');
export type RuleConditions = z.infer<typeof RuleConditions>;

export const RuleActions = z
  .object({
    category: CategoryId.optional(),
    addTags: z.array(Tag).max(20).optional(),
    rename: z.string().trim().min(1).max(200).optional(),
  })
  .refine(
    (a) => a.category !== undefined || (a.addTags?.length ?? 0) > 0 || a.rename !== undefined,
    'a rule needs at least one action',
  );
export type RuleActions = z.infer<typeof RuleActions>;

export const Rule = z.object({
  id: Id,
  name: z.string(),
  enabled: z.boolean(),
  /** Rules run in ascending order; a later rule's category or rename wins over an earlier one's. */
  position: z.number().int(),
  conditions: RuleConditions,
  actions: RuleActions,
  createdAt: IsoDateTime,
});
export type Rule = z.infer<typeof Rule>;

export const RecurringStream = z.object({
  id: Id,
  itemId: Id,
  accountId: Id,
  direction: z.enum(['inflow', 'outflow']),
  description: z.string(),
  merchantName: z.string().nullable(),
  category: CategoryId.nullable(),
  categoryName: z.string().nullable(),
  /** Plaid's frequency: WEEKLY, BIWEEKLY, SEMI_MONTHLY, MONTHLY, ANNUALLY or UNKNOWN. */
  frequency: z.string(),
  /** Plaid's sign (inflows negative), minor units. */
  averageAmountMinor: Minor,
  lastAmountMinor: Minor,
  currency: Currency,
  firstDate: IsoDate,
  lastDate: IsoDate,
  predictedNextDate: IsoDate.nullable(),
  /** Plaid's status: MATURE, EARLY_DETECTION, TOMBSTONED or UNKNOWN. */
  status: z.string(),
  isActive: z.boolean(),
  transactionIds: z.array(Id),
});
export type RecurringStream = z.infer<typeof RecurringStream>;

/** One cell of the spending chart: a month × category × currency. */
export const SpendingCell = z.object({
  month: YearMonth,
  currency: Currency,
  category: CategoryId,
  categoryName: z.string(),
  /** Net money out (refunds subtracted); may be negative in a month of more refunds than purchases. */
  amountMinor: Minor,
  /** The part of amountMinor still pending. */
  pendingMinor: Minor,
  count: z.number().int().nonnegative(),
});
export type SpendingCell = z.infer<typeof SpendingCell>;

export const IncomeExpenseMonth = z.object({
  month: YearMonth,
  currency: Currency,
  /** Money in on income-side categories, as a positive number. */
  incomeMinor: Minor,
  /** Spending (as in SpendingCell), positive = money out. */
  expensesMinor: Minor,
  pendingMinor: Minor,
});
export type IncomeExpenseMonth = z.infer<typeof IncomeExpenseMonth>;

const SpendingRequest = z
  .object({
    from: YearMonth,
    to: YearMonth,
    currency: Currency.optional(),
    accountIds: z.array(Id).max(200).optional(),
  })
  .strict();

const Empty = z.object({}).strict();

/** A file the user chose (a save/open dialog, or typed): absolute (POSIX, drive letter or UNC), no NUL. */
const UserFilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'expected an absolute path');

// TX-CONTRACT-READY
// issue 5: the webhook relay
export const RelayStatus = z.object({
  /** remote: a relay the user runs; embedded: demo mode's relay on loopback; off: no webhooks, only syncs. */
  mode: z.enum(['off', 'remote', 'embedded']),
  /** The webhook URL Items are given (…/hooks/<device id>); never the device secret. */
  webhookUrl: z.string().nullable(),
  secretStored: z.boolean(),
  state: z.enum(['off', 'connecting', 'polling', 'offline', 'unauthorized', 'error']),
  lastError: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  /** Webhooks verified and handled, and relay events refused, since the app started. */
  delivered: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type RelayStatus = z.infer<typeof RelayStatus>;

export const calls = {
  'app.info': { req: Empty, res: AppInfo },
  'items.list': { req: Empty, res: z.object({ items: z.array(Item) }) },
  'accounts.list': { req: Empty, res: z.object({ accounts: z.array(Account) }) },
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
  'categories.list': { req: Empty, res: z.object({ categories: z.array(Category) }) },
  'categories.create': {
    req: z
      .object({
        name: z.string().trim().min(1).max(80),
        /** A PFC primary to count under (e.g. INCOME puts it on the income side); default: its own group. */
        group: CategoryId.nullable().default(null),
      })
      .strict(),
    res: Category,
  },
  'rules.list': { req: Empty, res: z.object({ rules: z.array(Rule) }) },
  'rules.create': {
    req: z
      .object({
        name: z.string().trim().min(1).max(100),
        conditions: RuleConditions,
        actions: RuleActions,
        enabled: z.boolean().default(true),
        /** Also run it over every transaction already in the ledger. */
        applyToHistory: z.boolean().default(false),
      })
      .strict(),
    res: z.object({ rule: Rule, changed: z.number().int().nonnegative() }),
  },
  'rules.update': {
    req: z
      .object({
        id: Id,
        name: z.string().trim().min(1).max(100).optional(),
        conditions: RuleConditions.optional(),
        actions: RuleActions.optional(),
        enabled: z.boolean().optional(),
        position: z.number().int().optional(),
      })
      .strict(),
    res: Rule,
  },
  /** Deleting a rule leaves what it already changed (edit or re-run rules to change it back). */
  'rules.delete': { req: z.object({ id: Id }).strict(), res: z.object({ deleted: z.boolean() }) },
  /** Runs one rule (or every enabled rule) over the whole history; user-locked fields are kept. */
  'rules.apply': {
    req: z.object({ id: Id.nullable().default(null) }).strict(),
    res: z.object({ matched: z.number().int().nonnegative(), changed: z.number().int().nonnegative() }),
  },
  /** Streams from /transactions/recurring/get, as of the last sync (works offline). */
  'recurring.list': {
    req: z.object({ accountId: Id.nullable().default(null) }).strict(),
    res: z.object({ streams: z.array(RecurringStream), updatedAt: IsoDateTime.nullable() }),
  },
  /** The stacked chart: month × category (primary groups) × currency. See ARCHITECTURE.md "Spending". */
  'spending.byCategory': {
    req: SpendingRequest.extend({
      /** 'group' (default) = PFC primary / user category; 'category' = the detailed category. */
      level: z.enum(['group', 'category']).default('group'),
    }).strict(),
    res: z.object({ cells: z.array(SpendingCell) }),
  },
  'spending.incomeVsExpenses': {
    req: SpendingRequest,
    res: z.object({ months: z.array(IncomeExpenseMonth) }),
  },
  'sync.run': {
    req: z.object({ itemId: Id.nullable().default(null) }).strict(),
    res: z.object({ results: z.array(SyncResult) }),
  },
  'link.open': {
    /** With itemId: update mode for that Item (reconnect, or add accounts after NEW_ACCOUNTS_AVAILABLE). */
    req: z.object({ itemId: Id.optional() }).strict(),
    res: LinkOutcome,
  },
  // issue 4: Item lifecycle
  /** Answers a 'duplicate' outcome: proceed exchanges the held public token, otherwise it is dropped. */
  'link.confirm': {
    req: z.object({ pendingId: z.string().min(16).max(128), proceed: z.boolean() }).strict(),
    res: LinkOutcome,
  },
  'items.remove': {
    req: z.object({ itemId: Id, keepHistory: z.boolean() }).strict(),
    res: z.object({ itemId: Id, keptHistory: z.boolean() }),
  },
  // issue 6: security (recovery key, encrypted backups)
  /** The recovery key made at setup, until the user acknowledges it; null afterwards. */
  'security.recoveryKey': {
    req: Empty,
    res: z.object({ ledgerEncrypted: z.boolean(), recoveryKey: z.string().nullable() }),
  },
  'security.acknowledgeRecoveryKey': { req: Empty, res: z.object({ acknowledged: z.boolean() }) },
  'backup.create': {
    req: z.object({ path: UserFilePath, overwrite: z.boolean().default(false) }).strict(),
    res: z.object({
      path: z.string(),
      bytes: z.number().int(),
      createdAt: IsoDateTime,
      encrypted: z.boolean(),
    }),
  },
  /** Replaces the ledger's rows by the backup's; recoveryKey is needed for a backup of another ledger. */
  'backup.restore': {
    req: z
      .object({ path: UserFilePath, recoveryKey: z.string().min(1).max(128).nullable().default(null) })
      .strict(),
    res: z.object({
      path: z.string(),
      createdAt: IsoDateTime,
      schemaVersion: z.number().int(),
      items: z.number().int(),
      accounts: z.number().int(),
      transactions: z.number().int(),
    }),
  },
  // issue 5: the webhook relay
  'relay.get': { req: Empty, res: RelayStatus },
  /** webhookUrl null stops using a remote relay; secret may be null to keep the stored one for the same URL. */
  'relay.set': {
    req: z
      .object({
        webhookUrl: z.string().trim().min(1).max(2048).nullable(),
        secret: z.string().trim().min(8).max(512).nullable().default(null),
      })
      .strict(),
    res: RelayStatus,
  },
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export const callNames = Object.keys(calls) as CallName[];
export type CallRequest<K extends CallName> = z.input<Calls[K]['req']>;
export type CallRequestParsed<K extends CallName> = z.output<Calls[K]['req']>;
export type CallResponse<K extends CallName> = z.output<Calls[K]['res']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** What every transport carries back: the transport never throws across the boundary. */
export const AppErrorShape = z.object({
  code: z.string(),
  message: z.string(),
  /** Plaid's own error object when Plaid (or the simulator) produced the failure. */
  plaid: PlaidErrorShape.nullable().default(null),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: AppErrorShape };

export function envelopeSchema<T extends z.ZodType>(result: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: AppErrorShape }),
  ]);
}

/** The typed surface the renderer uses; both transports implement it. */
export type CofferApi = { [K in CallName]: (req: CallRequest<K>) => Promise<CallResponse<K>> };
