/** Categories: Plaid's taxonomy plus the user's own. */
import { z } from 'zod';
import { Empty } from './primitives';

/**
 * Category ids: Plaid's personal_finance_category codes as they are (primary `FOOD_AND_DRINK`,
 * detailed `FOOD_AND_DRINK_COFFEE`), and the user's own as `user:<slug>`.
 */
export const CategoryId = z.string().min(1).max(128);
/** The category id filters and spending use for rows without any category. */
export const UNCATEGORIZED = 'UNCATEGORIZED';

export const Category = z.object({
  id: CategoryId,
  name: z.string(),
  kind: z.enum(['primary', 'detailed', 'user']),
  /** The top-level group: a detailed category's primary; a primary's or a user category's own id. */
  group: CategoryId,
  /** Where its money counts: spending (refunds net against it), income, or transfer (never counted). */
  side: z.enum(['spending', 'income', 'transfer']),
  description: z.string().nullable(),
});
export type Category = z.infer<typeof Category>;

export const categoryCalls = {
  'categories.list': { req: Empty, res: z.object({ categories: z.array(Category) }) },
  'categories.create': {
    req: z
      .object({
        name: z.string().trim().min(1).max(80),
        /** A PFC primary to count under (e.g. INCOME puts it on the income side); default: its own group. */
        group: CategoryId.nullable().default(null),
      })
      .strict(),
    res: Category,
  },
} as const;
