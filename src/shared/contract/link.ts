/** Plaid Link: linking a new Item, update mode for an existing one, and duplicate detection. */
import { z } from 'zod';
import { PlaidErrorShape } from '../plaid-error';
import { ItemProduct } from './items';
import { Id } from './primitives';
import { SyncResult } from './sync';

export const LinkOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('linked'),
    itemId: Id,
    institutionName: z.string(),
    accounts: z.number().int().nonnegative(),
    sync: SyncResult.nullable(),
  }),
  z.object({ status: z.literal('exited'), error: PlaidErrorShape.nullable() }),
  // Update mode repaired an existing Item (no exchange: its token did not change).
  z.object({
    status: z.literal('updated'),
    itemId: Id,
    institutionName: z.string(),
    sync: SyncResult.nullable(),
  }),
  // These accounts are linked already; nothing is created until `link.confirm`.
  z.object({
    status: z.literal('duplicate'),
    pendingId: z.string().min(16).max(128),
    institutionName: z.string(),
    existingItemId: Id,
    matches: z.array(z.object({ name: z.string(), mask: z.string().nullable() })),
  }),
]);
export type LinkOutcome = z.infer<typeof LinkOutcome>;

export const linkCalls = {
  'link.open': {
    /** With itemId: update mode for that Item (reconnect, or add accounts after NEW_ACCOUNTS_AVAILABLE). */
    req: z
      .object({
        itemId: Id.optional(),
        /** A new Item's products besides transactions, which every Item gets. */
        products: z.array(ItemProduct).max(7).optional(),
      })
      .strict(),
    res: LinkOutcome,
  },
  /** Answers a 'duplicate' outcome: proceed exchanges the held public token, otherwise it is dropped. */
  'link.confirm': {
    req: z.object({ pendingId: z.string().min(16).max(128), proceed: z.boolean() }).strict(),
    res: LinkOutcome,
  },
} as const;
