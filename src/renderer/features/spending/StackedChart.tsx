import type { KeyboardEvent } from 'react';
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
import type { ChartRow, ChartSeries, StackedChart as StackedChartData } from './spending-chart';

const money = (currency: string) => (value: unknown) =>
  formatMoney(toMinor(Number(value), currency), currency);

/**
 * One segment of a stacked bar, drawn by us rather than by recharts so that it is a real control:
 * focusable, named for screen readers, and carrying its month and category for the drill-down.
 * Segments with pending money in them are outlined (pending is included, and marked).
 */
function segment(
  chart: StackedChartData,
  series: ChartSeries,
  onPick: (month: string, category: string) => void,
) {
  return function Segment(props: BarShapeProps) {
    const row = props.payload as ChartRow;
    const cell = chart.cell(row.month, series.category);
    if (!cell || cell.amountMinor === 0 || !props.width || !props.height) return <g />;
    const top = props.height < 0 ? props.y + props.height : props.y;
    const pick = () => onPick(row.month, series.category);
    const pending = cell.pendingMinor !== 0;
    const label =
      `${series.name}, ${row.label}: ${formatMoney(cell.amountMinor, chart.currency)}` +
      (pending ? `, of which ${formatMoney(cell.pendingMinor, chart.currency)} pending` : '');
    return (
      <rect
        className="chart-bar"
        x={props.x}
        y={top}
        width={props.width}
        height={Math.abs(props.height)}
        fill={props.fill}
        stroke={pending ? '#1c2430' : undefined}
        strokeDasharray={pending ? '3 2' : undefined}
        role="button"
        tabIndex={0}
        aria-label={label}
        data-testid="chart-bar"
        data-month={row.month}
        data-category={series.category}
        data-currency={chart.currency}
        data-amount-minor={cell.amountMinor}
        data-count={cell.count}
        onClick={pick}
        onKeyDown={(e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            pick();
          }
        }}
      >
        <title>{label}</title>
      </rect>
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
  const format = money(chart.currency);
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
