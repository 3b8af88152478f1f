/**
 * Recurring streams from /transactions/recurring/get, stored per Item after each sync so the list
 * works offline. Plaid computes them; the ledger keeps Plaid's view as it was last fetched.
 */
import { z } from 'zod';
import type { RecurringStream } from '../../../shared/api';
import { toMinor } from '../../../shared/money';
import { AppError } from '../errors';
import { categoryName } from './categories';
import { nowIso, stmt, type Db } from '../ledger/statements';

const Amount = z.looseObject({
  amount: z.number().optional(),
  iso_currency_code: z.string().nullable().optional(),
  unofficial_currency_code: z.string().nullable().optional(),
});
const PlaidStream = z.looseObject({
  account_id: z.string().min(1),
  stream_id: z.string().min(1),
  description: z.string(),
  merchant_name: z.string().nullable().optional(),
  first_date: z.string(),
  last_date: z.string(),
  predicted_next_date: z.string().nullable().optional(),
  frequency: z.string(),
  transaction_ids: z.array(z.string()),
  average_amount: Amount,
  last_amount: Amount,
  is_active: z.boolean(),
  status: z.string(),
  personal_finance_category: z
    .looseObject({ primary: z.string(), detailed: z.string() })
    .nullable()
    .optional(),
});
const PlaidRecurring = z.looseObject({
  inflow_streams: z.array(PlaidStream),
  outflow_streams: z.array(PlaidStream),
});

const currencyOf = (a: z.infer<typeof Amount>) => a.iso_currency_code ?? a.unofficial_currency_code ?? 'USD';

/** Replaces the Item's streams with what Plaid returned. Callers run it in a write transaction. */
export function storeRecurring(db: Db, itemId: string, response: unknown): number {
  const parsed = PlaidRecurring.safeParse(response);
  if (!parsed.success) {
    throw new AppError(
      'PLAID_BAD_RESPONSE',
      `Plaid sent recurring streams this version of Coffer cannot read (${parsed.error.issues[0]?.path.join('.') ?? ''}).`,
    );
  }
  stmt(db, `DELETE FROM recurring_streams WHERE item_id = ?`).run(itemId);
  const insert = stmt(
    db,
    `INSERT OR REPLACE INTO recurring_streams (stream_id, item_id, account_id, direction, description, merchant_name,
       category_primary, category_detailed, frequency, average_minor, last_minor, currency, first_date, last_date,
       predicted_next_date, status, is_active, transaction_ids_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  for (const [direction, streams] of [
    ['inflow', parsed.data.inflow_streams],
    ['outflow', parsed.data.outflow_streams],
  ] as const) {
    for (const s of streams) {
      const currency = currencyOf(s.average_amount);
      insert.run(
        s.stream_id,
        itemId,
        s.account_id,
        direction,
        s.description,
        s.merchant_name ?? null,
        s.personal_finance_category?.primary ?? null,
        s.personal_finance_category?.detailed ?? null,
        s.frequency,
        toMinor(s.average_amount.amount ?? 0, currency),
        toMinor(s.last_amount.amount ?? 0, currencyOf(s.last_amount)),
        currency,
        s.first_date,
        s.last_date,
        s.predicted_next_date ?? null,
        s.status,
        s.is_active ? 1 : 0,
        JSON.stringify(s.transaction_ids),
      );
      n++;
    }
  }
  stmt(
    db,
    `INSERT INTO recurring_state (item_id, updated_at) VALUES (?, ?)
     ON CONFLICT (item_id) DO UPDATE SET updated_at = excluded.updated_at`,
  ).run(itemId, nowIso());
  return n;
}

export function hasRecurring(db: Db, itemId: string): boolean {
  return stmt(db, `SELECT 1 FROM recurring_state WHERE item_id = ?`).get(itemId) !== undefined;
}

interface StreamRow {
  stream_id: string;
  item_id: string;
  account_id: string;
  direction: 'inflow' | 'outflow';
  description: string;
  merchant_name: string | null;
  category_primary: string | null;
  category_detailed: string | null;
  frequency: string;
  average_minor: number;
  last_minor: number;
  currency: string;
  first_date: string;
  last_date: string;
  predicted_next_date: string | null;
  status: string;
  is_active: number;
  transaction_ids_json: string;
}

export function listRecurring(
  db: Db,
  accountId: string | null,
): { streams: RecurringStream[]; updatedAt: string | null } {
  const rows = stmt(
    db,
    `SELECT * FROM recurring_streams WHERE (@account IS NULL OR account_id = @account)
     ORDER BY is_active DESC, direction, abs(average_minor) DESC, stream_id`,
  ).all({ account: accountId }) as StreamRow[];
  const names = new Map<string, string>();
  const updatedAt = stmt(db, `SELECT max(updated_at) FROM recurring_state`).pluck().get() as string | null;
  return {
    updatedAt,
    streams: rows.map((r) => {
      const category = r.category_detailed ?? r.category_primary;
      return {
        id: r.stream_id,
        itemId: r.item_id,
        accountId: r.account_id,
        direction: r.direction,
        description: r.description,
        merchantName: r.merchant_name,
        category,
        categoryName: categoryName(db, category, names),
        frequency: r.frequency,
        averageAmountMinor: r.average_minor,
        lastAmountMinor: r.last_minor,
        currency: r.currency,
        firstDate: r.first_date,
        lastDate: r.last_date,
        predictedNextDate: r.predicted_next_date,
        status: r.status,
        isActive: r.is_active === 1,
        transactionIds: JSON.parse(r.transaction_ids_json) as string[],
      };
    }),
  };
}
