/** Recurring streams (subscriptions, salaries) as Plaid detected them. */
import { z } from 'zod';
import { CategoryId } from './categories';
import { Currency, Id, IsoDate, IsoDateTime, Minor } from './primitives';

export const RecurringStream = z.object({
  id: Id,
  itemId: Id,
  accountId: Id,
  direction: z.enum(['inflow', 'outflow']),
  description: z.string(),
  merchantName: z.string().nullable(),
  category: CategoryId.nullable(),
  categoryName: z.string().nullable(),
  /** Plaid's frequency: WEEKLY, BIWEEKLY, SEMI_MONTHLY, MONTHLY, ANNUALLY or UNKNOWN. */
  frequency: z.string(),
  /** Plaid's sign (inflows negative), minor units. */
  averageAmountMinor: Minor,
  lastAmountMinor: Minor,
  currency: Currency,
  firstDate: IsoDate,
  lastDate: IsoDate,
  predictedNextDate: IsoDate.nullable(),
  /** Plaid's status: MATURE, EARLY_DETECTION, TOMBSTONED or UNKNOWN. */
  status: z.string(),
  isActive: z.boolean(),
  transactionIds: z.array(Id),
});
export type RecurringStream = z.infer<typeof RecurringStream>;

export const recurringCalls = {
  /** Streams from /transactions/recurring/get, as of the last sync (works offline). */
  'recurring.list': {
    req: z.object({ accountId: Id.nullable().default(null) }).strict(),
    res: z.object({ streams: z.array(RecurringStream), updatedAt: IsoDateTime.nullable() }),
  },
} as const;
