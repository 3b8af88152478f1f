import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { formatMoney } from '../../../shared/money';
import { axisMoney, axisWidth, chartMoney } from '../../ui/format/display';
import { ChartBar } from '../../ui/ChartBar';
import type { IncomeExpenseRow } from './spending-chart';

type Side = 'income' | 'expenses';

export function IncomeExpensesChart({
  rows,
  currency,
  onPick,
}: {
  rows: IncomeExpenseRow[];
  currency: string;
  onPick(month: string, side: Side): void;
}) {
  const format = chartMoney(currency);
  const axis = axisMoney(currency);
  const high = Math.max(0, ...rows.map((r) => Math.max(Number(r.income), Number(r.expenses))));
  const shape = (side: Side) =>
    function SideBar(props: BarShapeProps) {
      const row = props.payload as IncomeExpenseRow;
      const minor = side === 'income' ? row.incomeMinor : row.expensesMinor;
      return (
        <ChartBar
          shape={props}
          label={`${side === 'income' ? 'Income' : 'Expenses'}, ${row.label}: ${formatMoney(minor, currency)}`}
          testId="income-expense-bar"
          data={{ month: row.month, side }}
          onPick={() => onPick(row.month, side)}
        />
      );
    };
  return (
    <div className="chart" data-testid="income-expenses-chart" data-currency={currency}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis tickFormatter={axis} width={axisWidth(axis, 0, high)} />
          <Tooltip formatter={format} cursor={{ fillOpacity: 0.15 }} />
          <Legend />
          <Bar
            dataKey="income"
            name="Income"
            fill="var(--income)"
            isAnimationActive={false}
            shape={shape('income')}
          />
          <Bar
            dataKey="expenses"
            name="Expenses"
            fill="var(--expense)"
            isAnimationActive={false}
            shape={shape('expenses')}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
