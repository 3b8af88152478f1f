/**
 * What Coffer reads of a /liabilities/get answer, checked at the boundary. Loan account and
 * payment reference numbers are dropped before the answer is kept, as Auth's numbers are.
 */
import { z } from 'zod';

const Money = z.number().finite().nullish();
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullish();
const Text = z.string().nullish();

export const PlaidCredit = z.object({
  account_id: z.string().nullish(),
  aprs: z.array(
    z.object({
      apr_type: z.string(),
      apr_percentage: z.number().finite(),
      balance_subject_to_apr: Money,
      interest_charge_amount: Money,
    }),
  ),
  is_overdue: z.boolean().nullish(),
  last_payment_amount: Money,
  last_payment_date: Day,
  last_statement_issue_date: Day,
  last_statement_balance: Money,
  minimum_payment_amount: Money,
  next_payment_due_date: Day,
});

const Address = z
  .object({
    street: Text,
    city: Text,
    region: Text,
    postal_code: Text,
    country: Text,
  })
  .nullish();

export const PlaidStudent = z.object({
  account_id: z.string().nullish(),
  expected_payoff_date: Day,
  guarantor: Text,
  interest_rate_percentage: z.number().finite(),
  is_overdue: z.boolean().nullish(),
  last_payment_amount: Money,
  last_payment_date: Day,
  last_statement_issue_date: Day,
  last_statement_balance: Money,
  loan_name: Text,
  loan_status: z.object({ end_date: Day, type: Text }).nullish(),
  minimum_payment_amount: Money,
  next_payment_due_date: Day,
  origination_date: Day,
  origination_principal_amount: Money,
  outstanding_interest_amount: Money,
  repayment_plan: z.object({ description: Text, type: Text }).nullish(),
  servicer_address: Address,
  ytd_interest_paid: Money,
  ytd_principal_paid: Money,
});

export const PlaidMortgage = z.object({
  account_id: z.string(),
  current_late_fee: Money,
  escrow_balance: Money,
  has_pmi: z.boolean().nullish(),
  has_prepayment_penalty: z.boolean().nullish(),
  interest_rate: z.object({ percentage: z.number().finite().nullish(), type: Text }),
  last_payment_amount: Money,
  last_payment_date: Day,
  loan_type_description: Text,
  loan_term: Text,
  maturity_date: Day,
  next_monthly_payment: Money,
  next_payment_due_date: Day,
  origination_date: Day,
  origination_principal_amount: Money,
  past_due_amount: Money,
  property_address: Address,
  ytd_interest_paid: Money,
  ytd_principal_paid: Money,
});

export const PlaidLiabilitiesAnswer = z.object({
  accounts: z.array(
    z.object({
      account_id: z.string(),
      balances: z.object({ iso_currency_code: z.string().nullish(), unofficial_currency_code: Text }),
    }),
  ),
  liabilities: z.object({
    credit: z.array(PlaidCredit).nullish(),
    student: z.array(PlaidStudent).nullish(),
    mortgage: z.array(PlaidMortgage).nullish(),
  }),
});
export type PlaidLiabilitiesAnswer = z.infer<typeof PlaidLiabilitiesAnswer>;
export type PlaidCredit = z.infer<typeof PlaidCredit>;
export type PlaidStudent = z.infer<typeof PlaidStudent>;
export type PlaidMortgage = z.infer<typeof PlaidMortgage>;

/** Checks an answer (from Plaid or read back from the ledger); zod drops the account numbers. */
export function parseLiabilitiesAnswer(value: unknown): PlaidLiabilitiesAnswer {
  const parsed = PlaidLiabilitiesAnswer.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `The liabilities answer is not in Plaid's shape: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return parsed.data;
}
