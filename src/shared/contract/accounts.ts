/** The accounts of every Item, with their balances. */
import { z } from 'zod';
import { Currency, Empty, Id, Minor } from './primitives';

export const Account = z.object({
  id: Id,
  itemId: Id,
  institutionName: z.string(),
  name: z.string(),
  officialName: z.string().nullable(),
  mask: z.string().nullable(),
  type: z.string(),
  subtype: z.string().nullable(),
  currency: Currency,
  currentMinor: Minor.nullable(),
  availableMinor: Minor.nullable(),
  limitMinor: Minor.nullable(),
  /** The bank dropped it or the user de-selected it in update mode; its history is kept. */
  archived: z.boolean().default(false),
});
export type Account = z.infer<typeof Account>;

export const accountCalls = {
  'accounts.list': { req: Empty, res: z.object({ accounts: z.array(Account) }) },
} as const;
