/**
 * Plaid's JSON → ledger records. The SDK's types are only a promise, so the fields the ledger
 * keeps are checked with zod at this boundary. Money becomes integer minor units here.
 */
import { z } from 'zod';
import { toMinor } from '../../../shared/money';
import { AppError } from '../errors';
import type { AccountRecord, TransactionRecord } from '../ledger/ledger';

const Nullable = <T extends z.ZodType>(t: T) =>
  t
    .nullable()
    .optional()
    .transform((v) => v ?? null);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const PlaidAccount = z.looseObject({
  account_id: z.string().min(1),
  name: z.string(),
  official_name: Nullable(z.string()),
  mask: Nullable(z.string()),
  type: z.string(),
  subtype: Nullable(z.string()),
  balances: z.looseObject({
    available: Nullable(z.number()),
    current: Nullable(z.number()),
    limit: Nullable(z.number()),
    iso_currency_code: Nullable(z.string()),
    unofficial_currency_code: Nullable(z.string()),
  }),
});

const PlaidTransaction = z.looseObject({
  transaction_id: z.string().min(1),
  account_id: z.string().min(1),
  amount: z.number(),
  iso_currency_code: Nullable(z.string()),
  unofficial_currency_code: Nullable(z.string()),
  date: IsoDate,
  authorized_date: Nullable(IsoDate),
  name: z.string(),
  merchant_name: Nullable(z.string()),
  pending: z.boolean(),
  pending_transaction_id: Nullable(z.string()),
  payment_channel: Nullable(z.string()),
  personal_finance_category: Nullable(z.looseObject({ primary: z.string(), detailed: z.string() })),
});

const PlaidRemoved = z.looseObject({ transaction_id: z.string().min(1) });

function check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    'PLAID_BAD_RESPONSE',
    `Plaid sent ${what} this version of Coffer cannot read (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`,
  );
}

function currencyOf(iso: string | null, unofficial: string | null): string {
  // Plaid sets exactly one of the two; USD only guards against a malformed row.
  return iso ?? unofficial ?? 'USD';
}

const minorOrNull = (amount: number | null, currency: string) =>
  amount === null ? null : toMinor(amount, currency);

export function toAccountRecord(raw: unknown, itemId: string): AccountRecord {
  const a = check(PlaidAccount, raw, 'an account');
  const currency = currencyOf(a.balances.iso_currency_code, a.balances.unofficial_currency_code);
  return {
    accountId: a.account_id,
    itemId,
    name: a.name,
    officialName: a.official_name,
    mask: a.mask,
    type: a.type,
    subtype: a.subtype,
    currency,
    currentMinor: minorOrNull(a.balances.current, currency),
    availableMinor: minorOrNull(a.balances.available, currency),
    limitMinor: minorOrNull(a.balances.limit, currency),
  };
}

export function toTransactionRecord(raw: unknown, itemId: string): TransactionRecord {
  const t = check(PlaidTransaction, raw, 'a transaction');
  const currency = currencyOf(t.iso_currency_code, t.unofficial_currency_code);
  return {
    transactionId: t.transaction_id,
    accountId: t.account_id,
    itemId,
    date: t.date,
    authorizedDate: t.authorized_date,
    name: t.name,
    merchantName: t.merchant_name,
    amountMinor: toMinor(t.amount, currency),
    currency,
    pending: t.pending,
    pendingTransactionId: t.pending_transaction_id,
    categoryPrimary: t.personal_finance_category?.primary ?? null,
    categoryDetailed: t.personal_finance_category?.detailed ?? null,
    paymentChannel: t.payment_channel,
    rawJson: JSON.stringify(raw),
  };
}

export function removedIds(raw: readonly unknown[]): string[] {
  return raw.map((r) => check(PlaidRemoved, r, 'a removed transaction').transaction_id);
}
