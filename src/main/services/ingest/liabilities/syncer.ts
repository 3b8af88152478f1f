/**
 * The Liabilities syncer: /liabilities/get kept raw and processed into `liabilities` rows, for
 * Items that have the product. Calling /liabilities/get on an Item without it would add the product
 * (and its billing) at Plaid, so the Item's products are asked first.
 */
import type { ProductSyncer, SyncOutcome } from '../syncer';
import { snapshotSyncer, type SnapshotProduct } from '../syncer';
import { parseLiabilitiesAnswer, type PlaidLiabilitiesAnswer } from './plaid-liabilities';
import { processLiabilities } from './process';

export const LIABILITIES = 'liabilities';

const liabilitiesProduct: SnapshotProduct<PlaidLiabilitiesAnswer> = {
  product: LIABILITIES,
  async fetch(job) {
    return parseLiabilitiesAnswer(await job.plaid.liabilitiesGet(job.accessToken));
  },
  parse: parseLiabilitiesAnswer,
  process: processLiabilities,
};

export const liabilitiesSnapshot = snapshotSyncer(liabilitiesProduct);

const NOTHING: SyncOutcome = { pages: 0, added: 0, modified: 0, removed: 0, restarts: 0 };

export const liabilitiesSyncer: ProductSyncer = {
  product: LIABILITIES,
  async sync(job) {
    const { item } = await job.plaid.itemGet(job.accessToken);
    const products = new Set<string>([...(item.products ?? []), ...(item.billed_products ?? [])]);
    if (!products.has(LIABILITIES)) return NOTHING;
    return liabilitiesSnapshot.sync(job);
  },
};
