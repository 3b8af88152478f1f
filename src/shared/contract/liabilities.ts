/**
 * Liabilities (issue 14): what is owed and when, from /liabilities/get; the upcoming payments and
 * the reminders derived from it; the payoff planner.
 */
import { z } from 'zod';
import { Currency, Id, IsoDate, IsoDateTime, Minor, YearMonth } from './primitives';

export const LiabilityKind = z.enum(['credit', 'student', 'mortgage']);
export type LiabilityKind = z.infer<typeof LiabilityKind>;

export const Apr = z.object({
  /** Plaid's apr_type: purchase_apr, cash_apr, balance_transfer_apr or special. */
  type: z.string(),
  percentage: z.number(),
  balanceSubjectMinor: Minor.nullable(),
  interestChargeMinor: Minor.nullable(),
});
export type Apr = z.infer<typeof Apr>;

export const CreditDetail = z.object({ kind: z.literal('credit'), aprs: z.array(Apr) });

export const StudentDetail = z.object({
  kind: z.literal('student'),
  loanName: z.string().nullable(),
  guarantor: z.string().nullable(),
  servicerAddress: z.string().nullable(),
  repaymentPlan: z.string().nullable(),
  repaymentStatus: z.string().nullable(),
  repaymentStatusEndDate: IsoDate.nullable(),
  interestRatePercentage: z.number(),
  outstandingInterestMinor: Minor.nullable(),
  expectedPayoffDate: IsoDate.nullable(),
  ytdInterestMinor: Minor.nullable(),
  ytdPrincipalMinor: Minor.nullable(),
  originationDate: IsoDate.nullable(),
  originationPrincipalMinor: Minor.nullable(),
});

export const MortgageDetail = z.object({
  kind: z.literal('mortgage'),
  rateType: z.string().nullable(),
  ratePercentage: z.number().nullable(),
  nextMonthlyPaymentMinor: Minor.nullable(),
  escrowBalanceMinor: Minor.nullable(),
  ytdInterestMinor: Minor.nullable(),
  ytdPrincipalMinor: Minor.nullable(),
  maturityDate: IsoDate.nullable(),
  pastDueMinor: Minor.nullable(),
  currentLateFeeMinor: Minor.nullable(),
  loanTerm: z.string().nullable(),
  loanTypeDescription: z.string().nullable(),
  originationDate: IsoDate.nullable(),
  originationPrincipalMinor: Minor.nullable(),
  propertyAddress: z.string().nullable(),
  hasPmi: z.boolean().nullable(),
  hasPrepaymentPenalty: z.boolean().nullable(),
});

export const LiabilityDetail = z.discriminatedUnion('kind', [CreditDetail, StudentDetail, MortgageDetail]);
export type LiabilityDetail = z.infer<typeof LiabilityDetail>;

export const Liability = z.object({
  accountId: Id,
  itemId: Id,
  institutionName: z.string(),
  accountName: z.string(),
  mask: z.string().nullable(),
  kind: LiabilityKind,
  currency: Currency,
  /** The account's current balance as last synced: what is owed. */
  balanceMinor: Minor.nullable(),
  nextPaymentDueDate: IsoDate.nullable(),
  /** The minimum payment (cards, student loans) or the next monthly payment (mortgages). */
  amountDueMinor: Minor.nullable(),
  lastStatementBalanceMinor: Minor.nullable(),
  lastStatementIssueDate: IsoDate.nullable(),
  lastPaymentDate: IsoDate.nullable(),
  lastPaymentMinor: Minor.nullable(),
  isOverdue: z.boolean().nullable(),
  detail: LiabilityDetail,
  updatedAt: IsoDateTime,
});
export type Liability = z.infer<typeof Liability>;

export const PaymentState = z.enum(['paid', 'overdue', 'due-soon', 'upcoming']);
export type PaymentState = z.infer<typeof PaymentState>;

export const UpcomingPayment = z.object({
  accountId: Id,
  itemId: Id,
  institutionName: z.string(),
  accountName: z.string(),
  kind: LiabilityKind,
  currency: Currency,
  dueDate: IsoDate,
  /** Negative once the due date has passed. */
  daysUntilDue: z.number().int(),
  /** As Plaid reports it. */
  amountDueMinor: Minor.nullable(),
  statementBalanceMinor: Minor.nullable(),
  /** Payments posted to the account since the statement date (or since the last cycle began). */
  paidSinceStatementMinor: Minor,
  /** The statement balance less those payments, never below zero. */
  remainingStatementMinor: Minor.nullable(),
  state: PaymentState,
});
export type UpcomingPayment = z.infer<typeof UpcomingPayment>;

export const Reminder = z.object({
  /** Stable per due date and threshold, so a deliverer shows each one once. */
  id: z.string(),
  accountId: Id,
  accountName: z.string(),
  institutionName: z.string(),
  kind: LiabilityKind,
  currency: Currency,
  dueDate: IsoDate,
  daysUntilDue: z.number().int(),
  /** The configured threshold this reminder is for (7, 3 or 1 by default). */
  daysBefore: z.number().int(),
  amountDueMinor: Minor.nullable(),
  remainingStatementMinor: Minor.nullable(),
});
export type Reminder = z.infer<typeof Reminder>;

export const DEFAULT_REMINDER_DAYS = [7, 3, 1] as const;
const ReminderDays = z
  .array(z.number().int().min(0).max(60))
  .min(1)
  .max(10)
  .default([...DEFAULT_REMINDER_DAYS]);

export const PromotionalRate = z.object({
  accountId: Id,
  /** The APR bucket it applies to (a card's apr_type; `loan` for a loan's one rate). */
  aprType: z.string().min(1).max(64),
  percentage: z.number().min(0).max(100),
  /** The first day the regular rate applies again (Plaid's APRs carry no end date: the user enters it). */
  endDate: IsoDate,
});
export type PromotionalRate = z.infer<typeof PromotionalRate>;

export const PayoffStrategy = z.enum(['avalanche', 'snowball']);
export type PayoffStrategy = z.infer<typeof PayoffStrategy>;

export const PayoffMonth = z.object({
  month: YearMonth,
  paymentMinor: Minor,
  interestMinor: Minor,
  /** Everything still owed at the end of the month. */
  balanceMinor: Minor,
  perDebt: z.array(
    z.object({ accountId: Id, paymentMinor: Minor, interestMinor: Minor, balanceMinor: Minor }),
  ),
});
export type PayoffMonth = z.infer<typeof PayoffMonth>;

export const PayoffPlan = z.object({
  strategy: PayoffStrategy,
  /** Debts in the order the strategy sends extra money to them. */
  order: z.array(Id),
  totalInterestMinor: Minor,
  totalPaidMinor: Minor,
  /** The month the last balance reaches zero; null when the budget never pays it all (50 years). */
  payoffMonth: YearMonth.nullable(),
  months: z.array(PayoffMonth),
});
export type PayoffPlan = z.infer<typeof PayoffPlan>;

export const PayoffDebt = z.object({
  accountId: Id,
  name: z.string(),
  minimumMinor: Minor,
  buckets: z.array(z.object({ aprType: z.string(), percentage: z.number(), balanceMinor: Minor })),
});
export type PayoffDebt = z.infer<typeof PayoffDebt>;

export const liabilityCalls = {
  /** Every liability as the last sync of /liabilities/get reported it (works offline). */
  'liabilities.list': { req: z.object({}).strict(), res: z.object({ liabilities: z.array(Liability) }) },
  /** Every due date in order, with its state as of today. */
  'liabilities.upcoming': {
    req: z.object({ reminderDays: ReminderDays }).strict(),
    res: z.object({ today: IsoDate, payments: z.array(UpcomingPayment) }),
  },
  /** The "payment due" reminders current today; none for a payment already posted. */
  'liabilities.reminders': {
    req: z.object({ reminderDays: ReminderDays }).strict(),
    res: z.object({ today: IsoDate, reminders: z.array(Reminder) }),
  },
  /** Avalanche and snowball side by side for the liabilities in one currency. */
  'liabilities.plan': {
    req: z
      .object({
        currency: Currency.default('USD'),
        monthlyBudgetMinor: Minor.positive(),
        promotions: z.array(PromotionalRate).max(100).default([]),
        excludeAccountIds: z.array(Id).max(500).default([]),
      })
      .strict(),
    res: z.object({ debts: z.array(PayoffDebt), plans: z.array(PayoffPlan) }),
  },
} as const;
