/**
 * Linking a bank: a link token, Plaid Link shown by the host's presenter, then the public token
 * exchanged exactly once. The access token goes straight into the secret store and the Item
 * (without its token) into the ledger, then the first sync runs.
 *
 * Before the exchange, the duplicate guard compares what Link reports with the accounts already
 * linked at that institution and asks the user first. Update mode (an existing Item's token, no
 * products) repairs an Item: nothing is exchanged, since its access token does not change.
 */
import { randomBytes } from 'node:crypto';
import type { LinkOutcome } from '../../../shared/api';
import { LINK_SCRIPT_PATH, LinkPageResult, PLAID_LINK_SCRIPT } from '../../../shared/link';
import type { PlaidErrorShape } from '../../../shared/plaid-error';
import type { CoreContext } from '../context';
import type { LinkPresenter, LinkSession } from '../core-types';
import { AppError, toAppError } from '../errors';
import { lifecycleRow } from './lifecycle-store';
import { findDuplicate } from './duplicates';
import type { ItemLifecycle } from './lifecycle';
import { toAccountRecord } from '../plaid/mapping';
import { itemTokenPurpose } from '../secrets/store';
import type { SyncRunner } from '../ingest/runner';
import { accountIds, getItem, insertItem, upsertAccounts } from './store';
import type { LinkProductLists } from '../plaid/client';
import { applyItemProducts, type ItemProductsView } from './product-status';
import { askedProducts, newItemProductLists } from './link-products';

export function linkScript(ctx: Pick<CoreContext, 'environment' | 'basePath'>): {
  scriptUrl: string;
  origins: string[];
} {
  if (ctx.environment === 'demo') {
    const origin = new URL(ctx.basePath).origin;
    return { scriptUrl: `${origin}${LINK_SCRIPT_PATH}`, origins: [origin] };
  }
  const api = new URL(ctx.basePath).origin;
  const origins = ['https://cdn.plaid.com', api];
  // Aimed at a simulator with a sandbox/production ledger (tests): Link comes from the simulator.
  if (!api.endsWith('.plaid.com')) return { scriptUrl: `${api}${LINK_SCRIPT_PATH}`, origins: [api] };
  return { scriptUrl: PLAID_LINK_SCRIPT, origins };
}

export function newSessionId(): string {
  return randomBytes(24).toString('base64url');
}

function exitError(error: LinkPageResult & { kind: 'exit' }): PlaidErrorShape | null {
  if (!error.error) return null;
  const { error_type, error_code, error_message, display_message } = error.error;
  const requestId = (error.metadata as { request_id?: unknown }).request_id;
  return {
    error_type,
    error_code,
    error_message,
    display_message,
    request_id: typeof requestId === 'string' ? requestId : null,
  };
}

/** A public token stays valid for 30 minutes; a held one is dropped a little before. */
export const PENDING_LINK_TTL_MS = 25 * 60 * 1000;

interface PendingLink {
  publicToken: string;
  asked: readonly string[];
  institution: { institution_id: string; name: string | null } | null;
  expiresAt: number;
}

type Success = Extract<LinkPageResult, { kind: 'success' }>;

export class LinkFlow {
  private presenter: LinkPresenter | null = null;
  private readonly active = new Set<AbortController>();
  /** Public tokens held while the user decides about a duplicate; memory only, never sent out. */
  private readonly pending = new Map<string, PendingLink>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly sync: SyncRunner,
    private readonly lifecycle: ItemLifecycle | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  setPresenter(presenter: LinkPresenter): void {
    this.presenter = presenter;
  }

  abortAll(): void {
    for (const controller of this.active) controller.abort();
  }

  private requirePresenter(): LinkPresenter {
    if (!this.presenter) {
      throw new AppError(
        'LINK_UNAVAILABLE',
        'This Coffer host cannot show Plaid Link (no window to present it in). Use the app or the browser host, ' +
          'or `coffer link --institution ins_109508` in demo and sandbox.',
      );
    }
    return this.presenter;
  }

  /** Shows Link with this token; resolves with the success, or with the outcome of an exit. */
  private async present(presenter: LinkPresenter, linkToken: string): Promise<Success | LinkOutcome> {
    const { scriptUrl, origins } = linkScript(this.ctx);
    const session: LinkSession = { sessionId: newSessionId(), linkToken, scriptUrl, linkOrigins: origins };
    const controller = new AbortController();
    this.active.add(controller);
    let raw: unknown;
    try {
      raw = await presenter(session, controller.signal);
    } finally {
      this.active.delete(controller);
    }
    const parsed = LinkPageResult.safeParse(raw);
    if (!parsed.success)
      throw new AppError('LINK_FAILED', 'Plaid Link reported a result Coffer cannot read.');
    const result = parsed.data;
    if (result.kind === 'exit') {
      this.ctx.log.info('link exited', { error_code: result.error?.error_code ?? null });
      return { status: 'exited', error: exitError(result) };
    }
    return result;
  }

  /**
   * Links a new Item with transactions and the chosen products; with itemId, opens update mode
   * for that Item instead (with `addProducts`, to consent to or add products).
   */
  async open(
    itemId?: string,
    chosen: readonly string[] = [],
    addProducts?: LinkProductLists,
    userToken?: string,
  ): Promise<LinkOutcome> {
    const presenter = this.requirePresenter();
    if (itemId) return this.update(presenter, itemId, addProducts, userToken);
    const lists = newItemProductLists(chosen);
    const asked = askedProducts(lists);
    const { link_token: linkToken } = await this.ctx.plaid.linkTokenCreate({
      clientUserId: this.ctx.ledgerId,
      products: lists,
    });
    const result = await this.present(presenter, linkToken);
    if (!('kind' in result)) return result;
    const duplicate = this.duplicateOf(result.metadata);
    if (duplicate) {
      const pendingId = newSessionId();
      this.prunePending();
      this.pending.set(pendingId, {
        publicToken: result.publicToken,
        asked,
        institution: result.metadata.institution,
        expiresAt: this.now() + PENDING_LINK_TTL_MS,
      });
      this.ctx.log.info('link looks like a duplicate; asking the user', {
        institutionId: result.metadata.institution?.institution_id ?? null,
        existingItemId: duplicate.existingItemId,
        matches: duplicate.matches.length,
      });
      return { status: 'duplicate', pendingId, ...duplicate };
    }
    return this.finish(result.publicToken, result.metadata.institution, asked);
  }

  private duplicateOf(metadata: Success['metadata']) {
    const institution = metadata.institution;
    if (!institution) return null;
    const found = findDuplicate(this.ctx.ledger, institution.institution_id, metadata.accounts);
    return found ? { institutionName: institution.name, ...found } : null;
  }

  private prunePending(): void {
    const now = this.now();
    for (const [id, held] of this.pending) if (held.expiresAt <= now) this.pending.delete(id);
  }

  /** The user's answer to a 'duplicate' outcome: link the second Item anyway, or drop it (nothing was created). */
  async confirm(pendingId: string, proceed: boolean): Promise<LinkOutcome> {
    this.prunePending();
    const held = this.pending.get(pendingId);
    this.pending.delete(pendingId);
    if (!held) {
      throw new AppError(
        'LINK_EXPIRED',
        'This link attempt has expired or was already answered; link the bank again.',
      );
    }
    if (!proceed) {
      this.ctx.log.info('duplicate link dropped by the user');
      return { status: 'exited', error: null };
    }
    return this.finish(held.publicToken, held.institution, held.asked);
  }

  /**
   * Update mode: Link with the Item's own access token and no products. On success nothing is
   * exchanged (the token stays the same); the Item's state clears and a sync catches it up.
   */
  private async update(
    presenter: LinkPresenter,
    itemId: string,
    addProducts?: LinkProductLists,
    userToken?: string,
  ): Promise<LinkOutcome> {
    const { ctx } = this;
    const item = getItem(ctx.ledger, itemId);
    const life = lifecycleRow(ctx.ledger, itemId);
    if (!item || !life) throw new AppError('NOT_FOUND', `No Item with id ${itemId} in this ledger.`);
    if (life.removedAt)
      throw new AppError('ITEM_REMOVED', 'This bank connection was removed; link the bank again instead.');
    const accessToken = await ctx.secrets.get(itemTokenPurpose(itemId));
    if (!accessToken) {
      throw new AppError(
        'ACCESS_TOKEN_MISSING',
        'The keychain holds no access token for this bank connection; remove it and link the bank again.',
      );
    }
    ctx.redactor.add(accessToken);
    ctx.plaid.bindInstitution(accessToken, item.institutionId);
    const { link_token: linkToken } = await ctx.plaid.linkTokenCreate({
      clientUserId: ctx.ledgerId,
      accessToken,
      accountSelection: life.newAccountsAvailable,
      products: addProducts,
      userToken,
    });
    ctx.log.info('update mode opened', { itemId, accountSelection: life.newAccountsAvailable });
    const result = await this.present(presenter, linkToken);
    if (!('kind' in result)) return result;
    this.lifecycle?.updateSucceeded(itemId);
    await this.refreshProducts(itemId, accessToken, addProducts ? askedProducts(addProducts) : []);
    const [sync] = await this.sync.run(itemId);
    return { status: 'updated', itemId, institutionName: item.institutionName, sync: sync ?? null };
  }

  /** Demo and sandbox: an Item without the Link UI, as Plaid recommends for automation. */
  async sandboxItem(
    institutionId: string,
    chosen: readonly string[] = [],
  ): Promise<Extract<LinkOutcome, { status: 'linked' }>> {
    if (this.ctx.environment === 'production') {
      throw new AppError(
        'SANDBOX_ONLY',
        'Linking without Plaid Link works only in demo and sandbox; in production, link through the app.',
      );
    }
    const lists = newItemProductLists(chosen);
    // The sandbox shortcut has no optional lists: the Item gets every chosen product or fails.
    const initial = [...lists.products, ...lists.optional, ...lists.consentOnly];
    const { public_token: publicToken } = await this.ctx.plaid.sandboxPublicTokenCreate(
      institutionId,
      initial,
    );
    return this.finish(publicToken, { institution_id: institutionId, name: null }, initial);
  }

  /** The Item's product statuses from /item/get; a failure leaves them for the next call to set. */
  private async refreshProducts(
    itemId: string,
    accessToken: string,
    asked: readonly string[],
  ): Promise<void> {
    try {
      const { item } = await this.ctx.plaid.itemGet(accessToken);
      this.ctx.ledger.write(() => applyItemProducts(this.ctx.ledger, itemId, item, asked));
    } catch (error) {
      this.ctx.log.warn('item/get failed; product statuses unchanged', {
        itemId,
        code: toAppError(error).code,
      });
    }
  }

  private async finish(
    publicToken: string,
    hint: { institution_id: string; name: string | null } | null,
    asked: readonly string[],
  ): Promise<Extract<LinkOutcome, { status: 'linked' }>> {
    const { ctx } = this;
    // Take the writer lock before the exchange: a busy ledger must fail before an Item exists.
    return ctx.lock.with(async () => {
      const exchange = await ctx.plaid.exchangePublicToken(publicToken);
      const { access_token: accessToken, item_id: itemId } = exchange;
      ctx.redactor.add(accessToken);
      ctx.plaid.bindInstitution(accessToken, hint?.institution_id ?? null);
      try {
        await ctx.secrets.set(itemTokenPurpose(itemId), accessToken);
      } catch (error) {
        ctx.log.error('could not store the access token; removing the new Item', {
          itemId,
          message: toAppError(error).message,
        });
        await ctx.plaid.itemRemove(accessToken).catch(() => undefined);
        throw new AppError(
          'KEYCHAIN_WRITE_FAILED',
          'Coffer could not save the bank connection in the keychain, so it was not kept. Unlock the keychain and link again.',
        );
      }

      let institutionId = hint?.institution_id ?? null;
      let institutionName = hint?.name ?? null;
      let products: ItemProductsView = { products: asked };
      try {
        const item = await ctx.plaid.itemGet(accessToken);
        institutionId = item.item.institution_id ?? institutionId;
        products = item.item;
      } catch (error) {
        ctx.log.warn('item/get failed after linking', { itemId, code: toAppError(error).code });
      }
      if (institutionId) {
        try {
          institutionName = await ctx.plaid.institutionName(institutionId);
        } catch (error) {
          ctx.log.warn('institution lookup failed', { itemId, code: toAppError(error).code });
        }
      }
      const name = institutionName ?? 'Unknown institution';
      ctx.ledger.write(() => {
        insertItem(ctx.ledger, { itemId, institutionId, institutionName: name });
        applyItemProducts(ctx.ledger, itemId, products, asked);
      });
      try {
        const accounts = (await ctx.plaid.accountsGet(accessToken)).map((a) => toAccountRecord(a, itemId));
        ctx.ledger.write(() => upsertAccounts(ctx.ledger, accounts));
      } catch (error) {
        // The first sync fetches accounts again; the Item is linked either way.
        ctx.log.warn('accounts/get failed after linking', { itemId, code: toAppError(error).code });
      }
      ctx.log.info('item linked', { itemId, institutionId });
      ctx.emit('ledger.changed', { reason: 'link' });
      const sync = await this.sync.syncItem(itemId);
      return {
        status: 'linked',
        itemId,
        institutionName: name,
        accounts: accountIds(ctx.ledger, itemId).size,
        sync,
      };
    });
  }
}
