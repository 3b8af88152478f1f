import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { formatMoney } from '../../../shared/money';
import { spendingDrillDown } from '../transactions/filter-draft';
import { monthLabel } from '../../ui/months';
import {
  cellsOfGroup,
  chartCurrencies,
  incomeVsExpenses,
  SPENDING_DEFINITION,
  SPENDING_HELP,
  stackSpending,
} from './spending-chart';
import { RANGE_CHOICES, type RangeMonths } from './spending-store';
import { useShell } from '../../app/shell-context';
import { spendingSlice } from './slice';
import { UNCATEGORIZED } from '../../../shared/api';
import { IncomeExpensesChart } from './IncomeExpensesChart';
import { StackedChart } from './StackedChart';
import { useViewReady } from '../../ui/view-ready';

export function SpendingView() {
  const shell = useShell();
  const { spending } = spendingSlice.useSlice();
  const s = useStore(spending);
  useViewReady('spending', s.loaded);
  const categories = useStore(shell.categories, (c) => c.categories);

  useEffect(() => {
    void spending.getState().load();
  }, [spending]);

  const currencies = useMemo(
    () => chartCurrencies([...s.cells, ...s.incomeExpenses.map((m) => ({ currency: m.currency }))]),
    [s.cells, s.incomeExpenses],
  );
  const currency = s.currency && currencies.includes(s.currency) ? s.currency : (currencies[0] ?? null);
  const groupOf = useMemo(() => {
    const groups = new Map(categories.map((c) => [c.id, c.group]));
    return (id: string) => groups.get(id);
  }, [categories]);
  const sides = useMemo(() => {
    const groups = categories.filter((c) => c.id === c.group);
    return {
      income: groups.filter((c) => c.side === 'income').map((c) => c.id),
      // Expenses are everything but income (transfers are filtered out by the drill-down itself),
      // rows without a category included.
      expenses: [...groups.filter((c) => c.side !== 'income').map((c) => c.id), UNCATEGORIZED],
    };
  }, [categories]);

  const ready = s.from !== null && s.to !== null && currency !== null;
  const overview = ready ? stackSpending(s.cells, currency, s.from!, s.to!) : null;
  const drill =
    ready && s.group !== null
      ? stackSpending(cellsOfGroup(s.detailedCells, s.group, groupOf), currency, s.from!, s.to!)
      : null;
  // "Drill down" draws below the tables: bring it into view and move focus there, or it seems to do nothing.
  const drillRef = useRef<HTMLElement>(null);
  const drillHeading = useRef<HTMLHeadingElement>(null);
  const drilled = drill !== null ? s.group : null;
  useEffect(() => {
    if (drilled === null) return;
    drillRef.current?.scrollIntoView({ block: 'start' });
    drillHeading.current?.focus({ preventScroll: true });
  }, [drilled]);
  const incomeRows = ready ? incomeVsExpenses(s.incomeExpenses, currency, s.from!, s.to!) : [];
  const groupName = (id: string) =>
    categories.find((c) => c.id === id)?.name ?? overview?.series.find((x) => x.category === id)?.name ?? id;
  const pick = (month: string, category: string | string[]) => {
    if (currency) shell.intents.showTransactions(spendingDrillDown(month, category, currency));
  };

  return (
    <section className="panel view-panel spending-view" aria-labelledby="spending-title">
      <div className="panel-heading">
        <h2 id="spending-title">Spending</h2>
        <div className="header-actions">
          {currencies.length > 1 && (
            <select
              aria-label="Chart currency"
              value={currency ?? ''}
              onChange={(e) => s.setCurrency(e.target.value)}
            >
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
          <select
            aria-label="Months shown"
            value={s.months}
            onChange={(e) => s.setMonths(Number(e.target.value) as RangeMonths)}
          >
            {RANGE_CHOICES.map((m) => (
              <option key={m} value={m}>
                Last {m} months
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="view-body">
        <p className="view-help" data-testid="spending-help">
          {SPENDING_HELP} Click a bar to see the transactions behind it; click a category in the legend (or
          “Drill down” below) to see its detailed categories.
        </p>
        <details className="view-help">
          <summary>Exact definition</summary>
          <p data-testid="spending-definition">{SPENDING_DEFINITION}</p>
        </details>
        {!s.loaded && <p className="muted">Loading…</p>}
        {s.loaded && !overview && <p className="muted">No spending yet.</p>}
        {overview && (
          <>
            <h3>Monthly spending by category{currencies.length > 1 ? ` (${currency})` : ''}</h3>
            {overview.series.length === 0 ? (
              <p className="muted">No spending in these months.</p>
            ) : (
              <StackedChart
                chart={overview}
                testId="spending-chart"
                onPick={pick}
                onLegend={(category) => s.drill(category)}
              />
            )}
            <table className="data-table category-totals" data-testid="category-totals">
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    {monthLabel(s.from!)} – {monthLabel(s.to!)}
                  </th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {overview.series.map((series) => (
                  <tr key={series.category}>
                    <td>
                      <span className="swatch" style={{ background: series.color }} aria-hidden="true" />
                      {series.name}
                    </td>
                    <td className="num">{formatMoney(series.totalMinor, currency!)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-pressed={s.group === series.category}
                        onClick={() => s.drill(s.group === series.category ? null : series.category)}
                      >
                        Drill down
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {drill && s.group && (
              <section aria-label="Category drill-down" data-testid="drill-down" ref={drillRef}>
                <div className="panel-subheading">
                  <h3 tabIndex={-1} ref={drillHeading}>
                    {groupName(s.group)}: by detailed category
                  </h3>
                  <button type="button" className="button button-quiet" onClick={() => s.drill(null)}>
                    Back to all categories
                  </button>
                </div>
                {drill.series.length === 0 ? (
                  <p className="muted">No spending in this category in these months.</p>
                ) : (
                  <StackedChart chart={drill} testId="drill-down-chart" onPick={pick} />
                )}
              </section>
            )}
            <h3>Income vs expenses{currencies.length > 1 ? ` (${currency})` : ''}</h3>
            <IncomeExpensesChart
              rows={incomeRows}
              currency={currency!}
              onPick={(month, side) => pick(month, side === 'income' ? sides.income : sides.expenses)}
            />
          </>
        )}
      </div>
    </section>
  );
}
