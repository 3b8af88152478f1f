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

/** The lowest and highest a stacked bar reaches (negatives stack below zero), in major units. */
function stackExtent(chart: StackedChartData): [number, number] {
  let low = 0;
  let high = 0;
  for (const row of chart.rows) {
    let below = 0;
    let above = 0;
    for (const series of chart.series) {
      const value = Number(row[series.key] ?? 0);
      if (value < 0) below += value;
      else above += value;
    }
    low = Math.min(low, below);
    high = Math.max(high, above);
  }
  return [low, high];
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
  const axis = axisMoney(chart.currency);
  const [low, high] = stackExtent(chart);
  return (
    <div className="chart" data-testid={testId} data-currency={chart.currency}>
      <ResponsiveContainer width="100%" height={320}>
        <BarChart data={chart.rows} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis tickFormatter={axis} width={axisWidth(axis, low, high)} />
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
