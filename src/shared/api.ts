/**
 * The one contract between the renderer and the main process. Each domain declares its calls in
 * src/shared/contract/<domain>.ts (a name with a zod request schema and a zod response schema);
 * this module merges them into `calls`, refusing a name two domains both define. The preload, the
 * IPC registration, the browser host, the handlers and the renderer's client are all derived from
 * that table, so the list of calls exists only in the domain files.
 */
import type { z } from 'zod';
import { accountCalls } from './contract/accounts';
import { authIdentityCalls } from './contract/auth-identity';
import { assetCalls } from './contract/assets';
import { incomeCalls } from './contract/income';
import { appCalls } from './contract/app';
import { categoryCalls } from './contract/categories';
import { exportCalls } from './contract/exports';
import { itemCalls } from './contract/items';
import { liabilityCalls } from './contract/liabilities';
import { linkCalls } from './contract/link';
import { netWorthCalls } from './contract/net-worth';
import { notificationCalls } from './contract/notifications';
import { portfolioCalls } from './contract/portfolio';
import { preferenceCalls } from './contract/preferences';
import { recurringCalls } from './contract/recurring';
import { relayCalls } from './contract/relay';
import { ruleCalls } from './contract/rules';
import { securityCalls } from './contract/security';
import { setupCalls } from './contract/setup';
import { spendingCalls } from './contract/spending';
import { syncCalls } from './contract/sync';
import { mergeCallTables } from './contract/table';
import { transactionCalls } from './contract/transactions';

export { PlaidEnvironment, AppInfo } from './contract/app';
export { ItemStatus, ItemHealth, ItemRemedy, InstitutionHealth, Item } from './contract/items';
export { ItemProduct, ProductStatus, ProductState, AddProductPath } from './contract/items';
export { Account } from './contract/accounts';
export { CategoryId, UNCATEGORIZED, Category } from './contract/categories';
export {
  LockableField,
  SplitPart,
  TransactionReview,
  Transaction,
  TransactionFilter,
  TransactionSummary,
} from './contract/transactions';
export { RuleConditions, RuleActions, Rule } from './contract/rules';
export { RecurringStream } from './contract/recurring';
export { SpendingCell, IncomeExpenseMonth } from './contract/spending';
export { SyncResult } from './contract/sync';
export { LinkOutcome } from './contract/link';
export { RelayStatus } from './contract/relay';
export { KeyEnvironment, KeysStatus, AppSettings, DELETE_CONFIRMATION } from './contract/setup';
export { Theme, Preferences } from './contract/preferences';
import type { Envelope } from './contract/envelope';
export { AppErrorShape, envelopeSchema, type Envelope } from './contract/envelope';

export const calls = mergeCallTables(
  appCalls,
  itemCalls,
  accountCalls,
  transactionCalls,
  categoryCalls,
  ruleCalls,
  recurringCalls,
  spendingCalls,
  syncCalls,
  linkCalls,
  securityCalls,
  relayCalls,
  portfolioCalls,
  liabilityCalls,
  netWorthCalls,
  exportCalls,
  notificationCalls,
  authIdentityCalls,
  setupCalls,
  preferenceCalls,
  assetCalls,
  incomeCalls,
);

export type Calls = typeof calls;
export type CallName = keyof Calls;
export const callNames = Object.keys(calls) as CallName[];
export type CallRequest<K extends CallName> = z.input<Calls[K]['req']>;
export type CallRequestParsed<K extends CallName> = z.output<Calls[K]['req']>;
export type CallResponse<K extends CallName> = z.output<Calls[K]['res']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/**
 * What each surface holds for one call: the renderer's typed client (`api`), the main side's
 * handler (`handler`, given the parsed request) and the preload's bridge function (`bridge`,
 * carrying main's envelope back unchanged).
 */
export interface CallShapes<K extends CallName> {
  api: (req: CallRequest<K>) => Promise<CallResponse<K>>;
  handler: (req: CallRequestParsed<K>) => Promise<CallResponse<K>>;
  bridge: (req: CallRequest<K>) => Promise<Envelope<CallResponse<K>>>;
}
export type CallSurface = keyof CallShapes<CallName>;

/** One function per call name, shaped for one surface. */
export type PerCall<S extends CallSurface, N extends CallName = CallName> = { [K in N]: CallShapes<K>[S] };

/** The typed surface the renderer uses; both transports implement it. */
export type CofferApi = PerCall<'api'>;

/** The main side of some calls (all by default): each gets its parsed request and returns its response. */
export type CallHandlers<N extends CallName = CallName> = PerCall<'handler', N>;

/**
 * Builds one surface from the contract without listing its names: `make` is asked for each
 * call's function, and the compiler checks it against that call's shape.
 */
export function perCall<S extends CallSurface>(
  make: <K extends CallName>(name: K) => CallShapes<K>[S],
): PerCall<S> {
  const built: Partial<Record<CallName, unknown>> = {};
  for (const name of callNames) built[name] = make(name);
  // Every name was filled just above, each by make(name), typed as that name's shape.
  return built as PerCall<S>;
}
