/**
 * Plaid's JSON → ledger records. The SDK's types are only a promise, so the fields the ledger
 * keeps are checked with zod at this boundary. Money becomes integer minor units here.
 */
import { z } from 'zod';
import { toMinor } from '../../../shared/money';
import { AppError } from '../errors';
import type { AccountRecord } from '../items/store';
import type { TransactionRecord } from '../transactions/record';

const Nullable = <T extends z.ZodType>(t: T) =>
  t
    .nullable()
    .optional()
    .transform((v) => v ?? null);

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

/**
 * A transaction row is read with plain type checks instead of zod: a sync page carries up to 500
 * of them and this runs for every one (zod was most of the apply step's cost). The checks are
 * the same: every field the ledger keeps, with its type, or the whole page is refused.
 */
function fail(path: string, message: string): never {
  throw new AppError(
    'PLAID_BAD_RESPONSE',
    `Plaid sent a transaction this version of Coffer cannot read (${path}: ${message}).`,
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function str(o: Record<string, unknown>, key: string, nonEmpty = false): string {
  const v = o[key];
  if (typeof v !== 'string') fail(key, 'expected a string');
  if (nonEmpty && v.length === 0) fail(key, 'expected a non-empty string');
  return v;
}

function optStr(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') fail(key, 'expected a string or null');
  return v;
}

function optDate(o: Record<string, unknown>, key: string): string | null {
  const v = optStr(o, key);
  if (v !== null && !ISO_DATE.test(v)) fail(key, 'expected YYYY-MM-DD');
  return v;
}

export function toTransactionRecord(raw: unknown, itemId: string): TransactionRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('(row)', 'expected an object');
  const t = raw as Record<string, unknown>;
  const amount = t.amount;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) fail('amount', 'expected a number');
  const date = str(t, 'date');
  if (!ISO_DATE.test(date)) fail('date', 'expected YYYY-MM-DD');
  if (typeof t.pending !== 'boolean') fail('pending', 'expected a boolean');
  const pfc = t.personal_finance_category;
  let primary: string | null = null;
  let detailed: string | null = null;
  if (pfc !== null && pfc !== undefined) {
    if (typeof pfc !== 'object') fail('personal_finance_category', 'expected an object or null');
    const p = pfc as Record<string, unknown>;
    primary = str(p, 'primary');
    detailed = str(p, 'detailed');
  }
  const currency = currencyOf(optStr(t, 'iso_currency_code'), optStr(t, 'unofficial_currency_code'));
  return {
    transactionId: str(t, 'transaction_id', true),
    accountId: str(t, 'account_id', true),
    itemId,
    date,
    authorizedDate: optDate(t, 'authorized_date'),
    name: str(t, 'name'),
    merchantName: optStr(t, 'merchant_name'),
    amountMinor: toMinor(amount, currency),
    currency,
    pending: t.pending,
    pendingTransactionId: optStr(t, 'pending_transaction_id'),
    categoryPrimary: primary,
    categoryDetailed: detailed,
    paymentChannel: optStr(t, 'payment_channel'),
    rawJson: extraJson(t, primary),
  };
}

/** Fields the record above keeps in columns. */
const COLUMN_FIELDS = new Set([
  'transaction_id',
  'account_id',
  'amount',
  'iso_currency_code',
  'unofficial_currency_code',
  'date',
  'authorized_date',
  'name',
  'merchant_name',
  'pending',
  'pending_transaction_id',
  'payment_channel',
  'personal_finance_category',
]);

/** A value without its nulls, empty arrays and empty objects (undefined when nothing is left). */
function pruned(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (const item of value) {
      const p = pruned(item);
      if (p !== undefined) (items ??= []).push(p);
    }
    return items;
  }
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const k in record) {
    const p = pruned(record[k]);
    if (p !== undefined) (out ??= {})[k] = p;
  }
  return out;
}

/** Plaid's icon for a primary category: kept only when it differs, as it can be told from the category. */
const ICON_FIELD = 'personal_finance_category_icon_url';
const iconOf = (primary: string | null) =>
  primary === null ? null : `https://plaid-category-icons.plaid.com/PFC_${primary}.png`;

/**
 * What Plaid sent beyond the columns (location, counterparties, website, logo…), without nulls or
 * what the columns already tell (the category's standard icon): nothing Plaid said is lost, and a
 * row stays ~430 bytes instead of the ~1.4 KB of the full JSON, which at a million rows decides
 * whether lists, counts and ingest stay fast.
 */
function extraJson(t: Record<string, unknown>, primary: string | null): string | null {
  let extra: Record<string, unknown> | undefined;
  for (const k in t) {
    if (COLUMN_FIELDS.has(k)) continue;
    const v = t[k];
    if (k === ICON_FIELD && v === iconOf(primary)) continue;
    const p = pruned(v);
    if (p !== undefined) (extra ??= {})[k] = p;
  }
  return extra ? JSON.stringify(extra) : null;
}

export function removedIds(raw: readonly unknown[]): string[] {
  return raw.map((r) => check(PlaidRemoved, r, 'a removed transaction').transaction_id);
}
