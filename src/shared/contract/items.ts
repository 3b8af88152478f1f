/** Items (one per institution login) and their lifecycle: health, remedy, removal. */
import { z } from 'zod';
import { PlaidErrorShape } from '../plaid-error';
import { Empty, Id, IsoDateTime } from './primitives';

export const ItemStatus = z.enum(['ok', 'syncing', 'error']);

/** What the Item needs, whatever the last sync did (see src/main/services/lifecycle). */
export const ItemHealth = z.enum([
  'ok',
  'login_required',
  'pending_expiration',
  'pending_disconnect',
  'permission_revoked',
  'institution_down',
  'error',
]);
export type ItemHealth = z.infer<typeof ItemHealth>;
/** The one action the Item's banner offers. */
export const ItemRemedy = z.enum(['reconnect', 'add_accounts', 'remove', 'retry']);
export type ItemRemedy = z.infer<typeof ItemRemedy>;
/** Shown only where Plaid reports the institution degraded or down. */
export const InstitutionHealth = z.object({
  state: z.enum(['degraded', 'down']),
  message: z.string(),
});
export type InstitutionHealth = z.infer<typeof InstitutionHealth>;

/** The products a user may choose for an Item: data Coffer syncs, and on-demand ones. */
export const ItemProduct = z.enum([
  'transactions',
  'investments',
  'liabilities',
  'auth',
  'identity',
  'assets',
  'income',
]);
export type ItemProduct = z.infer<typeof ItemProduct>;
/** Where one product of an Item stands; never the Item's health, which is about the connection. */
export const ProductStatus = z.enum([
  'ready',
  'not_supported',
  'no_accounts',
  'needs_consent',
  'not_ready',
  'failed',
]);
export type ProductStatus = z.infer<typeof ProductStatus>;
export const ProductState = z.object({
  product: ItemProduct,
  status: ProductStatus,
  /** Plaid's error when a call decided the status ('failed' shows its display_message). */
  error: PlaidErrorShape.nullable(),
  updatedAt: IsoDateTime,
});
export type ProductState = z.infer<typeof ProductState>;
/** How a product is added to an Item: its endpoint called now, or Link's update mode for consent first. */
export const AddProductPath = z.enum(['call', 'update_mode', 'unavailable']);
export type AddProductPath = z.infer<typeof AddProductPath>;

export const Item = z.object({
  id: Id,
  institutionId: z.string().nullable(),
  institutionName: z.string(),
  status: ItemStatus,
  lastSyncedAt: IsoDateTime.nullable(),
  error: PlaidErrorShape.nullable(),
  /** False where the token lives only in memory (demo without a keychain): the Item will not survive a restart. */
  persistent: z.boolean(),
  // Lifecycle fields: their defaults keep older producers valid.
  health: ItemHealth.default('ok'),
  /** When the Item left 'ok'. */
  healthSince: IsoDateTime.nullable().default(null),
  /** The banner's sentence: Plaid's display_message when it gave one, a plain sentence otherwise. */
  healthMessage: z.string().nullable().default(null),
  remedy: ItemRemedy.nullable().default(null),
  /** In error for 7 days or more: the Item is no longer refreshing. */
  noLongerRefreshing: z.boolean().default(false),
  newAccountsAvailable: z.boolean().default(false),
  /** Removed at Plaid with its history kept: shown, never synced. */
  removedAt: IsoDateTime.nullable().default(null),
  institutionStatus: InstitutionHealth.nullable().default(null),
  products: z.array(ProductState).default([]),
});
export type Item = z.infer<typeof Item>;

export const itemCalls = {
  'items.list': { req: Empty, res: z.object({ items: z.array(Item) }) },
  'items.remove': {
    req: z.object({ itemId: Id, keepHistory: z.boolean() }).strict(),
    res: z.object({ itemId: Id, keptHistory: z.boolean() }),
  },
  /** Which way a product would be added, in a sentence for the user, before anything starts. */
  'items.productPath': {
    req: z.object({ itemId: Id, product: ItemProduct }).strict(),
    res: z.object({ path: AddProductPath, message: z.string() }),
  },
  /** Adds a product: calls its endpoint when consented, otherwise opens update mode for consent first. */
  'items.addProduct': {
    req: z.object({ itemId: Id, product: ItemProduct }).strict(),
    res: z.object({
      path: AddProductPath,
      /** Update mode's outcome, when it was opened; null for a direct call. */
      linkStatus: z.enum(['updated', 'exited']).nullable(),
      product: ProductState.nullable(),
    }),
  },
} as const;
