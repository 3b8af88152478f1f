/**
 * Spending, as ARCHITECTURE.md defines it: money out (Plaid's positive amounts) by category,
 * refunds (negative amounts) netted against their category, transfers between the user's own
 * accounts and rows the user excluded left out, pending rows included (and reported apart),
 * the month taken from authorized_date when Plaid gives one and from date otherwise, one series
 * per currency. A split counts as its parts; a split whose posted amount no longer matches its
 * parts counts the difference under the row's own category. Income is the money in on the
 * INCOME group (and user categories created under it).
 *
 * spending_monthly holds it pre-aggregated; triggers queue the months whose rows changed in
 * spending_dirty. Queries read the aggregate for clean months and compute dirty months live
 * (read-only, one indexed month at a time); rebuildSpending (after a sync, in the ledger
 * worker) folds dirty months back into the aggregate, and into totals_monthly (see totals.ts).
 */
import type { IncomeExpenseMonth, SpendingCell } from '../../../shared/api';
import { categoryName, UNCATEGORIZED } from './categories';
import { stmt, type Db } from '../ledger/statements';
import { INCOME_GROUP } from './taxonomy';

/** Split rows of @month count as their parts, and a split whose parts no longer add up as the difference. */
const SPLIT_ROWS = `
  SELECT t.currency, coalesce(s.category, t.category, '${UNCATEGORIZED}'),
    coalesce(s.category_group, t.category_group, '${UNCATEGORIZED}'), t.account_id,
    s.amount_minor, CASE WHEN t.pending = 1 THEN s.amount_minor ELSE 0 END, 1
  FROM transactions t JOIN transaction_splits s ON s.transaction_id = t.transaction_id
  WHERE t.spend_date BETWEEN @month || '-01' AND @month || '-31' AND t.is_transfer = 0 AND t.excluded = 0 AND t.is_split = 1
  UNION ALL
  SELECT t.currency, coalesce(t.category, '${UNCATEGORIZED}'), coalesce(t.category_group, '${UNCATEGORIZED}'),
    t.account_id, t.amount_minor - d.parts, CASE WHEN t.pending = 1 THEN t.amount_minor - d.parts ELSE 0 END, 1
  FROM transactions t
  JOIN (SELECT transaction_id, sum(amount_minor) AS parts FROM transaction_splits GROUP BY transaction_id) d
    ON d.transaction_id = t.transaction_id
  WHERE t.spend_date BETWEEN @month || '-01' AND @month || '-31' AND t.is_transfer = 0 AND t.excluded = 0 AND t.is_split = 1
    AND t.review_pending_minor IS NOT NULL AND t.amount_minor <> d.parts`;

/** Every row of @month that counts as spending or income (read live, for a month not yet folded). */
const MONTH_ROWS = `
  SELECT t.currency AS currency, coalesce(t.category, '${UNCATEGORIZED}') AS category,
    coalesce(t.category_group, '${UNCATEGORIZED}') AS category_group, t.account_id AS account_id,
    t.amount_minor AS amount, CASE WHEN t.pending = 1 THEN t.amount_minor ELSE 0 END AS pending_amount,
    1 AS rows
  FROM transactions t
  WHERE t.spend_date BETWEEN @month || '-01' AND @month || '-31' AND t.is_transfer = 0 AND t.excluded = 0 AND t.is_split = 0
  UNION ALL ${SPLIT_ROWS}`;

/**
 * The same from totals_monthly (already folded for @month) and the split rows: the unsplit rows
 * are not read a second time. totals_monthly keys by spending month, like spending_monthly.
 */
const MONTH_ROWS_FROM_TOTALS = `
  SELECT currency, coalesce(category, '${UNCATEGORIZED}') AS category,
    coalesce(category_group, '${UNCATEGORIZED}') AS category_group, account_id,
    amount_minor AS amount, CASE WHEN pending = 1 THEN amount_minor ELSE 0 END AS pending_amount, count AS rows
  FROM totals_monthly WHERE spend_month = @month AND is_transfer = 0 AND excluded = 0
  UNION ALL ${SPLIT_ROWS}`;

const aggregateOf = (rows: string) => `
  SELECT @month AS month, currency, category, category_group, account_id, sum(amount) AS amount_minor,
    sum(pending_amount) AS pending_minor, sum(rows) AS count
  FROM (${rows}) GROUP BY currency, category, category_group, account_id`;

const MONTH_AGGREGATE = aggregateOf(MONTH_ROWS);

const TOTALS_AGGREGATE = `
  INSERT INTO totals_monthly (month, spend_month, currency, account_id, category, category_group, pending,
    is_transfer, excluded, count, amount_minor)
  SELECT substr(date, 1, 7), spend_month, currency, account_id, category, category_group, pending, is_transfer,
    excluded, count(*), sum(amount_minor)
  FROM transactions WHERE spend_date BETWEEN @month || '-01' AND @month || '-31' AND is_split = 0
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

interface AggregateRow {
  month: string;
  currency: string;
  category: string;
  category_group: string;
  account_id: string;
  amount_minor: number;
  pending_minor: number;
  count: number;
}

/** Folds every dirty month back into spending_monthly, a few months per write transaction. */
export function rebuildSpending(db: Db, write: <T>(fn: () => T) => T): number {
  const months = stmt(db, `SELECT month FROM spending_dirty ORDER BY month`).pluck().all() as string[];
  const del = stmt(db, `DELETE FROM spending_monthly WHERE month = ?`);
  const insert = stmt(
    db,
    `INSERT INTO spending_monthly (month, currency, category, category_group, account_id, amount_minor,
       pending_minor, count) ${aggregateOf(MONTH_ROWS_FROM_TOTALS)}`,
  );
  const delTotals = stmt(db, `DELETE FROM totals_monthly WHERE spend_month = ?`);
  const insertTotals = stmt(db, TOTALS_AGGREGATE);
  const clean = stmt(db, `DELETE FROM spending_dirty WHERE month = ?`);
  for (let i = 0; i < months.length; i += 4) {
    const slice = months.slice(i, i + 4);
    write(() => {
      for (const month of slice) {
        // Totals first: the month's spending is read from them.
        delTotals.run(month);
        insertTotals.run({ month });
        del.run(month);
        insert.run({ month });
        clean.run(month);
      }
    });
  }
  return months.length;
}

export interface SpendingQuery {
  from: string;
  to: string;
  currency?: string;
  accountIds?: string[];
}

/** Aggregate rows of the range: clean months from the table, dirty ones computed now. */
function aggregateRows(db: Db, q: SpendingQuery): AggregateRow[] {
  const dirty = new Set(
    stmt(db, `SELECT month FROM spending_dirty WHERE month BETWEEN ? AND ?`)
      .pluck()
      .all(q.from, q.to) as string[],
  );
  const rows = stmt(
    db,
    `SELECT month, currency, category, category_group, account_id, amount_minor, pending_minor, count
     FROM spending_monthly WHERE month BETWEEN ? AND ?`,
  ).all(q.from, q.to) as AggregateRow[];
  const live = stmt(db, MONTH_AGGREGATE);
  const out = rows.filter((r) => !dirty.has(r.month));
  for (const month of dirty) out.push(...(live.all({ month }) as AggregateRow[]));
  const accounts = q.accountIds && q.accountIds.length > 0 ? new Set(q.accountIds) : null;
  return out.filter(
    (r) =>
      (q.currency === undefined || r.currency === q.currency) && (!accounts || accounts.has(r.account_id)),
  );
}

export function spendingByCategory(
  db: Db,
  q: SpendingQuery & { level: 'group' | 'category' },
): SpendingCell[] {
  const cells = new Map<string, SpendingCell>();
  const names = new Map<string, string>();
  for (const r of aggregateRows(db, q)) {
    if (r.category_group === INCOME_GROUP) continue;
    const category = q.level === 'group' ? r.category_group : r.category;
    const key = `${r.month}\u0000${r.currency}\u0000${category}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        month: r.month,
        currency: r.currency,
        category,
        categoryName: categoryName(db, category, names) ?? category,
        amountMinor: 0,
        pendingMinor: 0,
        count: 0,
      };
      cells.set(key, cell);
    }
    cell.amountMinor += r.amount_minor;
    cell.pendingMinor += r.pending_minor;
    cell.count += r.count;
  }
  return [...cells.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency) || b.amountMinor - a.amountMinor,
  );
}

export function incomeVsExpenses(db: Db, q: SpendingQuery): IncomeExpenseMonth[] {
  const months = new Map<string, IncomeExpenseMonth>();
  for (const r of aggregateRows(db, q)) {
    const key = `${r.month}\u0000${r.currency}`;
    let m = months.get(key);
    if (!m) {
      m = { month: r.month, currency: r.currency, incomeMinor: 0, expensesMinor: 0, pendingMinor: 0 };
      months.set(key, m);
    }
    if (r.category_group === INCOME_GROUP) m.incomeMinor -= r.amount_minor;
    else {
      m.expensesMinor += r.amount_minor;
      m.pendingMinor += r.pending_minor;
    }
  }
  return [...months.values()].sort(
    (a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency),
  );
}
