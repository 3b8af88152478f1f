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
import { formatMoney, toMinor } from '../../../shared/money';
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
  const format = (value: unknown) => formatMoney(toMinor(Number(value), currency), currency);
  const shape = (side: Side) =>
    function SideBar(props: BarShapeProps) {
      const row = props.payload as IncomeExpenseRow;
      if (!props.width || !props.height) return <g />;
      const top = props.height < 0 ? props.y + props.height : props.y;
      const minor = side === 'income' ? row.incomeMinor : row.expensesMinor;
      const label = `${side === 'income' ? 'Income' : 'Expenses'}, ${row.label}: ${formatMoney(minor, currency)}`;
      return (
        <rect
          className="chart-bar"
          x={props.x}
          y={top}
          width={props.width}
          height={Math.abs(props.height)}
          fill={props.fill}
          role="button"
          tabIndex={0}
          aria-label={label}
          data-testid="income-expense-bar"
          data-month={row.month}
          data-side={side}
          onClick={() => onPick(row.month, side)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onPick(row.month, side);
            }
          }}
        >
          <title>{label}</title>
        </rect>
      );
    };
  return (
    <div className="chart" data-testid="income-expenses-chart" data-currency={currency}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis tickFormatter={format} width={90} />
          <Tooltip formatter={format} cursor={{ fillOpacity: 0.15 }} />
          <Legend />
          <Bar
            dataKey="income"
            name="Income"
            fill="#17804f"
            isAnimationActive={false}
            shape={shape('income')}
          />
          <Bar
            dataKey="expenses"
            name="Expenses"
            fill="#d97706"
            isAnimationActive={false}
            shape={shape('expenses')}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
