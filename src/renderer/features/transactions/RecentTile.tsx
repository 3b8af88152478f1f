import { useShell } from '../../app/shell-context';
import { TileList } from '../dashboard/TileList';
import { useTileRead, type TileProps } from '../dashboard/tile';
import { formatDay, transactionAmount } from '../../ui/format/display';

const SHOWN = 6;

/** The newest transactions, as the list shows them. */
export function RecentTile(props: TileProps) {
  const { api } = useShell();
  const rows = useTileRead(async () => {
    const page = await api['transactions.list']({ limit: SHOWN, includeTotal: false });
    return page.transactions;
  }, props);
  return (
    <TileList empty={rows ? 'No transactions yet.' : 'Loading…'} testId="tile-recent-list">
      {(rows ?? []).map((tx) => {
        const amount = transactionAmount(tx.amountMinor, tx.currency);
        return (
          <li key={tx.id} className="tile-row" data-testid="tile-recent-row">
            <span>{tx.name}</span>
            <span className="muted small">
              {formatDay(tx.date)}
              {tx.pending ? ' · pending' : ''}
            </span>
            <span className={`tile-row-amount${amount.incoming ? ' amount-in' : ''}`}>{amount.text}</span>
          </li>
        );
      })}
    </TileList>
  );
}
