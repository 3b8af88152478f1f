/**
 * Adding a product to an Item later (issue 12). A product the user already consented to is added
 * by calling its endpoint (its syncer's first run); one without consent goes through Link's update
 * mode first (`additional_consented_products`, or `products` for Assets and Income). The user is
 * told which before anything starts (`items.productPath`); nothing is exchanged again, since update
 * mode keeps the Item's token.
 */
import type { AddProductPath, CallResponse, ItemProduct } from '../../../shared/api';
import type { CoreContext } from '../context';
import { AppError, toAppError } from '../errors';
import type { SyncRunner } from '../ingest/runner';
import { itemTokenPurpose } from '../secrets/store';
import type { LinkFlow } from './link';
import { addedOnlyThroughLink, cofferProductName, updateModeProductLists } from './link-products';
import { lifecycleRow } from './lifecycle-store';
import { applyItemProducts, productState, recordProductOutcome } from './product-status';
import { getItem } from './store';

const LABEL: Record<ItemProduct, string> = {
  transactions: 'Transactions',
  investments: 'Investments',
  liabilities: 'Liabilities',
  auth: 'Auth',
  identity: 'Identity',
  assets: 'Assets',
  income: 'Income',
};

export interface ProductPlan {
  path: AddProductPath;
  message: string;
}

export class ProductAdder {
  constructor(
    private readonly ctx: CoreContext,
    private readonly sync: SyncRunner,
    private readonly link: LinkFlow,
    /** Bank income's Link needs the ledger's Plaid user (services/income). */
    private readonly incomeUserToken: (() => Promise<string>) | null = null,
  ) {}

  /** The Item's access token, after checking it is still connected; registered with the log redactor. */
  async token(itemId: string): Promise<{ accessToken: string; institutionName: string }> {
    const { ctx } = this;
    const item = getItem(ctx.ledger, itemId);
    if (!item) throw new AppError('NOT_FOUND', `No Item with id ${itemId} in this ledger.`);
    if (lifecycleRow(ctx.ledger, itemId)?.removedAt)
      throw new AppError('ITEM_REMOVED', 'This bank connection was removed; link the bank again instead.');
    const accessToken = await ctx.secrets.get(itemTokenPurpose(itemId));
    if (!accessToken)
      throw new AppError(
        'ACCESS_TOKEN_MISSING',
        'The keychain holds no access token for this bank connection; remove it and link the bank again.',
      );
    ctx.redactor.add(accessToken);
    ctx.plaid.bindInstitution(accessToken, item.institutionId);
    return { accessToken, institutionName: item.institutionName };
  }

  /** Which way the product would be added, read from /item/get; its statuses are refreshed too. */
  async plan(itemId: string, product: ItemProduct): Promise<ProductPlan> {
    const { accessToken, institutionName } = await this.token(itemId);
    const { item } = await this.ctx.plaid.itemGet(accessToken);
    this.ctx.ledger.write(() => applyItemProducts(this.ctx.ledger, itemId, item, [product]));
    const name = LABEL[product];
    const billed = `Plaid bills ${name} to your own Plaid account.`;
    const has = (list: readonly string[] | null | undefined) =>
      (list ?? []).some((p) => cofferProductName(p) === product);
    // Assets and Income join an Item only through update mode, whatever the user consented to.
    const consented = !addedOnlyThroughLink(product) && has(item.consented_products);
    if (has(item.products) || consented)
      return {
        path: 'call',
        message: `You already agreed to share ${name} from ${institutionName}: Coffer asks Plaid for it now, without Plaid Link. ${billed}`,
      };
    if (has(item.available_products))
      return {
        path: 'update_mode',
        message: `${name} needs your consent: Plaid Link opens for ${institutionName} so you can agree to share it. The connection stays as it is. ${billed}`,
      };
    return {
      path: 'unavailable',
      message: `${institutionName} cannot provide ${name} for the accounts of this connection.`,
    };
  }

  async add(itemId: string, product: ItemProduct): Promise<CallResponse<'items.addProduct'>> {
    const { path } = await this.plan(itemId, product);
    if (path === 'unavailable')
      return { path, linkStatus: null, product: productState(this.ctx.ledger, itemId, product) };
    let linkStatus: 'updated' | 'exited' | null = null;
    if (path === 'update_mode') {
      const userToken =
        product === 'income' && this.incomeUserToken ? await this.incomeUserToken() : undefined;
      const outcome = await this.link.open(itemId, [], updateModeProductLists(product), userToken);
      linkStatus = outcome.status === 'updated' ? 'updated' : 'exited';
      if (linkStatus === 'exited')
        return { path, linkStatus, product: productState(this.ctx.ledger, itemId, product) };
    }
    await this.callProduct(itemId, product);
    return { path, linkStatus, product: productState(this.ctx.ledger, itemId, product) };
  }

  /** The product's first call: its syncer when Coffer syncs it, else its endpoint once. */
  private async callProduct(itemId: string, product: ItemProduct): Promise<void> {
    const { ctx } = this;
    if (this.sync.syncsProduct(product)) {
      await this.sync.run(itemId);
      return;
    }
    const { accessToken } = await this.token(itemId);
    const call = ctx.plaid.productCall(product, accessToken);
    if (!call) return;
    let failure: AppError | null = null;
    try {
      await call();
    } catch (error) {
      failure = toAppError(error);
    }
    ctx.ledger.write(() => recordProductOutcome(ctx.ledger, itemId, product, failure));
    ctx.emit('ledger.changed', { reason: 'product' });
  }
}
