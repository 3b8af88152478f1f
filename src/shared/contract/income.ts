/**
 * Bank income (issue 16): the income Plaid finds in the deposits of the Items linked for the
 * ledger's Plaid user (/credit/bank_income/get), by source. The user_token stays in the keychain.
 */
import { z } from 'zod';
import { Currency, Id, IsoDate, IsoDateTime, Minor } from './primitives';

export const IncomeMonth = z.object({
  startDate: IsoDate,
  endDate: IsoDate,
  amountMinor: Minor,
  currency: Currency,
});

export const IncomeSource = z.object({
  sourceId: z.string(),
  itemId: z.string(),
  institutionName: z.string(),
  accountName: z.string().nullable(),
  description: z.string(),
  /** Plaid's income_category: SALARY, BANK_INTEREST, … */
  category: z.string(),
  /** Plaid's pay_frequency: WEEKLY, BIWEEKLY, SEMI_MONTHLY, MONTHLY, UNKNOWN. */
  payFrequency: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  totalMinor: Minor,
  currency: Currency,
  transactionCount: z.number().int(),
  /** Income per month, newest first. */
  history: z.array(IncomeMonth),
});
export type IncomeSource = z.infer<typeof IncomeSource>;

export const BankIncome = z.object({
  generatedAt: IsoDateTime,
  daysRequested: z.number().int(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  /** One total per currency: amounts in different currencies are never added. */
  totals: z.array(z.object({ currency: Currency, amountMinor: Minor })),
  sources: z.array(IncomeSource),
});
export type BankIncome = z.infer<typeof BankIncome>;

export const incomeCalls = {
  /** Null report: no Item is linked for income yet (add Income to a bank first). */
  'income.get': {
    req: z.object({}).strict(),
    res: z.object({ report: BankIncome.nullable(), itemIds: z.array(Id) }),
  },
} as const;
