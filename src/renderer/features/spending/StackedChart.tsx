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
import { chartMoney } from '../../ui/format/display';
import { ChartBar } from '../../ui/ChartBar';
import type { ChartRow, ChartSeries, StackedChart as StackedChartData } from './spending-chart';

/** One segment of a stacked bar; segments with pending money in them are outlined (pending is included, and marked). */
function segment(
  chart: StackedChartData,
  series: ChartSeries,
  onPick: (month: string, category: string) => void,
) {
  return function Segment(props: BarShapeProps) {
    const row = props.payload as ChartRow;
    const cell = chart.cell(row.month, series.category);
    if (!cell || cell.amountMinor === 0) return <g />;
    const pending = cell.pendingMinor !== 0;
    const label =
      `${series.name}, ${row.label}: ${formatMoney(cell.amountMinor, chart.currency)}` +
      (pending ? `, of which ${formatMoney(cell.pendingMinor, chart.currency)} pending` : '');
    return (
      <ChartBar
        shape={props}
        label={label}
        testId="chart-bar"
        data={{
          month: row.month,
          category: series.category,
          currency: chart.currency,
          'amount-minor': cell.amountMinor,
          count: cell.count,
        }}
        outlined={pending}
        onPick={() => onPick(row.month, series.category)}
      />
    );
  };
}

export function StackedChart({
  chart,
  onPick,
  onLegend,
  testId,
}: {
  chart: StackedChartData;
  onPick(month: string, category: string): void;
  /** Clicking a legend entry: the category drill-down. */
  onLegend?(category: string): void;
  testId: string;
}) {
  const format = chartMoney(chart.currency);
  return (
    <div className="chart" data-testid={testId} data-currency={chart.currency}>
      <ResponsiveContainer width="100%" height={320}>
        <BarChart data={chart.rows} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis tickFormatter={format} width={90} />
          <Tooltip formatter={format} cursor={{ fillOpacity: 0.15 }} />
          <Legend
            onClick={(entry) => {
              const series = chart.series.find((s) => s.key === entry.dataKey);
              if (series && onLegend) onLegend(series.category);
            }}
            wrapperStyle={onLegend ? { cursor: 'pointer' } : undefined}
          />
          {chart.series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="spending"
              fill={s.color}
              isAnimationActive={false}
              shape={segment(chart, s, onPick)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
