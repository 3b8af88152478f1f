/**
 * /transactions/recurring/get: streams found in the Item's own transactions the way Plaid finds
 * them, by grouping a payee's transactions on one account and keeping the groups whose spacing
 * is regular. The generator's payroll, rent, bills and subscriptions come out as streams; the
 * coffee and groceries (irregular) do not.
 */
import { dayFromIso, isoFromDay, type Day } from '../dates';
import { deriveId } from '../ids';
import { roundCents } from '../prng';
import { snapshotAt, type ItemDataSpec, type PlaidTransaction } from '../view';

export type Frequency = 'WEEKLY' | 'BIWEEKLY' | 'SEMI_MONTHLY' | 'MONTHLY' | 'ANNUALLY' | 'UNKNOWN';

export interface TransactionStream {
  account_id: string;
  stream_id: string;
  category: string[];
  category_id: string;
  description: string;
  merchant_name: string | null;
  first_date: string;
  last_date: string;
  predicted_next_date: string | null;
  frequency: Frequency;
  transaction_ids: string[];
  average_amount: { amount: number; iso_currency_code: string | null; unofficial_currency_code: null };
  last_amount: { amount: number; iso_currency_code: string | null; unofficial_currency_code: null };
  is_active: boolean;
  status: 'MATURE' | 'EARLY_DETECTION' | 'TOMBSTONED';
  personal_finance_category: PlaidTransaction['personal_finance_category'];
  is_user_modified: false;
}

/**
 * Plaid's legacy taxonomy, still required by older clients of this endpoint: a coarse mapping
 * from the personal finance category.
 */
const LEGACY_CATEGORIES: Record<string, [string[], string]> = {
  INCOME: [['Transfer', 'Payroll'], '21009000'],
  TRANSFER_IN: [['Transfer', 'Credit'], '21005000'],
  TRANSFER_OUT: [['Transfer', 'Debit'], '21006000'],
  LOAN_PAYMENTS: [['Payment'], '16000000'],
  RENT_AND_UTILITIES: [['Service', 'Utilities'], '18068000'],
  ENTERTAINMENT: [['Service', 'Subscription'], '18061000'],
  PERSONAL_CARE: [['Recreation', 'Gyms and Fitness Centers'], '17018000'],
  GENERAL_SERVICES: [['Service', 'Insurance'], '18030000'],
  FOOD_AND_DRINK: [['Food and Drink'], '13000000'],
};
const OTHER_CATEGORY: [string[], string] = [['Shops'], '19000000'];

const PERIODS: { frequency: Frequency; days: number; tolerance: number }[] = [
  { frequency: 'WEEKLY', days: 7, tolerance: 1 },
  { frequency: 'BIWEEKLY', days: 14, tolerance: 1 },
  { frequency: 'SEMI_MONTHLY', days: 15.2, tolerance: 3 },
  { frequency: 'MONTHLY', days: 30.4, tolerance: 3.5 },
  { frequency: 'ANNUALLY', days: 365.25, tolerance: 10 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Largest minus smallest value, by a loop: a payee of a scale-test Item has hundreds of thousands
 * of rows, and spreading that many arguments into Math.max overflows the call stack.
 */
function spreadOf(values: readonly number[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min;
}

/** A stream's regular period, if every gap between occurrences is close to one. */
function periodOf(days: Day[]): { frequency: Frequency; days: number } | null {
  if (days.length < 2) return null;
  const gaps = days.slice(1).map((d, i) => d - days[i]!);
  const typical = median(gaps);
  for (const period of PERIODS) {
    if (Math.abs(typical - period.days) > period.tolerance) continue;
    if (gaps.every((g) => Math.abs(g - period.days) <= period.tolerance * 1.5)) return period;
  }
  // Bills every other month and the like: regular, but not a period Plaid names.
  const spread = spreadOf(gaps);
  if (days.length >= 3 && typical >= 20 && spread <= typical * 0.15)
    return { frequency: 'UNKNOWN', days: typical };
  return null;
}

export function recurringStreams(
  itemId: string,
  transactions: readonly PlaidTransaction[],
  today: Day,
  accountIds: readonly string[] | null,
): { inflow: TransactionStream[]; outflow: TransactionStream[] } {
  const groups = new Map<string, PlaidTransaction[]>();
  for (const t of transactions) {
    if (accountIds && !accountIds.includes(t.account_id)) continue;
    const direction = t.amount < 0 ? 'in' : 'out';
    const key = `${t.account_id}|${direction}|${t.merchant_name ?? t.name}`;
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const inflow: TransactionStream[] = [];
  const outflow: TransactionStream[] = [];
  for (const [key, group] of groups) {
    group.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const days = group.map((t) => dayFromIso(t.date));
    const period = periodOf(days);
    if (!period) continue;
    const last = group.at(-1)!;
    const lastDay = days.at(-1)!;
    const overdue = today - lastDay > period.days * 2 + 5;
    const status = overdue
      ? 'TOMBSTONED'
      : group.length >= (period.frequency === 'ANNUALLY' ? 2 : 3)
        ? 'MATURE'
        : 'EARLY_DETECTION';
    const amounts = group.map((t) => t.amount);
    const currency = last.iso_currency_code;
    const legacy = LEGACY_CATEGORIES[last.personal_finance_category.primary] ?? OTHER_CATEGORY;
    const stream: TransactionStream = {
      account_id: last.account_id,
      stream_id: deriveId(itemId, `stream:${key}`),
      category: legacy[0],
      category_id: legacy[1],
      description: last.name,
      merchant_name: last.merchant_name,
      first_date: group[0]!.date,
      last_date: last.date,
      predicted_next_date: overdue ? null : isoFromDay(lastDay + Math.round(period.days)),
      frequency: period.frequency,
      transaction_ids: group.map((t) => t.transaction_id),
      average_amount: {
        amount: roundCents(amounts.reduce((s, a) => s + a, 0) / amounts.length),
        iso_currency_code: currency,
        unofficial_currency_code: null,
      },
      last_amount: { amount: last.amount, iso_currency_code: currency, unofficial_currency_code: null },
      is_active: !overdue,
      status,
      personal_finance_category: last.personal_finance_category,
      is_user_modified: false,
    };
    (last.amount < 0 ? inflow : outflow).push(stream);
  }
  const order = (a: TransactionStream, b: TransactionStream) =>
    a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : a.first_date < b.first_date ? -1 : 1;
  return { inflow: inflow.sort(order), outflow: outflow.sort(order) };
}

/** The Item's streams on `day`, over the accounts asked for (null: all of them). */
export function recurringStreamsAt(
  spec: ItemDataSpec,
  day: Day,
  accountIds: readonly string[] | null,
): { inflow: TransactionStream[]; outflow: TransactionStream[] } {
  const snapshot = snapshotAt(spec, day);
  const transactions = spec.templates.length ? snapshot.transactions.map((v) => v.transaction) : [];
  return recurringStreams(
    spec.itemId,
    transactions,
    day,
    accountIds ?? snapshot.accounts.map((a) => a.account_id),
  );
}
