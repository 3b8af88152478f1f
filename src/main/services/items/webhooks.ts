/**
 * ITEM webhooks (research/plaid-api.md §4.2) applied to an Item's health. The webhook relay
 * dispatches every verified ITEM webhook here; sync results reach the same ledger columns
 * through ItemLifecycle.
 */
import type { ItemHealth } from '../../../shared/api';
import type { PlaidErrorShape } from '../../../shared/plaid-error';
import type { CoreContext } from '../context';
import { archiveAccount, lifecycleRow, setItemHealth, setNewAccountsAvailable } from './lifecycle-store';
import { decideShape } from '../plaid/errors';
import { healthAfterWebhook, stateError } from './health';

export interface ItemWebhookExtra {
  /** USER_ACCOUNT_REVOKED: the account the user revoked at the bank. */
  accountId?: string;
  now?: number;
}

export interface ItemWebhookOutcome {
  /** False when the webhook was for an unknown Item or changed nothing. */
  changed: boolean;
  health: ItemHealth | null;
}

/**
 * Applies one ITEM webhook: ERROR, PENDING_EXPIRATION, PENDING_DISCONNECT, USER_PERMISSION_REVOKED,
 * USER_ACCOUNT_REVOKED, LOGIN_REPAIRED, NEW_ACCOUNTS_AVAILABLE. Other codes are ignored.
 */
export function applyItemWebhook(
  ctx: Pick<CoreContext, 'ledger' | 'log' | 'emit'>,
  itemId: string,
  code: string,
  error: PlaidErrorShape | null,
  extra: ItemWebhookExtra = {},
): ItemWebhookOutcome {
  const { ledger } = ctx;
  const row = lifecycleRow(ledger, itemId);
  if (!row || row.removedAt) {
    ctx.log.info('item webhook for an unknown or removed item ignored', { itemId, code });
    return { changed: false, health: null };
  }
  const at = new Date(extra.now ?? Date.now()).toISOString();
  const change = (health: ItemHealth, shape: PlaidErrorShape | null): ItemHealth => {
    const next = healthAfterWebhook(row.health, health);
    if (next !== row.health || (shape && next === health)) {
      ledger.write(() => setItemHealth(ledger, itemId, next, at, next === health ? shape : undefined));
    }
    return next;
  };

  let health: ItemHealth = row.health;
  let changed = true;
  switch (code) {
    case 'ERROR': {
      if (!error) {
        changed = false;
        break;
      }
      const decided = decideShape(error).health;
      health = decided === 'ok' ? row.health : change(decided, error);
      changed = decided !== 'ok';
      break;
    }
    case 'PENDING_EXPIRATION':
      health = change(
        'pending_expiration',
        stateError('PENDING_EXPIRATION', "the Item's consent expires within 7 days"),
      );
      break;
    case 'PENDING_DISCONNECT':
      health = change(
        'pending_disconnect',
        stateError('PENDING_DISCONNECT', 'the Item will disconnect soon'),
      );
      break;
    case 'USER_PERMISSION_REVOKED':
      health = change(
        'permission_revoked',
        error ?? stateError('USER_PERMISSION_REVOKED', 'the user revoked access to this Item'),
      );
      break;
    case 'USER_ACCOUNT_REVOKED':
      changed =
        !!extra.accountId && ledger.write(() => archiveAccount(ledger, itemId, extra.accountId!, at)) > 0;
      break;
    case 'LOGIN_REPAIRED':
      // The Item left ITEM_LOGIN_REQUIRED without Coffer's update mode: drop the prompt.
      if (row.health === 'login_required') {
        ledger.write(() => setItemHealth(ledger, itemId, 'ok', at));
        health = 'ok';
      } else changed = false;
      break;
    case 'NEW_ACCOUNTS_AVAILABLE':
      ledger.write(() => setNewAccountsAvailable(ledger, itemId, true));
      break;
    default:
      changed = false;
  }
  ctx.log.info('item webhook applied', {
    itemId,
    code,
    error_code: error?.error_code ?? null,
    health,
    changed,
  });
  if (changed) ctx.emit('ledger.changed', { reason: 'item-health' });
  return { changed, health };
}
