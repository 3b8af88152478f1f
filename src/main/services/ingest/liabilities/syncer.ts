/**
 * The Liabilities syncer: /liabilities/get kept raw and processed into `liabilities` rows. The sync
 * runner's product gate (items/product-status) runs it only for Items that have the product or
 * consented to it, so it asks Plaid nothing else.
 */
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

export const liabilitiesSyncer = liabilitiesSnapshot;
