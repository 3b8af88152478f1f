/** Syncing Items with Plaid, and what one sync of one Item did. */
import { z } from 'zod';
import { PlaidErrorShape } from '../plaid-error';
import { Id } from './primitives';

export const SyncResult = z.object({
  itemId: Id,
  status: z.enum(['ok', 'error', 'skipped']),
  added: z.number().int().nonnegative(),
  modified: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  error: PlaidErrorShape.nullable(),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const syncCalls = {
  'sync.run': {
    req: z.object({ itemId: Id.nullable().default(null) }).strict(),
    res: z.object({ results: z.array(SyncResult) }),
  },
} as const;
