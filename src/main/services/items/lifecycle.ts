/**
 * The Item lifecycle: health from every sync's outcome and every ITEM webhook, institution status
 * where it is degraded, removing an Item (at Plaid, in the keychain, in the ledger), and what
 * `items.list` shows for each Item.
 */
import type { Item } from '../../../shared/api';
import type { PlaidErrorShape } from '../../../shared/plaid-error';
import type { CoreContext } from '../context';
import { AppError, toAppError } from '../errors';
import {
  deleteItem,
  lifecycleRow,
  lifecycleRows,
  markItemRemoved,
  setItemHealth,
  setNewAccountsAvailable,
} from './lifecycle-store';
import { decideError } from '../plaid/errors';
import { itemTokenPurpose } from '../secrets/store';
import type { SyncObserver } from '../ingest/runner';
import { healthAfterFailure, healthAfterSuccess, itemHealthFields } from './health';
import { InstitutionStatusCache } from './institution-status';
import { applyItemWebhook, type ItemWebhookExtra, type ItemWebhookOutcome } from './webhooks';
import { getItem, listItems } from './store';
import { applyItemProducts, productStates } from './product-status';

/** Errors /item/remove answers when the Item is already gone at Plaid: removing it locally is right. */
const ALREADY_GONE = new Set([
  'ITEM_NOT_FOUND',
  'INVALID_ACCESS_TOKEN',
  'ITEM_CONCURRENTLY_DELETED',
  'USER_PERMISSION_REVOKED',
]);

/** How often a working Item's consent expiry is read from /item/get (webhooks say it sooner). */
export const ITEM_CHECK_INTERVAL_MS = 60 * 60 * 1000;
/** Plaid warns 7 days ahead (PENDING_EXPIRATION); without webhooks Coffer warns from the same day. */
const EXPIRY_WARNING_MS = 7 * 24 * 60 * 60 * 1000;

export class ItemLifecycle implements SyncObserver {
  readonly institutions: InstitutionStatusCache;
  private readonly lastItemCheck = new Map<string, number>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly now: () => number = Date.now,
  ) {
    this.institutions = new InstitutionStatusCache(ctx.plaid, ctx.log, now);
  }

  private at(): string {
    return new Date(this.now()).toISOString();
  }

  /** `items.list`: the ledger's Items with their health, banner and institution status. */
  listItems(view: { isSyncing(itemId: string): boolean; persistent: boolean }): Item[] {
    const { ledger } = this.ctx;
    const rows = lifecycleRows(ledger);
    const now = this.now();
    return listItems(ledger).map((row): Item => {
      const life = rows.get(row.itemId);
      const base = {
        id: row.itemId,
        institutionId: row.institutionId,
        institutionName: row.institutionName,
        status: view.isSyncing(row.itemId) ? 'syncing' : row.status,
        lastSyncedAt: row.lastSyncedAt,
        error: row.error,
        persistent: view.persistent,
      } as const;
      const health = life ?? {
        itemId: row.itemId,
        health: 'ok',
        healthSince: null,
        error: null,
        newAccountsAvailable: false,
        removedAt: null,
      };
      return {
        ...base,
        ...itemHealthFields(health, row.institutionName, now, this.institutions.get(row.institutionId)),
        products: productStates(ledger, row.itemId),
      };
    });
  }

  async syncSucceeded(itemId: string): Promise<void> {
    const { ledger } = this.ctx;
    const row = lifecycleRow(ledger, itemId);
    if (row) {
      const next = healthAfterSuccess(row.health);
      if (next !== row.health) {
        ledger.write(() => setItemHealth(ledger, itemId, next, this.at()));
        this.ctx.log.info('item health', { itemId, health: next, was: row.health });
      }
    }
    await this.checkConsent(itemId);
    await this.institutions.refresh(getItem(ledger, itemId)?.institutionId ?? null);
  }

  /**
   * A desktop without the webhook relay hears no PENDING_EXPIRATION: /item/get's
   * consent_expiration_time tells the same, read at most once an hour per Item. The same answer
   * keeps the products the sync runner's gate lets through current (a product added or consented
   * to elsewhere), so no syncer asks /item/get for itself.
   */
  private async checkConsent(itemId: string): Promise<void> {
    const now = this.now();
    const last = this.lastItemCheck.get(itemId);
    if (last !== undefined && now - last < ITEM_CHECK_INTERVAL_MS) return;
    const accessToken = await this.ctx.secrets.get(itemTokenPurpose(itemId));
    if (!accessToken) return;
    try {
      const { item } = await this.ctx.plaid.itemGet(accessToken);
      this.lastItemCheck.set(itemId, now);
      this.ctx.ledger.write(() => applyItemProducts(this.ctx.ledger, itemId, item));
      const expires = item.consent_expiration_time ? Date.parse(item.consent_expiration_time) : NaN;
      if (!Number.isNaN(expires) && expires - now <= EXPIRY_WARNING_MS) {
        this.applyItemWebhook(itemId, 'PENDING_EXPIRATION', null);
      }
    } catch (error) {
      this.ctx.log.warn('item check failed', { itemId, code: toAppError(error).code });
    }
  }

  async syncFailed(itemId: string, error: AppError): Promise<void> {
    const { ledger } = this.ctx;
    const row = lifecycleRow(ledger, itemId);
    const decision = decideError(error);
    if (row) {
      const next = healthAfterFailure(row.health, decision.health);
      ledger.write(() => setItemHealth(ledger, itemId, next, this.at()));
      this.ctx.log.info('item health', {
        itemId,
        health: next,
        was: row.health,
        decision: decision.action,
        error_code: error.plaid?.error_code ?? error.code,
        request_id: error.plaid?.request_id ?? null,
      });
    }
    // A struggling institution is worth a fresh look at its status.
    await this.institutions.refresh(
      getItem(ledger, itemId)?.institutionId ?? null,
      decision.institutionFault,
    );
  }

  /** Update mode finished: the user fixed what was asked (login, consent, account selection). */
  updateSucceeded(itemId: string): void {
    const { ledger } = this.ctx;
    ledger.write(() => {
      setItemHealth(ledger, itemId, 'ok', this.at());
      setNewAccountsAvailable(ledger, itemId, false);
    });
    this.ctx.log.info('item repaired in update mode', { itemId });
    this.ctx.emit('ledger.changed', { reason: 'item-health' });
  }

  applyItemWebhook(
    itemId: string,
    code: string,
    error: PlaidErrorShape | null,
    extra: ItemWebhookExtra = {},
  ): ItemWebhookOutcome {
    return applyItemWebhook(this.ctx, itemId, code, error, { now: this.now(), ...extra });
  }

  /**
   * Removes an Item: `/item/remove` (ends Plaid's billing and invalidates the token), then its
   * keychain entry, then its history (purged, or kept with every account archived).
   */
  async remove(itemId: string, keepHistory: boolean): Promise<{ itemId: string; keptHistory: boolean }> {
    const { ctx } = this;
    const item = getItem(ctx.ledger, itemId);
    const row = lifecycleRow(ctx.ledger, itemId);
    if (!item || !row) throw new AppError('NOT_FOUND', `No Item with id ${itemId} in this ledger.`);
    return ctx.lock.with(async () => {
      const purpose = itemTokenPurpose(itemId);
      const accessToken = row.removedAt ? null : await ctx.secrets.get(purpose);
      if (accessToken) {
        ctx.redactor.add(accessToken);
        try {
          await ctx.plaid.itemRemove(accessToken);
        } catch (error) {
          const appError = toAppError(error);
          if (!ALREADY_GONE.has(appError.plaid?.error_code ?? '')) throw appError;
          ctx.log.info('item already gone at Plaid; removing it here', {
            itemId,
            error_code: appError.plaid?.error_code,
          });
        }
        ctx.plaid.forgetToken(accessToken);
      }
      await ctx.secrets.delete(purpose);
      ctx.ledger.write(() =>
        keepHistory ? markItemRemoved(ctx.ledger, itemId, this.at()) : deleteItem(ctx.ledger, itemId),
      );
      ctx.log.info('item removed', { itemId, keptHistory: keepHistory });
      ctx.emit('ledger.changed', { reason: 'item-removed' });
      return { itemId, keptHistory: keepHistory };
    });
  }
}
