import { formatMoney } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import { signed, TileList } from '../dashboard/TileList';
import { useTileRead, type TileProps } from '../dashboard/tile';
import { localToday } from '../../ui/today';
import { formatDay } from '../../ui/format/display';
import { byCurrency, rangeFrom } from './net-worth';

/** Net worth today and its change over 30 days, one line per currency (never added together). */
export function NetWorthTile(props: TileProps) {
  const { api } = useShell();
  const series = useTileRead(async () => {
    const [{ days }, { accounts }] = await Promise.all([
      api['netWorth.series']({ from: rangeFrom('1M', localToday()), to: null }),
      api['netWorth.breakdown']({ date: null }),
    ]);
    return byCurrency(days, accounts);
  }, props);
  return (
    <TileList empty={series ? 'No balances yet.' : 'Loading…'} testId="tile-net-worth-lines">
      {(series ?? []).map((s) => (
        <li key={s.currency} className="tile-figure" data-currency={s.currency}>
          <strong className="tile-amount" data-testid="tile-net-worth-amount">
            {formatMoney(s.days[s.days.length - 1]!.netWorthMinor, s.currency)}
          </strong>
          {s.changeMinor !== null && s.changeFrom !== null && (
            <span className={`muted small ${s.changeMinor < 0 ? 'change-down' : 'change-up'}`}>
              {signed(s.changeMinor, (m) => formatMoney(m, s.currency))}{' '}
              {s.changeFrom === s.days[0]!.date ? 'in 30 days' : `since ${formatDay(s.changeFrom)}`}
            </span>
          )}
        </li>
      ))}
    </TileList>
  );
}
