import type { SeriesPerformance } from '../../../shared/contract/portfolio';
import { formatDay } from '../../ui/format/display';
import { returnCell } from './portfolio';

const PERIOD_NAMES: Record<string, string> = {
  '1M': '1 month',
  '3M': '3 months',
  YTD: 'Year to date',
  '1Y': '1 year',
  ALL: 'All history',
};

/**
 * Time-weighted and money-weighted returns per series and period. An estimate says so; a figure
 * nobody knows reads "Unavailable" with the reason, never 0%.
 */
export function ReturnsTable({ series }: { series: readonly SeriesPerformance[] }) {
  const periods = series[0]?.periods.map((p) => p.period) ?? [];
  return (
    <table className="data-table returns" data-testid="returns-table" aria-label="Returns">
      <thead>
        <tr>
          <th scope="col">Account</th>
          {periods.map((p) => (
            <th key={p} scope="col" className="num">
              {PERIOD_NAMES[p] ?? p}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={`${s.accountId ?? 'all'}:${s.currency}`} data-testid="returns-row">
            <th scope="row">{s.name}</th>
            {s.periods.map((p) => {
              const cell = returnCell(p);
              return (
                <td
                  key={p.period}
                  className="num"
                  data-testid="return-cell"
                  data-period={p.period}
                  data-quality={cell.quality}
                  title={p.from && p.to ? `${formatDay(p.from)} – ${formatDay(p.to)}` : undefined}
                >
                  {cell.quality === 'unavailable' ? (
                    <>Unavailable</>
                  ) : (
                    <>
                      <span className="block">Time-weighted {cell.twr}</span>
                      <span className="block">Money-weighted {cell.xirr}</span>
                    </>
                  )}
                  {cell.quality === 'estimated' && <span className="badge badge-pending">estimated</span>}
                  {cell.note && <span className="muted small block">{cell.note}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
