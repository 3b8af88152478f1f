/**
 * Runs syncs for Items: one writer lock around the whole call, one in-process chain per Item,
 * the access token read from the secret store, and every outcome (progress, errors in Plaid's
 * shape) reported as events and stored on the Item so the UI can show Plaid's display_message.
 */
import type { SyncResult } from '../../../shared/api';
import type { CoreContext } from '../context';
import { AppError, toAppError } from '../errors';
import type { SyncRunCounts } from './state';
import { connectedItemIds, lifecycleRow } from '../items/lifecycle-store';
import { itemErrorShape } from '../plaid/errors';
import { itemTokenPurpose } from '../secrets/store';
import { KeyedMutex } from './keyed-mutex';
import { defaultSyncers, type SyncerRegistry } from './registry';
import type { ProductSyncer, SyncOutcome } from './syncer';
import { getItem, markItemError, markItemSynced } from '../items/store';
import { isProductOnlyError, itemHasProduct, recordProductOutcome } from '../items/product-status';

/** Told about every sync's outcome (the Item lifecycle keeps health from it). */
export interface SyncObserver {
  syncSucceeded(itemId: string): Promise<void>;
  syncFailed(itemId: string, error: AppError): Promise<void>;
}

export class SyncRunner {
  private readonly perItem = new KeyedMutex();
  private readonly running = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly observer: SyncObserver | null = null,
    private readonly syncers: SyncerRegistry = defaultSyncers(),
  ) {}

  private async observe(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.ctx.log.error('sync observer failed', { message: toAppError(error).message });
    }
  }

  /** Whether a sync brings this product into the ledger (a syncer is registered for it). */
  syncsProduct(product: string): boolean {
    return this.syncers.get(product) !== null;
  }

  isSyncing(itemId: string): boolean {
    return this.running.has(itemId);
  }

  /** Resolves when every sync started so far has finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Syncs one Item or all of them; a busy ledger fails the whole call, an Item's failure only its result. */
  async run(itemId: string | null): Promise<SyncResult[]> {
    // Items removed at Plaid with their history kept are never synced.
    const ids = itemId ? [this.requireItem(itemId)] : connectedItemIds(this.ctx.ledger);
    if (ids.length === 0) return [];
    return this.ctx.lock.with(async () => {
      const results: SyncResult[] = [];
      for (const id of ids) results.push(await this.syncItem(id));
      return results;
    });
  }

  /** Callers must hold the writer lock. */
  syncItem(itemId: string): Promise<SyncResult> {
    const work = this.perItem.run(itemId, () => this.syncLocked(itemId));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  private requireItem(itemId: string): string {
    if (!getItem(this.ctx.ledger, itemId))
      throw new AppError('NOT_FOUND', `No Item with id ${itemId} in this ledger.`);
    if (lifecycleRow(this.ctx.ledger, itemId)?.removedAt)
      throw new AppError(
        'ITEM_REMOVED',
        'This bank connection was removed; its history is kept but it no longer syncs.',
      );
    return itemId;
  }

  /**
   * One product's syncer, its outcome kept as the product's status. An error about the product
   * alone (not supported, no such accounts, no consent, not ready) ends only that product's run.
   */
  private async syncProduct(
    itemId: string,
    syncer: ProductSyncer,
    run: () => Promise<SyncOutcome>,
  ): Promise<SyncOutcome | null> {
    const { ledger, log } = this.ctx;
    const { product } = syncer;
    const record = (error: AppError | null) => {
      if (syncer.everyItem) return;
      try {
        ledger.write(() => recordProductOutcome(ledger, itemId, product, error));
      } catch (writeError) {
        log.error('could not record a product status', {
          itemId,
          product,
          message: toAppError(writeError).message,
        });
      }
    };
    try {
      const outcome = await run();
      record(null);
      return outcome;
    } catch (error) {
      const appError = toAppError(error);
      record(appError);
      if (!isProductOnlyError(appError)) throw appError;
      log.info('product unavailable for this Item', { itemId, product, code: appError.code });
      return null;
    }
  }

  private async syncLocked(itemId: string): Promise<SyncResult> {
    const { ctx } = this;
    const item = getItem(ctx.ledger, itemId);
    if (!item) throw new AppError('NOT_FOUND', `No Item with id ${itemId} in this ledger.`);
    const institutionName = item.institutionName;
    let counts: SyncRunCounts = { pages: 0, added: 0, modified: 0, removed: 0 };
    const report = (
      phase: 'starting' | 'fetching' | 'applying' | 'done' | 'error',
      error: SyncResult['error'],
    ) => ctx.emit('sync.progress', { itemId, institutionName, phase, ...counts, error });

    this.running.add(itemId);
    ctx.log.info('sync started', { itemId });
    try {
      const accessToken = await ctx.secrets.get(itemTokenPurpose(itemId));
      if (!accessToken) {
        throw new AppError(
          'ACCESS_TOKEN_MISSING',
          ctx.secrets.kind === 'memory'
            ? 'This demo Item was kept in memory by an earlier run and is gone; link it again.'
            : 'The keychain holds no access token for this bank connection; link the bank again.',
        );
      }
      ctx.redactor.add(accessToken);
      ctx.plaid.bindInstitution(accessToken, item.institutionId);
      let restarts = 0;
      for (const syncer of this.syncers.all()) {
        if (!syncer.everyItem && !itemHasProduct(ctx.ledger, itemId, syncer.product)) continue;
        const before = counts;
        const outcome = await this.syncProduct(itemId, syncer, () =>
          syncer.sync({
            ledger: ctx.ledger,
            plaid: ctx.plaid,
            log: ctx.log,
            itemId,
            accessToken,
            pageSize: ctx.syncPageSize,
            hooks: ctx.syncHooks,
            work: ctx.work,
            onProgress: (phase, c) => {
              counts = addCounts(before, c);
              report(phase, null);
            },
          }),
        );
        if (!outcome) continue;
        counts = addCounts(before, outcome);
        restarts += outcome.restarts;
      }
      ctx.ledger.write(() => markItemSynced(ctx.ledger, itemId));
      if (this.observer) await this.observe(() => this.observer!.syncSucceeded(itemId));
      ctx.log.info('sync finished', { itemId, ...counts, restarts });
      ctx.emit('ledger.changed', { reason: 'sync' });
      return { itemId, status: 'ok', ...pick(counts), error: null };
    } catch (error) {
      const appError = toAppError(error);
      const shape = itemErrorShape(appError);
      ctx.log.warn('sync failed', { itemId, code: appError.code, request_id: shape.request_id ?? null });
      try {
        ctx.ledger.write(() => markItemError(ctx.ledger, itemId, shape));
      } catch (writeError) {
        ctx.log.error('could not record the sync error', { itemId, message: toAppError(writeError).message });
      }
      if (this.observer) await this.observe(() => this.observer!.syncFailed(itemId, appError));
      report('error', shape);
      // Pages committed before the failure are real changes.
      ctx.emit('ledger.changed', { reason: 'sync' });
      return { itemId, status: 'error', ...pick(counts), error: shape };
    } finally {
      this.running.delete(itemId);
    }
  }
}

const addCounts = (a: SyncRunCounts, b: SyncRunCounts): SyncRunCounts => ({
  pages: a.pages + b.pages,
  added: a.added + b.added,
  modified: a.modified + b.modified,
  removed: a.removed + b.removed,
});

const pick = (c: SyncRunCounts) => ({
  pages: c.pages,
  added: c.added,
  modified: c.modified,
  removed: c.removed,
});
