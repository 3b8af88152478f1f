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
});
export type Item = z.infer<typeof Item>;

export const itemCalls = {
  'items.list': { req: Empty, res: z.object({ items: z.array(Item) }) },
  'items.remove': {
    req: z.object({ itemId: Id, keepHistory: z.boolean() }).strict(),
    res: z.object({ itemId: Id, keptHistory: z.boolean() }),
  },
} as const;
