/**
 * /transactions/recurring/get: streams found in the Item's own transactions the way Plaid finds
 * them, by grouping a payee's transactions on one account and keeping the groups whose spacing
 * is regular. The generator's payroll, rent, bills and subscriptions come out as streams; the
 * coffee and groceries (irregular) do not.
 */
import { dayFromIso, isoFromDay, type Day } from '../dates';
import { deriveId } from '../ids';
import { roundCents } from '../prng';
import type { SimEvent } from '../generator';
import {
  accountIdFor,
  entryAt,
  instantOf,
  toTransaction,
  viewAt,
  type ItemDataSpec,
  type PlaidTransaction,
} from '../view';

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

interface Group<T> {
  key: string;
  count: number;
  first: Day;
  last: Day;
  /** Filled on the second pass, for the groups that may recur only. */
  rows: T[] | null;
  days: Day[];
}

type Streams = { inflow: TransactionStream[]; outflow: TransactionStream[] };

/** Hands every row of the Item to `add` with what stream detection reads of it. */
type Scan<T> = (add: (row: T, accountId: string, amount: number, payee: string, day: Day) => void) => void;

/**
 * Groups the rows by account, direction and payee (merchant_name, else name), keeps the groups
 * whose spacing is regular and builds the Plaid transactions of those only: at a million rows,
 * building every transaction cost seconds, and the irregular groups (coffee, groceries) are the
 * bulk of the rows.
 */
function detectStreams<T>(
  itemId: string,
  scan: Scan<T>,
  toTransaction: (row: T) => PlaidTransaction,
  today: Day,
  accountIds: readonly string[] | null,
): Streams {
  const groups: Group<T>[] = [];
  // account → [inflow by payee, outflow by payee]: no key string is built per row.
  const byAccount = new Map<string, [Map<string, Group<T>>, Map<string, Group<T>>] | null>();
  const groupOf = (accountId: string, amount: number, payee: string): Group<T> | undefined => {
    let lanes = byAccount.get(accountId);
    if (lanes === undefined) {
      lanes = accountIds && !accountIds.includes(accountId) ? null : [new Map(), new Map()];
      byAccount.set(accountId, lanes);
    }
    return lanes?.[amount < 0 ? 0 : 1].get(payee);
  };
  // First pass: how many rows each group has and the days it spans, nothing kept per row (a
  // million rows' worth of arrays made the collector the larger cost).
  scan((_row, accountId, amount, payee, day) => {
    const group = groupOf(accountId, amount, payee);
    if (group) {
      group.count++;
      if (day < group.first) group.first = day;
      if (day > group.last) group.last = day;
      return;
    }
    const lanes = byAccount.get(accountId);
    if (!lanes) return;
    const inflow = amount < 0;
    const created: Group<T> = {
      key: `${accountId}|${inflow ? 'in' : 'out'}|${payee}`,
      count: 1,
      first: day,
      last: day,
      rows: null,
      days: [],
    };
    lanes[inflow ? 0 : 1].set(payee, created);
    groups.push(created);
  });
  // Second pass: the rows of the groups that may recur, in the order they came.
  const candidates = groups.filter(mayRecur);
  if (candidates.length === 0) return { inflow: [], outflow: [] };
  for (const group of candidates) group.rows = [];
  scan((row, accountId, amount, payee, day) => {
    const group = groupOf(accountId, amount, payee);
    if (group?.rows) {
      group.rows.push(row);
      group.days.push(day);
    }
  });
  const inflow: TransactionStream[] = [];
  const outflow: TransactionStream[] = [];
  for (const group of candidates) {
    const rows = group.rows!;
    // Date order, rows of one day in the order they came (a stable sort).
    const order = group.days.map((_, i) => i).sort((a, b) => group.days[a]! - group.days[b]! || a - b);
    const days = order.map((i) => group.days[i]!);
    const period = periodOf(days);
    if (!period) continue;
    const members = order.map((i) => toTransaction(rows[i]!));
    const stream = streamOf(itemId, group.key, members, days, period, today);
    (stream.last_amount.amount < 0 ? inflow : outflow).push(stream);
  }
  const order = (a: TransactionStream, b: TransactionStream) =>
    a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : a.first_date < b.first_date ? -1 : 1;
  return { inflow: inflow.sort(order), outflow: outflow.sort(order) };
}

/**
 * Whether periodOf could find a period: every period needs a median gap of at least 6 days, so at
 * least half the gaps are 6 days or more and the group spans at least 6 × ⌈gaps / 2⌉ days. A payee
 * seen many times a week (hundreds of thousands of rows at scale) fails this without a sort.
 */
function mayRecur(group: Group<unknown>): boolean {
  const gaps = group.count - 1;
  return gaps >= 1 && group.last - group.first >= 6 * Math.ceil(gaps / 2);
}

function streamOf(
  itemId: string,
  key: string,
  group: readonly PlaidTransaction[],
  days: readonly Day[],
  period: { frequency: Frequency; days: number },
  today: Day,
): TransactionStream {
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
  return {
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
}

/** Streams among Plaid transactions already built (Bank Income's payroll). */
export function recurringStreams(
  itemId: string,
  transactions: readonly PlaidTransaction[],
  today: Day,
  accountIds: readonly string[] | null,
): Streams {
  const scan: Scan<PlaidTransaction> = (add) => {
    for (const t of transactions)
      add(t, t.account_id, t.amount, t.merchant_name ?? t.name, dayFromIso(t.date));
  };
  return detectStreams(itemId, scan, (t) => t, today, accountIds);
}

/**
 * The Item's streams on `day`, over the accounts asked for (null: all of them), read from the
 * view's events: only the rows of a stream become Plaid transactions.
 */
export function recurringStreamsAt(
  spec: ItemDataSpec,
  day: Day,
  accountIds: readonly string[] | null,
): Streams {
  const view = viewAt(spec, instantOf(spec, day));
  if (!spec.templates.length) return { inflow: [], outflow: [] };
  const accountOf = new Map(spec.templates.map((t) => [t, accountIdFor(spec.itemId, t)]));
  const scan: Scan<SimEvent> = (add) => {
    for (const event of view.events) {
      const state = entryAt(event, day, view.fx);
      if (!state) continue;
      // toTransaction's merchant_name ?? name: the merchant once Plaid has cleaned the row up.
      const payee = state.raw ? state.name : (event.payee.merchantName ?? state.name);
      add(
        event,
        accountOf.get(event.template) ?? accountIdFor(spec.itemId, event.template),
        state.amount,
        payee,
        state.date,
      );
    }
  };
  return detectStreams(
    spec.itemId,
    scan,
    (event) => toTransaction(spec, event, entryAt(event, day, view.fx)!),
    day,
    accountIds ?? view.accounts.map((a) => a.account_id),
  );
}
