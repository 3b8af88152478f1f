import { formatMoney } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import { TileList } from '../dashboard/TileList';
import { useTileRead, type TileProps } from '../dashboard/tile';
import { formatDay } from '../../ui/format/display';
import { whenDue } from './when-due';

const SHOWN = 4;

/** The cards' and loans' next due dates not yet paid, soonest first. */
export function DueDatesTile(props: TileProps) {
  const { api } = useShell();
  const payments = useTileRead(async () => {
    const { payments } = await api['liabilities.upcoming']({});
    return payments.filter((p) => p.state !== 'paid').slice(0, SHOWN);
  }, props);
  return (
    <TileList empty={payments ? 'No payment due.' : 'Loading…'} testId="tile-due-list">
      {(payments ?? []).map((p) => (
        <li key={p.accountId} className="tile-row" data-state={p.state}>
          <span>
            {p.institutionName} {p.accountName}
          </span>
          <span className={`muted small${p.state === 'overdue' ? ' tile-alert' : ''}`}>
            {formatDay(p.dueDate)}, {whenDue(p.daysUntilDue)}
          </span>
          <span className="tile-row-amount">
            {p.amountDueMinor === null ? '—' : formatMoney(p.amountDueMinor, p.currency)}
          </span>
        </li>
      ))}
    </TileList>
  );
}
