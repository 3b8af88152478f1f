/**
 * The product syncers an Item sync runs, in order. A new Plaid product lands as one folder under
 * ingest/ and one line in defaultSyncers, without touching the transactions syncer.
 */
import { portfolioValueSource } from '../portfolio/value-source';
import { loanEstimateSource } from '../net-worth/loan-estimate';
import type { AccountValueSource } from '../net-worth/value-source';
import { balancesSyncer } from './balances/syncer';
import type { ProductSyncer } from './syncer';
import { investmentsSyncer } from './investments/syncer';
import { liabilitiesSyncer } from './liabilities/syncer';
import { transactionsSyncer } from './transactions/syncer';

export class SyncerRegistry {
  private readonly byProduct = new Map<string, ProductSyncer>();

  constructor(syncers: readonly ProductSyncer[] = []) {
    for (const syncer of syncers) this.register(syncer);
  }

  register(syncer: ProductSyncer): void {
    if (this.byProduct.has(syncer.product)) throw new Error(`Two syncers for the product ${syncer.product}.`);
    this.byProduct.set(syncer.product, syncer);
  }

  get(product: string): ProductSyncer | null {
    return this.byProduct.get(product) ?? null;
  }

  /** In registration order. */
  all(): ProductSyncer[] {
    return [...this.byProduct.values()];
  }
}

/**
 * Where accounts' values before their first balance snapshot come from: the portfolio for
 * investment accounts, the amortisation for loans.
 */
export const valueSources: readonly AccountValueSource[] = [portfolioValueSource, loanEstimateSource];

/** `now` dates the balance snapshots (the core's clock, faked in tests). */
export function defaultSyncers(now: () => number = Date.now): SyncerRegistry {
  // Balances come last: investment accounts' values before their first snapshot are the portfolio's.
  return new SyncerRegistry([
    transactionsSyncer,
    investmentsSyncer,
    liabilitiesSyncer,
    balancesSyncer({ now, sources: valueSources }),
  ]);
}
