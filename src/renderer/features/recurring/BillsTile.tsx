import { formatMoney } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import { TileList } from '../dashboard/TileList';
import { useTileRead, type TileProps } from '../dashboard/tile';
import { formatDay } from '../../ui/format/display';
import { localToday } from '../../ui/today';
import { upcomingBills } from './recurring';

const SHOWN = 5;

/** The next bills Plaid's recurring streams predict, soonest first. */
export function BillsTile(props: TileProps) {
  const { api } = useShell();
  const bills = useTileRead(async () => {
    const { streams } = await api['recurring.list']({ accountId: null });
    return upcomingBills(streams, localToday()).slice(0, SHOWN);
  }, props);
  return (
    <TileList empty={bills ? 'No bills expected.' : 'Loading…'} testId="tile-bills-list">
      {(bills ?? []).map((b) => (
        <li key={b.id} className="tile-row">
          <span>{b.merchantName ?? b.description}</span>
          <span className="muted small">{formatDay(b.predictedNextDate!)}</span>
          <span className="tile-row-amount">{formatMoney(Math.abs(b.lastAmountMinor), b.currency)}</span>
        </li>
      ))}
    </TileList>
  );
}
