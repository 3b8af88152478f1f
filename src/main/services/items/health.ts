/**
 * Item health as the user sees it: which state wins, what the banner says and which one action it
 * offers. Pure functions over the ledger's lifecycle row, so every rule is unit-tested.
 */
import type { InstitutionHealth, Item, ItemHealth, ItemRemedy } from '../../../shared/api';
import type { PlaidErrorShape } from '../../../shared/plaid-error';
import type { ItemLifecycleRow } from './lifecycle-store';
import { decideShape } from '../plaid/errors';

/** Plaid stops refreshing an Item that stays broken; after this long Coffer says so. */
export const NO_LONGER_REFRESHING_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * How much a state needs the user. A transient failure does not hide a pending expiration (the
 * user must still act before it lapses), and a sync that works again does not clear one.
 */
const RANK: Record<ItemHealth, number> = {
  ok: 0,
  institution_down: 1,
  error: 1,
  pending_expiration: 2,
  pending_disconnect: 2,
  login_required: 3,
  permission_revoked: 4,
};

const BROKEN = new Set<ItemHealth>(['login_required', 'permission_revoked', 'institution_down', 'error']);

/** The health after a sync failed with a failure of health `failed`. */
export function healthAfterFailure(current: ItemHealth, failed: ItemHealth): ItemHealth {
  const next = failed === 'ok' ? 'error' : failed;
  if (RANK[current] === 2 && RANK[next] <= 1) return current;
  return next;
}

/** The health after a sync succeeded: a working Item is not broken, but a pending expiry still looms. */
export function healthAfterSuccess(current: ItemHealth): ItemHealth {
  return RANK[current] === 2 ? current : 'ok';
}

/** An ITEM webhook's state, applied only when it needs the user more than the current one. */
export function healthAfterWebhook(current: ItemHealth, signalled: ItemHealth): ItemHealth {
  return RANK[signalled] >= RANK[current] ? signalled : current;
}

function defaultRemedy(health: ItemHealth): ItemRemedy | null {
  switch (health) {
    case 'ok':
      return null;
    case 'login_required':
    case 'pending_expiration':
    case 'pending_disconnect':
      return 'reconnect';
    case 'permission_revoked':
      return 'remove';
    case 'institution_down':
    case 'error':
      return 'retry';
  }
}

export function remedyOf(
  row: Pick<ItemLifecycleRow, 'health' | 'error' | 'newAccountsAvailable' | 'removedAt'>,
) {
  if (row.removedAt) return null;
  if (row.health === 'ok') return row.newAccountsAvailable ? 'add_accounts' : null;
  // Warnings and user states have a fixed action; a failure's action comes from its error code.
  if (row.health !== 'error' || !row.error) return defaultRemedy(row.health);
  return decideShape(row.error).remedy ?? 'retry';
}

function plainSentence(health: ItemHealth, remedy: ItemRemedy | null, bank: string): string | null {
  switch (health) {
    case 'ok':
      return null;
    case 'login_required':
      return `${bank} needs you to sign in again. Reconnect to keep it updating.`;
    case 'pending_expiration':
      return `Your connection to ${bank} expires soon. Reconnect to keep it updating.`;
    case 'pending_disconnect':
      return `${bank} will disconnect soon. Reconnect to keep it updating.`;
    case 'permission_revoked':
      return `Access to ${bank} was revoked. Remove it, and link the bank again if you want it back.`;
    case 'institution_down':
      return `${bank} isn't responding right now. Coffer will keep trying.`;
    case 'error':
      return remedy === 'remove'
        ? `This connection to ${bank} no longer works. Remove it and link the bank again.`
        : remedy === 'reconnect'
          ? `${bank} needs your attention. Reconnect to fix the connection.`
          : `Coffer couldn't update ${bank}. Try again in a few minutes.`;
  }
}

/** What the user reads: Plaid's display_message when it gave one, a plain sentence otherwise. */
export function healthMessage(
  row: Pick<ItemLifecycleRow, 'health' | 'error' | 'newAccountsAvailable' | 'removedAt'>,
  bank: string,
  noLongerRefreshing: boolean,
): string | null {
  if (row.removedAt) return null;
  if (row.health === 'ok')
    return row.newAccountsAvailable ? `${bank} has new accounts you can add to Coffer.` : null;
  const plaid = row.error?.display_message && BROKEN.has(row.health) ? row.error.display_message : null;
  const sentence = plaid ?? plainSentence(row.health, remedyOf(row), bank);
  return noLongerRefreshing
    ? `${sentence} It has not refreshed for 7 days and is no longer refreshing.`
    : sentence;
}

export type ItemHealthFields = Pick<
  Item,
  | 'health'
  | 'healthSince'
  | 'healthMessage'
  | 'remedy'
  | 'noLongerRefreshing'
  | 'newAccountsAvailable'
  | 'removedAt'
  | 'institutionStatus'
>;

export function itemHealthFields(
  row: ItemLifecycleRow,
  bank: string,
  now: number,
  institutionStatus: InstitutionHealth | null,
): ItemHealthFields {
  const since = row.healthSince ? Date.parse(row.healthSince) : NaN;
  const noLongerRefreshing =
    !row.removedAt &&
    BROKEN.has(row.health) &&
    !Number.isNaN(since) &&
    now - since >= NO_LONGER_REFRESHING_MS;
  return {
    health: row.health,
    healthSince: row.healthSince,
    healthMessage: healthMessage(row, bank, noLongerRefreshing),
    remedy: remedyOf(row),
    noLongerRefreshing,
    newAccountsAvailable: row.newAccountsAvailable,
    removedAt: row.removedAt,
    institutionStatus: row.removedAt ? null : institutionStatus,
  };
}

/** Plaid's error shape for a state Plaid signals without one (a webhook code). */
export function stateError(code: string, message: string): PlaidErrorShape {
  return {
    error_type: 'ITEM_ERROR',
    error_code: code,
    error_message: message,
    display_message: null,
    request_id: null,
  };
}
