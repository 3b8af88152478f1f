/**
 * The product syncers an Item sync runs, in order. A new Plaid product lands as one folder under
 * ingest/ and one line in defaultSyncers, without touching the transactions syncer.
 */
import { balancesSyncer, type BalanceClock } from './balances/syncer';
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

/** `clock` dates the balance snapshots (the core's clock, faked in tests). */
export function defaultSyncers(clock?: BalanceClock): SyncerRegistry {
  return new SyncerRegistry([
    transactionsSyncer,
    investmentsSyncer,
    liabilitiesSyncer,
    balancesSyncer(clock),
  ]);
}
