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

export const Item = z.object({
  id: Id,
  institutionId: z.string().nullable(),
  institutionName: z.string(),
  status: ItemStatus,
  lastSyncedAt: IsoDateTime.nullable(),
  error: PlaidErrorShape.nullable(),
  /** False where the token lives only in memory (demo without a keychain): the Item will not survive a restart. */
  persistent: z.boolean(),
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
});
export type Account = z.infer<typeof Account>;

export const Transaction = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  date: IsoDate,
  authorizedDate: IsoDate.nullable(),
  name: z.string(),
  merchantName: z.string().nullable(),
  /** Plaid's sign: positive is money out of the account. */
  amountMinor: Minor,
  currency: Currency,
  pending: z.boolean(),
  categoryPrimary: z.string().nullable(),
  categoryDetailed: z.string().nullable(),
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

const Empty = z.object({}).strict();

export const calls = {
  'app.info': { req: Empty, res: AppInfo },
  'items.list': { req: Empty, res: z.object({ items: z.array(Item) }) },
  'accounts.list': { req: Empty, res: z.object({ accounts: z.array(Account) }) },
  'transactions.list': {
    req: z
      .object({
        limit: z.number().int().min(1).max(1000).default(200),
        /** Opaque keyset cursor from a previous page. */
        after: z.string().max(512).nullable().default(null),
        accountId: Id.nullable().default(null),
      })
      .strict(),
    res: z.object({
      transactions: z.array(Transaction),
      next: z.string().nullable(),
      total: z.number().int(),
    }),
  },
  'sync.run': {
    req: z.object({ itemId: Id.nullable().default(null) }).strict(),
    res: z.object({ results: z.array(SyncResult) }),
  },
  'link.open': {
    req: z.object({}).strict(),
    res: LinkOutcome,
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
