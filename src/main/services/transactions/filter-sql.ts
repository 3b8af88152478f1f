/**
 * A transaction filter as SQL conditions over the alias t, shared by the list (queries.ts) and
 * the count and sum of a filtered set (totals.ts).
 */
import type { TransactionFilter } from '../../../shared/api';
import { UNCATEGORIZED } from './categories';
import { FTS_ROWS, type SearchRows } from './search-cache';

export type Params = Record<string, string | number>;

/** Words of a search, each prefix-matched, all required: `star cof` finds "Starbucks Coffee". */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w.toLowerCase()}"*`)
    .join(' ');
}

export function sqlList(prefix: string, values: readonly (string | number)[], params: Params): string {
  return values
    .map((v, i) => {
      params[`${prefix}${i}`] = v;
      return `@${prefix}${i}`;
    })
    .join(', ');
}

/** SQL conditions (over alias t) and their parameters for a filter. */
export function filterSql(
  f: TransactionFilter & { accountId?: string | null },
  options: { scanForSearch?: boolean; search?: SearchRows } = {},
): { where: string[]; params: Params; at: { accounts: number; categories: number; dates: number[] } } {
  const where: string[] = [];
  const params: Params = {};
  // Where the terms an ordered index can drive sit in `where` (-1: absent).
  const at = { accounts: -1, categories: -1, dates: [] as number[] };
  if (f.query !== undefined) {
    const match = ftsQuery(f.query);
    if (match !== null) {
      const rows = options.search ?? { sql: FTS_ROWS, params: { fts: match } };
      // The matches are read once; unary + keeps the planner from driving the query by rowid when
      // the page walks the date index instead.
      where.push(`${options.scanForSearch ? '+' : ''}t.rowid IN (${rows.sql})`);
      Object.assign(params, rows.params);
    }
  }
  const accounts = [...(f.accountIds ?? []), ...(f.accountId ? [f.accountId] : [])];
  if (accounts.length > 0) at.accounts = where.length;
  if (accounts.length > 0) where.push(`t.account_id IN (${sqlList('acc', accounts, params)})`);
  const dateColumn = f.dateBasis === 'spending' ? 't.spend_date' : 't.date';
  if (f.dateFrom !== undefined) {
    at.dates.push(where.length);
    where.push(`${dateColumn} >= @dateFrom`);
    params.dateFrom = f.dateFrom;
  }
  if (f.dateTo !== undefined) {
    at.dates.push(where.length);
    where.push(`${dateColumn} <= @dateTo`);
    params.dateTo = f.dateTo;
  }
  if (f.amountMin !== undefined) {
    where.push(`t.amount_minor >= @amountMin`);
    params.amountMin = f.amountMin;
  }
  if (f.amountMax !== undefined) {
    where.push(`t.amount_minor <= @amountMax`);
    params.amountMax = f.amountMax;
  }
  if (f.categories !== undefined && f.categories.length > 0) {
    const ids = f.categories.filter((c) => c !== UNCATEGORIZED);
    const terms: string[] = [];
    if (ids.length > 0) {
      const inList = sqlList('cat', ids, params);
      terms.push(
        `(t.is_split = 0 AND (t.category IN (${inList}) OR t.category_group IN (${inList})))`,
        `(t.is_split = 1 AND EXISTS (SELECT 1 FROM transaction_splits s WHERE s.transaction_id = t.transaction_id
           AND (coalesce(s.category, t.category) IN (${inList}) OR coalesce(s.category_group, t.category_group) IN (${inList}))))`,
      );
    }
    if (ids.length !== f.categories.length) terms.push(`t.category IS NULL`);
    at.categories = where.length;
    where.push(`(${terms.join(' OR ')})`);
  }
  if (f.tags !== undefined && f.tags.length > 0) {
    where.push(
      `t.transaction_id IN (SELECT transaction_id FROM transaction_tags WHERE tag IN (${sqlList('tag', f.tags, params)}))`,
    );
  }
  if (f.pending !== undefined) where.push(`t.pending = ${f.pending ? 1 : 0}`);
  if (f.excludeTransfers === true) where.push(`t.is_transfer = 0`);
  if (f.excluded !== undefined) where.push(`t.excluded = ${f.excluded ? 1 : 0}`);
  if (f.currency !== undefined) {
    where.push(`t.currency = @currency`);
    params.currency = f.currency;
  }
  return { where, params, at };
}
