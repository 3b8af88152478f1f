import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ValueSeries } from '../../../shared/contract/portfolio';
import { formatMoney } from '../../../shared/money';
import { chartMoney, formatDay } from '../../ui/format/display';
import { estimatedStretches, historyRows, seriesKey } from './portfolio';

function HistoryTable({ series }: { series: ValueSeries }) {
  const c = series.currency;
  return (
    <table className="data-table" data-testid="history-table" aria-label={`Value history of ${series.name}`}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col" className="num">
            Money in (out)
          </th>
          <th scope="col" className="num">
            Net contributions
          </th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {[...series.points].reverse().map((p) => (
          <tr
            key={p.date}
            data-testid="history-row"
            data-date={p.date}
            data-value-minor={p.valueMinor}
            data-estimated={p.estimated}
          >
            <td>{p.date}</td>
            <td className="num">{formatMoney(p.valueMinor, c)}</td>
            <td className="num">{p.flowMinor === 0 ? '' : formatMoney(p.flowMinor, c)}</td>
            <td className="num">{formatMoney(p.netContributionsMinor, c)}</td>
            <td>{p.estimated ? 'Estimated' : 'Snapshot'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Portfolio value over time with net contributions beside it. Reconstructed days are drawn
 * dashed and named as estimated; days with a snapshot are solid.
 */
export function HistorySection({
  series,
  firstSnapshot,
}: {
  series: readonly ValueSeries[];
  firstSnapshot: string | null;
}) {
  const [picked, setPicked] = useState<string | null>(null);
  const shown = series.find((s) => seriesKey(s) === picked) ?? series[0];
  if (!shown || shown.points.length === 0)
    return (
      <section className="portfolio-section" aria-labelledby="history-title">
        <h3 id="history-title">Value over time</h3>
        <p className="muted">No value history yet: it starts with the first sync of an investment account.</p>
      </section>
    );
  const rows = historyRows(shown);
  const stretches = estimatedStretches(shown.points);
  const money = chartMoney(shown.currency);
  const last = shown.points[shown.points.length - 1]!;
  return (
    <section className="portfolio-section" aria-labelledby="history-title" data-testid="value-history">
      <h3 id="history-title">Value over time</h3>
      <label>
        Show{' '}
        <select
          value={seriesKey(shown)}
          onChange={(e) => setPicked(e.target.value)}
          aria-label="Value history of"
        >
          {series.map((s) => (
            <option key={seriesKey(s)} value={seriesKey(s)}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <p>
        <span data-testid="history-value">{formatMoney(last.valueMinor, shown.currency)}</span> on{' '}
        {formatDay(last.date)}, net contributions {formatMoney(last.netContributionsMinor, shown.currency)}{' '}
        since {formatDay(shown.points[0]!.date)}.
      </p>
      <div className="chart" data-testid="history-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" minTickGap={40} />
            <YAxis tickFormatter={money} width={96} />
            <Tooltip formatter={money} />
            <Legend />
            <Line
              dataKey="exact"
              name="Value"
              stroke="#1f6feb"
              dot={rows.length < 40}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="estimated"
              name="Value (estimated)"
              stroke="#1f6feb"
              strokeDasharray="5 4"
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="contributions"
              name="Net contributions"
              stroke="#b45309"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {stretches.length > 0 && (
        <p className="muted small estimated-note" data-testid="history-estimated">
          Estimated (dashed): {stretches.map((s) => `${formatDay(s.from)} – ${formatDay(s.to)}`).join('; ')}.
          Plaid gives no past prices, so these days are reconstructed from today&apos;s holdings and the
          trades;
          {firstSnapshot
            ? ` values are exact on the days of a sync, the first on ${formatDay(firstSnapshot)}.`
            : ''}
        </p>
      )}
      <details>
        <summary>Numbers as a table ({shown.points.length} days)</summary>
        <HistoryTable series={shown} />
      </details>
    </section>
  );
}
