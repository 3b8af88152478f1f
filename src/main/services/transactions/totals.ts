/**
 * The count and per-currency sum of a filtered set, without reading a million rows: whole months
 * come from totals_monthly (pre-aggregated, see spending.ts), and only what the aggregate cannot
 * answer is read row by row: split rows (their categories are in their parts), months queued as
 * dirty, and the partial months at the ends of a date range. Filters on words, amounts or tags
 * have no aggregate; those sets are read from their own indexes.
 */
import type { TransactionFilter, TransactionSummary } from '../../../shared/api';
import { UNCATEGORIZED } from './categories';
import { stmt, type Db } from '../ledger/statements';
import { filterSql, ftsQuery, sqlList, type Params } from './filter-sql';
import { searchRows, type SearchRows } from './search-cache';
import { indexOrNewest, isDeferred } from '../ledger/schema-state';
import { shiftIsoDate } from '../../../shared/iso-date';

type Sums = Map<string, { count: number; sum: number }>;

function add(into: Sums, rows: readonly { currency: string; count: number; sum: number | null }[]): void {
  for (const r of rows) {
    const cur = into.get(r.currency) ?? { count: 0, sum: 0 };
    cur.count += r.count;
    cur.sum += r.sum ?? 0;
    into.set(r.currency, cur);
  }
}

interface CurrencyRow {
  currency: string;
  count: number;
  sum: number | null;
}

/**
 * Count and sum per currency of `FROM … WHERE …` (whose rows, named `alias`, have currency and amount_minor).
 * A GROUP BY sorts every row it reads; a ledger almost always holds one currency, so one streaming
 * pass that also notes the lowest and highest currency answers it, and only a mixed set is grouped.
 */
function perCurrency(db: Db, alias: string, from: string, params: Params): CurrencyRow[] {
  const [currency, amount] = [`${alias}.currency`, `${alias}.amount_minor`];
  const one = stmt(
    db,
    `SELECT min(${currency}) AS lo, max(${currency}) AS hi, count(*) AS count, sum(${amount}) AS sum ${from}`,
  ).get(params) as { lo: string | null; hi: string | null; count: number; sum: number | null };
  if (one.count === 0 || one.lo === null) return [];
  if (one.lo === one.hi) return [{ currency: one.lo, count: one.count, sum: one.sum }];
  return stmt(
    db,
    `SELECT ${currency} AS currency, count(*) AS count, sum(${amount}) AS sum ${from} GROUP BY ${currency}`,
  ).all(params) as CurrencyRow[];
}

/**
 * Rows read one by one; `index` names the index that bounds them (the planner cannot know it is
 * small); `search`, a search's matches as the page already read them (search-cache.ts).
 */
function live(
  db: Db,
  filter: TransactionFilter,
  extra: string[],
  extraParams: Params,
  into: Sums,
  index: string | null = null,
  search?: SearchRows,
): void {
  const { where, params } = filterSql(filter, { search });
  const all = [...where, ...extra];
  add(
    into,
    perCurrency(
      db,
      't',
      `FROM transactions t ${index ? `INDEXED BY ${indexOrNewest(db, index)}` : ''}
       ${all.length ? `WHERE ${all.join(' AND ')}` : ''}`,
      { ...params, ...extraParams },
    ),
  );
}

const monthOf = (date: string) => date.slice(0, 7);
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
function nextMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** Whether these ids name every account of the ledger (a filter that keeps every row). */
function everyAccount(db: Db, ids: readonly string[]): boolean {
  const all = stmt(db, `SELECT account_id FROM accounts`).pluck().all() as string[];
  const chosen = new Set(ids);
  return all.every((id) => chosen.has(id));
}

/**
 * A search's count and sum, when the rest of the filter is on accounts, currency or amounts only:
 * read from transaction_amounts (a narrow row per match, in rowid order like the matches) instead
 * of the whole rows. Null when the filter needs more than that table holds.
 */
function searchTotals(db: Db, filter: TransactionFilter, search: SearchRows): Sums | null {
  const narrow =
    filter.dateFrom === undefined &&
    filter.dateTo === undefined &&
    (filter.categories === undefined || filter.categories.length === 0) &&
    (filter.tags === undefined || filter.tags.length === 0) &&
    filter.pending === undefined &&
    filter.excludeTransfers !== true &&
    filter.excluded === undefined;
  if (!narrow) return null;
  const params: Params = { ...search.params };
  const where: string[] = [];
  if (filter.accountIds !== undefined && filter.accountIds.length > 0 && !everyAccount(db, filter.accountIds))
    where.push(
      `a.account_no IN (SELECT rowid FROM accounts WHERE account_id IN (${sqlList('acc', filter.accountIds, params)}))`,
    );
  if (filter.currency !== undefined) {
    where.push('a.currency = @currency');
    params.currency = filter.currency;
  }
  if (filter.amountMin !== undefined) {
    where.push('a.amount_minor >= @amountMin');
    params.amountMin = filter.amountMin;
  }
  if (filter.amountMax !== undefined) {
    where.push('a.amount_minor <= @amountMax');
    params.amountMax = filter.amountMax;
  }
  const sums: Sums = new Map();
  add(
    sums,
    perCurrency(
      db,
      'a',
      `FROM transaction_amounts a WHERE a.rid IN (${search.sql}) ${where.map((w) => `AND ${w}`).join(' ')}`,
      params,
    ),
  );
  return sums;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * Count and sum per currency of the filter's non-split rows in whole months (null bound: open)
 * that are not dirty, from totals_monthly.
 */
function monthlyTotals(
  db: Db,
  filter: TransactionFilter,
  firstFull: string | null,
  lastFull: string | null,
  dirty: readonly string[],
): CurrencyRow[] {
  const where: string[] = [];
  const params: Params = {};
  const monthCol = filter.dateBasis === 'spending' ? 'spend_month' : 'month';
  if (firstFull !== null) {
    where.push(`${monthCol} >= @firstFull`);
    params.firstFull = firstFull;
  }
  if (lastFull !== null) {
    where.push(`${monthCol} <= @lastFull`);
    params.lastFull = lastFull;
  }
  if (dirty.length > 0) where.push(`spend_month NOT IN (${sqlList('dirty', dirty, params)})`);
  const accounts = [...(filter.accountIds ?? [])];
  if (accounts.length > 0) where.push(`account_id IN (${sqlList('acc', accounts, params)})`);
  if (filter.categories && filter.categories.length > 0) {
    const ids = filter.categories.filter((c) => c !== UNCATEGORIZED);
    const terms: string[] = [];
    if (ids.length > 0) {
      const list = sqlList('cat', ids, params);
      terms.push(`category IN (${list})`, `category_group IN (${list})`);
    }
    if (ids.length !== filter.categories.length) terms.push('category IS NULL');
    where.push(`(${terms.join(' OR ')})`);
  }
  if (filter.pending !== undefined) where.push(`pending = ${filter.pending ? 1 : 0}`);
  if (filter.excludeTransfers === true) where.push('is_transfer = 0');
  if (filter.excluded !== undefined) where.push(`excluded = ${filter.excluded ? 1 : 0}`);
  if (filter.currency !== undefined) {
    where.push('currency = @currency');
    params.currency = filter.currency;
  }
  return stmt(
    db,
    `SELECT currency, sum(count) AS count, sum(amount_minor) AS sum FROM totals_monthly
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY currency`,
  ).all(params) as CurrencyRow[];
}

export function summarize(db: Db, filter: TransactionFilter): TransactionSummary {
  const match = filter.query === undefined ? null : ftsQuery(filter.query);
  const search = match === null ? undefined : searchRows(db, match);
  if (search && !isDeferred(db)) {
    const sums = searchTotals(db, filter, search);
    if (sums) return result(sums);
  }
  const sums: Sums = new Map();
  const aggregatable =
    (filter.query === undefined || filter.query.trim() === '') &&
    filter.amountMin === undefined &&
    filter.amountMax === undefined &&
    (filter.tags === undefined || filter.tags.length === 0);
  if (!aggregatable) {
    live(db, filter, [], {}, sums, null, search);
    return result(sums);
  }
  const spendBasis = filter.dateBasis === 'spending';
  const dirty = stmt(db, `SELECT month FROM spending_dirty`).pluck().all() as string[];
  const dirtyParams: Params = {};
  const dirtyList = sqlList('dirty', dirty, dirtyParams);
  const notDirty = (col: string) => (dirty.length > 0 ? [`${col} NOT IN (${dirtyList})`] : []);

  // Whole months of the range (null bound: open).
  let firstFull: string | null = null;
  let lastFull: string | null = null;
  const partial: string[] = [];
  if (filter.dateFrom !== undefined) {
    const m = monthOf(filter.dateFrom);
    if (filter.dateFrom.endsWith('-01')) firstFull = m;
    else {
      partial.push(m);
      firstFull = nextMonth(m, 1);
    }
  }
  if (filter.dateTo !== undefined) {
    const m = monthOf(filter.dateTo);
    if (filter.dateTo === lastDayOf(m)) lastFull = m;
    else {
      if (!partial.includes(m)) partial.push(m);
      lastFull = nextMonth(m, -1);
    }
  }

  // 1. The aggregate: whole months, not dirty.
  if (firstFull === null || lastFull === null || firstFull <= lastFull) {
    add(sums, monthlyTotals(db, filter, firstFull, lastFull, dirty));
  }

  // 2. Split rows, wherever they are (few: a partial index finds them).
  live(db, filter, ['t.is_split = 1'], {}, sums, 'transactions_split');
  // 3. Dirty months, row by row (spend_date ranges, on their index).
  if (dirty.length > 0) {
    const ranges = dirty.map((_, i) => `t.spend_date BETWEEN @dirty${i} || '-01' AND @dirty${i} || '-31'`);
    live(db, filter, ['t.is_split = 0', `(${ranges.join(' OR ')})`], dirtyParams, sums);
  }
  // 4. The partial months at the ends of the range, row by row (their own index range); one the
  // range covers most of (last month up to today's day, on the dashboard) as its aggregate less
  // the days outside the range, which are the fewer rows to read.
  for (const month of partial) {
    const column = spendBasis ? 't.spend_date' : 't.date';
    const rowsOf = (f: TransactionFilter, from: string, to: string, into: Sums) =>
      live(
        db,
        f,
        ['t.is_split = 0', `${column} >= @pmFrom`, `${column} <= @pmTo`, ...notDirty('t.spend_month')],
        { ...dirtyParams, pmFrom: from, pmTo: to },
        into,
        spendBasis ? 'transactions_by_spend_date' : 'transactions_newest',
      );
    const [first, last] = [`${month}-01`, lastDayOf(month)];
    const from = filter.dateFrom !== undefined && filter.dateFrom > first ? filter.dateFrom : first;
    const to = filter.dateTo !== undefined && filter.dateTo < last ? filter.dateTo : last;
    if (dayNumber(to) - dayNumber(from) < (dayNumber(last) - dayNumber(first)) / 2) {
      rowsOf(filter, first, last, sums);
      continue;
    }
    add(sums, monthlyTotals(db, filter, month, month, dirty));
    const outside: Sums = new Map();
    const undated = { ...filter, dateFrom: undefined, dateTo: undefined };
    if (from > first) rowsOf(undated, first, shiftIsoDate(from, -1), outside);
    if (to < last) rowsOf(undated, shiftIsoDate(to, 1), last, outside);
    add(
      sums,
      [...outside].map(([currency, v]) => ({ currency, count: -v.count, sum: -v.sum })),
    );
  }
  return result(sums);
}

function result(sums: Sums): TransactionSummary {
  const byCurrency = [...sums.entries()]
    .filter(([, v]) => v.count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, v]) => ({ currency, count: v.count, sumMinor: v.sum }));
  return { count: byCurrency.reduce((n, c) => n + c.count, 0), byCurrency };
}
