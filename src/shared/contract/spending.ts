/** The spending charts: month × category, and income against expenses. */
import { z } from 'zod';
import { CategoryId } from './categories';
import { Currency, Id, Minor, YearMonth } from './primitives';

/** One cell of the spending chart: a month × category × currency. */
export const SpendingCell = z.object({
  month: YearMonth,
  currency: Currency,
  category: CategoryId,
  categoryName: z.string(),
  /** Net money out (refunds subtracted); may be negative in a month of more refunds than purchases. */
  amountMinor: Minor,
  /** The part of amountMinor still pending. */
  pendingMinor: Minor,
  count: z.number().int().nonnegative(),
});
export type SpendingCell = z.infer<typeof SpendingCell>;

export const IncomeExpenseMonth = z.object({
  month: YearMonth,
  currency: Currency,
  /** Money in on income-side categories, as a positive number. */
  incomeMinor: Minor,
  /** Spending (as in SpendingCell), positive = money out. */
  expensesMinor: Minor,
  pendingMinor: Minor,
});
export type IncomeExpenseMonth = z.infer<typeof IncomeExpenseMonth>;

const SpendingRequest = z
  .object({
    from: YearMonth,
    to: YearMonth,
    currency: Currency.optional(),
    accountIds: z.array(Id).max(200).optional(),
  })
  .strict();

export const spendingCalls = {
  /** The stacked chart: month × category (primary groups) × currency. See ARCHITECTURE.md "Spending". */
  'spending.byCategory': {
    req: SpendingRequest.extend({
      /** 'group' (default) = PFC primary / user category; 'category' = the detailed category. */
      level: z.enum(['group', 'category']).default('group'),
    }).strict(),
    res: z.object({ cells: z.array(SpendingCell) }),
  },
  'spending.incomeVsExpenses': {
    req: SpendingRequest,
    res: z.object({ months: z.array(IncomeExpenseMonth) }),
  },
} as const;
