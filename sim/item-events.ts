/**
 * What happens to Items on their own, and the webhooks that tell: new data as the clock moves
 * (TRANSACTIONS, HOLDINGS, INVESTMENTS_TRANSACTIONS, LIABILITIES), logins that stop working
 * (reset_login, Sandbox's 30-day expiry, a warned-of consent expiry or disconnect) and their repair.
 */
import { calendar, dayFromIso, isoDateTime, isoFromDay, type Day } from './dates';
import { isPlaidErrorCode, itemErrorObject, PlaidApiError, type PlaidErrorCode } from './errors';
import type { SimulatorCore } from './core';
import type { ItemRecord } from './state';
import {
  changesBetween,
  instantOf,
  sameInstant,
  transactionIdOf,
  viewAt,
  type Instant,
  type ItemDataSpec,
} from './view';
import { webhookPayloads, webhooksOf } from './webhooks';
import { accountIdOf, isInvestmentAccount, isLoanAccount } from './products/account-keys';

/** Sandbox Items need a new login this many days after the last one (when the switch is on). */
export const SANDBOX_LOGIN_LIFETIME_DAYS = 30;
/** PENDING_EXPIRATION and PENDING_DISCONNECT warn this many days ahead. */
export const WARNING_DAYS = 7;

export interface ItemEventSettings {
  /** Plaid Sandbox's ITEM_LOGIN_REQUIRED 30 days after login; off by default. */
  expireAfter30Days: boolean;
  /** Scale tests: newly linked Items get about this many transactions over their history. */
  transactionsPerItem: number | null;
}

const settings = new WeakMap<SimulatorCore, ItemEventSettings>();

export function itemEventSettings(core: SimulatorCore): ItemEventSettings {
  let s = settings.get(core);
  if (!s) {
    s = { expireAfter30Days: false, transactionsPerItem: null };
    settings.set(core, s);
  }
  return s;
}

function hasProduct(item: ItemRecord, product: string): boolean {
  return item.products.includes(product);
}

function nowInstant(core: SimulatorCore, item: ItemRecord): Instant {
  return instantOf(core.dataSpec(item), core.today());
}

function storedInstant(item: ItemRecord): Instant | null {
  return item.notified ? { day: dayFromIso(item.notified.day), seq: item.notified.seq } : null;
}

// --- Transactions ------------------------------------------------------------------------------

/** A new Item: its history is ready at once, announced as Plaid's legacy webhooks announce it. */
export function onItemLinked(core: SimulatorCore, itemId: string): void {
  const linked = core.itemById(itemId);
  if (!linked || linked.notified) return;
  const target = itemEventSettings(core).transactionsPerItem;
  const volume = target ? volumeFor(core.dataSpec(linked), core.today(), target) : undefined;
  const item = core.updateItem(itemId, (i) => {
    if (volume) i.volume = volume;
    i.login_day ??= i.created_day;
  });
  const now = nowInstant(core, item);
  core.updateItem(itemId, (i) => {
    i.notified = { day: isoFromDay(now.day), seq: now.seq };
  });
  if (!hasProduct(item, 'transactions') || !item.webhook) return;
  const spec = core.dataSpec(item);
  const view = viewAt(spec, now);
  const recent = view.events.filter((e) => e.authDay > now.day - 30).length;
  const hooks = webhooksOf(core);
  hooks.sendToItem(item, webhookPayloads.transactionsUpdate('INITIAL_UPDATE', item.item_id, recent));
  hooks.sendToItem(
    item,
    webhookPayloads.transactionsUpdate('HISTORICAL_UPDATE', item.item_id, view.events.length),
  );
}

/**
 * How many copies of the card spending give an Item about `target` transactions by `today`:
 * counted on one copy, since every other account's rows do not multiply.
 */
function volumeFor(spec: ItemDataSpec, today: Day, target: number): number {
  const one = viewAt({ ...spec, volume: 1, mutations: [] }, { day: today, seq: 0 }).events;
  const card = one.filter((e) => e.template === 'credit' && e.kind !== 'card-payment').length;
  const rest = one.length - card;
  if (card === 0) return 1;
  return Math.max(1, Math.min(100_000, Math.round((target - rest) / card)));
}

/**
 * The first /transactions/sync on an Item: from now on SYNC_UPDATES_AVAILABLE is sent. An Item
 * that only gets Transactions now hears twice, as at Plaid (30 days ready, then all history).
 */
export function onFirstSync(core: SimulatorCore, itemId: string, addedTransactionsNow: boolean): void {
  const item = core.updateItem(itemId, (i) => {
    i.sync_called = true;
    if (addedTransactionsNow) {
      const now = instantOf(core.dataSpec(i), core.today());
      i.notified = { day: isoFromDay(now.day), seq: now.seq };
    }
  });
  if (!addedTransactionsNow) return;
  const hooks = webhooksOf(core);
  hooks.sendToItem(item, webhookPayloads.syncUpdatesAvailable(item.item_id, true, false));
  hooks.sendToItem(item, webhookPayloads.syncUpdatesAvailable(item.item_id, true, true));
}

/**
 * Sends the webhooks for whatever changed in an Item's transactions since it was last told:
 * SYNC_UPDATES_AVAILABLE (once /transactions/sync was called), DEFAULT_UPDATE for new rows and
 * TRANSACTIONS_REMOVED for removed ones. Returns how many changes there were.
 */
export function notifyTransactionChanges(core: SimulatorCore, itemId: string): number {
  const item = core.itemById(itemId);
  if (!item || !hasProduct(item, 'transactions')) return 0;
  const spec = core.dataSpec(item);
  const now = instantOf(spec, core.today());
  const since = storedInstant(item);
  if (since && sameInstant(since, now)) return 0;
  core.updateItem(itemId, (i) => {
    i.notified = { day: isoFromDay(now.day), seq: now.seq };
  });
  if (!since) return 0;
  const changes = changesBetween(spec, since, now);
  if (changes.length === 0 || item.error_code) return changes.length;
  const hooks = webhooksOf(core);
  if (item.sync_called)
    hooks.sendToItem(item, webhookPayloads.syncUpdatesAvailable(item.item_id, true, true));
  if (changes.counts.added > 0)
    hooks.sendToItem(
      item,
      webhookPayloads.transactionsUpdate('DEFAULT_UPDATE', item.item_id, changes.counts.added),
    );
  if (changes.counts.removed > 0) {
    const removed: string[] = [];
    for (let i = 0; i < changes.length; i++) {
      const c = changes.at(i);
      if (c.kind === 'removed') removed.push(transactionIdOf(spec, c.event, c.state.posted));
    }
    hooks.sendToItem(item, webhookPayloads.transactionsRemoved(item.item_id, removed));
  }
  return changes.length;
}

// --- The clock ---------------------------------------------------------------------------------

function monthsCrossed(from: Day, to: Day): number {
  const a = calendar(from);
  const b = calendar(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** After the clock moved from `from` to today: logins that lapse, and every product's news. */
export function onClockAdvanced(core: SimulatorCore, from: Day): void {
  const to = core.today();
  refreshItemHealth(core);
  core.products.assetReports.settle();
  const hooks = webhooksOf(core);
  for (const item of core.store.get().items) {
    notifyTransactionChanges(core, item.item_id);
    if (!item.webhook || item.error_code) continue;
    const keys = item.account_templates as readonly string[];
    const months = monthsCrossed(from, to);
    if (hasProduct(item, 'investments')) {
      const investment = keys.filter((k) => isInvestmentAccount(k as never));
      hooks.sendToItem(item, webhookPayloads.holdingsUpdate(item.item_id, 0, investment.length));
      if (months > 0)
        hooks.sendToItem(
          item,
          webhookPayloads.investmentsTransactionsUpdate(item.item_id, months * investment.length, 0),
        );
    }
    if (hasProduct(item, 'liabilities') && months > 0) {
      const updated: Record<string, string[]> = {};
      for (const key of keys) {
        if (key === 'credit')
          updated[accountIdOf(item.item_id, key)] = [
            'last_statement_balance',
            'minimum_payment_amount',
            'next_payment_due_date',
          ];
        else if (isLoanAccount(key as never))
          updated[accountIdOf(item.item_id, key as never)] = [
            'last_payment_amount',
            'outstanding_interest_amount',
          ];
      }
      hooks.sendToItem(item, webhookPayloads.liabilitiesUpdate(item.item_id, [], updated));
    }
  }
}

// --- Item health -------------------------------------------------------------------------------

function errorBody(code: PlaidErrorCode): Record<string, unknown> {
  return { ...itemErrorObject(code) };
}

/** Puts an Item into an error state and tells its webhook (ITEM ERROR or USER_PERMISSION_REVOKED). */
function breakItem(core: SimulatorCore, itemId: string, code: PlaidErrorCode): ItemRecord {
  const item = core.updateItem(itemId, (i) => {
    i.error_code = code;
  });
  webhooksOf(core).sendToItem(
    item,
    code === 'USER_PERMISSION_REVOKED'
      ? webhookPayloads.userPermissionRevoked(item.item_id, errorBody(code))
      : webhookPayloads.itemError(item.item_id, errorBody(code)),
  );
  return item;
}

/** /sandbox/item/reset_login: ITEM_LOGIN_REQUIRED until update mode logs in again. */
export function resetLogin(core: SimulatorCore, itemId: string): ItemRecord {
  return breakItem(core, itemId, 'ITEM_LOGIN_REQUIRED');
}

/** Update mode logged in again: the error, any warned-of deadline and the 30-day count start over. */
export function onLoginRepaired(core: SimulatorCore, itemId: string): void {
  core.updateItem(itemId, (i) => {
    i.error_code = null;
    i.deadline = null;
    i.login_day = core.clock.todayIso();
  });
}

export type AdminItemState = PlaidErrorCode | 'PENDING_EXPIRATION' | 'PENDING_DISCONNECT' | null;

export function parseAdminItemState(value: unknown): AdminItemState {
  if (value === null) return null;
  if (value === 'PENDING_EXPIRATION' || value === 'PENDING_DISCONNECT') return value;
  if (typeof value === 'string' && isPlaidErrorCode(value)) return value;
  throw new PlaidApiError(
    'INVALID_FIELD',
    'error_code must be null, PENDING_EXPIRATION, PENDING_DISCONNECT or a Plaid error code',
  );
}

/**
 * The admin switch: an error code breaks the Item (ITEM ERROR webhook); PENDING_EXPIRATION and
 * PENDING_DISCONNECT warn (their webhooks) that access ends in 7 days; null repairs it outside
 * the app, which Plaid reports as LOGIN_REPAIRED.
 */
export function setItemState(core: SimulatorCore, itemId: string, state: AdminItemState): ItemRecord {
  const before = core.itemById(itemId);
  if (!before) throw new PlaidApiError('ITEM_NOT_FOUND');
  const hooks = webhooksOf(core);
  if (state === null) {
    onLoginRepaired(core, itemId);
    const item = core.itemById(itemId)!;
    if (before.error_code === 'ITEM_LOGIN_REQUIRED')
      hooks.sendToItem(item, webhookPayloads.loginRepaired(itemId));
    return item;
  }
  if (state === 'PENDING_EXPIRATION' || state === 'PENDING_DISCONNECT') {
    const day = core.today() + WARNING_DAYS;
    const item = core.updateItem(itemId, (i) => {
      i.deadline = { kind: state, day: isoFromDay(day) };
    });
    const at = isoDateTime(day, 0);
    hooks.sendToItem(
      item,
      state === 'PENDING_EXPIRATION'
        ? webhookPayloads.pendingExpiration(itemId, at)
        : webhookPayloads.pendingDisconnect(itemId, at),
    );
    return item;
  }
  return breakItem(core, itemId, state);
}

/** The consent expiration an Item reports (/item/get), when one was announced. */
export function consentExpirationTime(item: ItemRecord): string | null {
  return item.deadline?.kind === 'PENDING_EXPIRATION' ? isoDateTime(dayFromIso(item.deadline.day), 0) : null;
}

/** Logins that lapsed by today (a deadline passed, or 30 days with the switch on) become ITEM_LOGIN_REQUIRED. */
export function refreshItemHealth(core: SimulatorCore): void {
  const today = core.today();
  const { expireAfter30Days } = itemEventSettings(core);
  for (const item of core.store.get().items) {
    if (item.error_code) continue;
    const deadlinePassed = item.deadline ? today >= dayFromIso(item.deadline.day) : false;
    const loginDay = dayFromIso(item.login_day ?? item.created_day);
    const expired = expireAfter30Days && today - loginDay >= SANDBOX_LOGIN_LIFETIME_DAYS;
    if (deadlinePassed || expired) breakItem(core, item.item_id, 'ITEM_LOGIN_REQUIRED');
  }
}
