import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AllocationSlice, PortfolioHoldings } from '../../../shared/contract/portfolio';
import { formatMoney } from '../../../shared/money';
import { percent, slicesByCurrency } from './portfolio';

const DIMENSIONS = [
  { id: 'byType', title: 'By security type' },
  { id: 'byAccount', title: 'By account' },
  { id: 'byCurrency', title: 'By currency' },
] as const;

/** A chart of one dimension in one currency, its numbers in a table beside it. */
function AllocationChart({
  dimension,
  title,
  currency,
  slices,
}: {
  dimension: string;
  title: string;
  currency: string;
  slices: readonly AllocationSlice[];
}) {
  const rows = slices.map((s) => ({ label: s.label, weight: Math.round(s.weight * 10_000) / 100 }));
  return (
    <div
      className="chart-beside-table"
      data-testid="allocation"
      data-dimension={dimension}
      data-currency={currency}
    >
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={Math.max(120, 36 * rows.length + 40)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="label" width={120} />
            <Tooltip formatter={(v) => `${String(v)}%`} />
            <Bar dataKey="weight" name={`Weight (${currency})`} fill="#1f6feb" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="data-table" data-testid="allocation-table" aria-label={`${title} (${currency})`}>
        <thead>
          <tr>
            <th scope="col">{title.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase())}</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {slices.map((s) => (
            <tr key={s.key} data-testid="allocation-row" data-key={s.key} data-value-minor={s.valueMinor}>
              <td>{s.label}</td>
              <td className="num">{formatMoney(s.valueMinor, s.currency)}</td>
              <td className="num">{percent(s.weight)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AllocationSection({ allocation }: { allocation: PortfolioHoldings['allocation'] }) {
  return (
    <section className="portfolio-section" aria-labelledby="allocation-title">
      <h3 id="allocation-title">Allocation</h3>
      {DIMENSIONS.map((d) => (
        <section key={d.id} aria-label={`Allocation ${d.title.toLowerCase()}`}>
          <h4>{d.title}</h4>
          {slicesByCurrency(allocation[d.id]).map(([currency, slices]) => (
            <AllocationChart
              key={currency}
              dimension={d.id}
              title={d.title}
              currency={currency}
              slices={slices}
            />
          ))}
        </section>
      ))}
    </section>
  );
}
