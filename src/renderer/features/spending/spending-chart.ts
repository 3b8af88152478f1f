import type { IncomeExpenseMonth, SpendingCell } from '../../../shared/api';
import { fromMinor } from '../../../shared/money';
import { categoryColor } from '../../ui/category-color';
import { monthLabel, monthsBetween } from '../../ui/months';

export interface ChartSeries {
  /** recharts dataKey: `s<index>`, because category ids may hold characters recharts reads as paths. */
  key: string;
  category: string;
  name: string;
  /** The category's own colour (ui/category-color.ts), the same in every dataset. */
  color: string;
  totalMinor: number;
}

/** One bar's worth of a month: `label`, and each series' value in major units under its key. */
export type ChartRow = { month: string; label: string } & Record<string, number | string>;

export interface StackedChart {
  currency: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** The cell behind a segment, for tooltips and the drill-down. */
  cell(month: string, category: string): SpendingCell | undefined;
}

/** Currencies present, the largest spending first: one chart per currency, never mixed. */
export function chartCurrencies(cells: { currency: string; amountMinor?: number }[]): string[] {
  const totals = new Map<string, number>();
  for (const c of cells) totals.set(c.currency, (totals.get(c.currency) ?? 0) + Math.abs(c.amountMinor ?? 0));
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/**
 * Spending cells (month × category × currency) as rows of a stacked bar chart for one currency:
 * every month of the range present (empty months show as gaps, not missing bars), series ordered
 * by their total so the largest sits at the bottom of each stack.
 */
export function stackSpending(
  cells: SpendingCell[],
  currency: string,
  from: string,
  to: string,
): StackedChart {
  const mine = cells.filter((c) => c.currency === currency);
  const byCategory = new Map<string, { name: string; totalMinor: number }>();
  const byKey = new Map<string, SpendingCell>();
  for (const c of mine) {
    const entry = byCategory.get(c.category) ?? { name: c.categoryName, totalMinor: 0 };
    entry.totalMinor += c.amountMinor;
    byCategory.set(c.category, entry);
    byKey.set(`${c.month}|${c.category}`, c);
  }
  const series: ChartSeries[] = [...byCategory.entries()]
    .sort((a, b) => b[1].totalMinor - a[1].totalMinor || a[0].localeCompare(b[0]))
    .map(([category, { name, totalMinor }], i) => ({
      key: `s${i}`,
      category,
      name,
      color: categoryColor(category),
      totalMinor,
    }));
  const rows = monthsBetween(from, to).map((month) => {
    const row: ChartRow = { month, label: monthLabel(month) };
    for (const s of series) {
      const cell = byKey.get(`${month}|${s.category}`);
      row[s.key] = cell ? fromMinor(cell.amountMinor, currency) : 0;
    }
    return row;
  });
  return { currency, series, rows, cell: (month, category) => byKey.get(`${month}|${category}`) };
}

/** The detailed categories of one group, for the drill-down chart. */
export function cellsOfGroup(
  cells: SpendingCell[],
  group: string,
  groupOf: (category: string) => string | undefined,
): SpendingCell[] {
  return cells.filter((c) => (groupOf(c.category) ?? c.category) === group);
}

export interface IncomeExpenseRow extends Record<string, number | string> {
  month: string;
  label: string;
  income: number;
  expenses: number;
  incomeMinor: number;
  expensesMinor: number;
  pendingMinor: number;
}

/** Income and expenses side by side per month of the range, for one currency. */
export function incomeVsExpenses(
  months: IncomeExpenseMonth[],
  currency: string,
  from: string,
  to: string,
): IncomeExpenseRow[] {
  const byMonth = new Map(months.filter((m) => m.currency === currency).map((m) => [m.month, m]));
  return monthsBetween(from, to).map((month) => {
    const m = byMonth.get(month);
    const incomeMinor = m?.incomeMinor ?? 0;
    const expensesMinor = m?.expensesMinor ?? 0;
    return {
      month,
      label: monthLabel(month),
      income: fromMinor(incomeMinor, currency),
      expenses: fromMinor(expensesMinor, currency),
      incomeMinor,
      expensesMinor,
      pendingMinor: m?.pendingMinor ?? 0,
    };
  });
}

/**
 * What the Spending view tells its reader, in their words: the same rules as SPENDING_DEFINITION
 * without the API's vocabulary (signs, field names).
 */
export const SPENDING_HELP =
  'Spending is the money that left your accounts, by category. Refunds are taken off their category; ' +
  'moves between your own accounts and transactions you excluded are left out; purchases still pending ' +
  'count, and are outlined. A purchase counts in the month you made it, even if it posted later. ' +
  'Each currency has its own chart: they are never added together.';

/** Issue 7's definition, word for word, behind the view's "Exact definition" (ARCHITECTURE.md too). */
export const SPENDING_DEFINITION =
  "Spending means: money out (Plaid's positive amounts) by category, refunds netted against their category, " +
  "transfers between the user's own accounts excluded, pending included and marked, month by authorized_date " +
  'when present else date, one series per currency.';
