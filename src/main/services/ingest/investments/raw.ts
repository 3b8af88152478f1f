/**
 * Plaid's investments answers as Coffer keeps them: the holdings answer and every page of
 * investment transactions over the window asked for, in one raw snapshot per Item. Only the
 * fields the processor reads are checked; the rest is kept as Plaid sent it.
 */
import { z } from 'zod';

const Money = z.number().finite();
const Code = z.string().max(16).nullish();

export const RawSecurity = z.looseObject({
  security_id: z.string().min(1).max(200),
  name: z.string().nullish(),
  ticker_symbol: z.string().nullish(),
  type: z.string().nullish(),
  subtype: z.string().nullish(),
  is_cash_equivalent: z.boolean().nullish(),
  proxy_security_id: z.string().nullish(),
  close_price: z.number().nullish(),
  close_price_as_of: z.string().nullish(),
  iso_currency_code: Code,
  unofficial_currency_code: Code,
});
export type RawSecurity = z.infer<typeof RawSecurity>;

export const RawHolding = z.looseObject({
  account_id: z.string().min(1).max(200),
  security_id: z.string().min(1).max(200),
  quantity: z.number().finite(),
  institution_price: z.number().nullish(),
  institution_price_as_of: z.string().nullish(),
  institution_value: z.number().nullish(),
  cost_basis: z.number().nullish(),
  iso_currency_code: Code,
  unofficial_currency_code: Code,
});
export type RawHolding = z.infer<typeof RawHolding>;

export const RawInvestmentTransaction = z.looseObject({
  investment_transaction_id: z.string().min(1).max(200),
  account_id: z.string().min(1).max(200),
  security_id: z.string().nullish(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  name: z.string(),
  quantity: z.number().finite(),
  price: z.number().finite(),
  amount: Money,
  fees: z.number().nullish(),
  type: z.string(),
  subtype: z.string(),
  iso_currency_code: Code,
  unofficial_currency_code: Code,
});
export type RawInvestmentTransaction = z.infer<typeof RawInvestmentTransaction>;

export const RawInvestments = z.object({
  holdings: z.object({ holdings: z.array(RawHolding), securities: z.array(RawSecurity) }),
  transactions: z.object({
    startDate: z.string(),
    endDate: z.string(),
    investment_transactions: z.array(RawInvestmentTransaction),
    securities: z.array(RawSecurity),
  }),
});
export type RawInvestments = z.infer<typeof RawInvestments>;

/** Plaid sets exactly one of the two codes; the unofficial one (crypto, points) is kept as is. */
export function currencyOf(row: {
  iso_currency_code?: string | null;
  unofficial_currency_code?: string | null;
}): string | null {
  return row.iso_currency_code ?? row.unofficial_currency_code ?? null;
}
