import { useStore } from 'zustand';
import { formatMoney } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import { signed, TileList } from '../dashboard/TileList';
import { useTileRead, type TileProps } from '../dashboard/tile';
import { localToday } from '../../ui/today';
import { monthToDate, spendingFilter } from './month-to-date';

/** This month's spending so far against last month's up to the same day, per currency. */
export function SpendingTile(props: TileProps) {
  const { api, categories } = useShell();
  const list = useStore(categories, (s) => s.categories);
  const loaded = useStore(categories, (s) => s.loaded);
  const rows = useTileRead(
    async () => {
      if (!loaded) return null;
      const { current, previous } = monthToDate(localToday());
      const [now, before] = await Promise.all([
        api['transactions.summary'](spendingFilter(list, current)),
        api['transactions.summary'](spendingFilter(list, previous)),
      ]);
      const currencies = [
        ...new Set([...now.byCurrency, ...before.byCurrency].map((c) => c.currency)),
      ].sort();
      const sum = (s: typeof now, currency: string) =>
        s.byCurrency.find((c) => c.currency === currency)?.sumMinor ?? 0;
      return currencies.map((currency) => ({
        currency,
        now: sum(now, currency),
        before: sum(before, currency),
      }));
    },
    props,
    [loaded, list],
  );
  return (
    <TileList empty={rows ? 'No spending this month or last.' : 'Loading…'} testId="tile-spending-lines">
      {(rows ?? []).map((r) => (
        <li key={r.currency} className="tile-figure" data-currency={r.currency}>
          <strong className="tile-amount" data-testid="tile-spending-now">
            {formatMoney(r.now, r.currency)}
          </strong>
          <span className="muted small">
            so far this month; {formatMoney(r.before, r.currency)} by this day last month (
            {signed(r.now - r.before, (m) => formatMoney(m, r.currency))})
          </span>
        </li>
      ))}
    </TileList>
  );
}
