import { formatMoney } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import { signed, TileList } from '../dashboard/TileList';
import { useTileRead, type TileProps } from '../dashboard/tile';
import { portfolioTileLines } from './portfolio-tile';

/** Investments today and their change over 30 days, with what of it was money put in; per currency. */
export function PortfolioTile(props: TileProps) {
  const { api } = useShell();
  const lines = useTileRead(
    async () => portfolioTileLines((await api['portfolio.history']({ accountId: null })).series),
    props,
  );
  return (
    <TileList
      empty={
        lines
          ? 'No holdings yet: add Investments to a bank in the accounts panel, or link a brokerage.'
          : 'Loading…'
      }
      testId="tile-portfolio-lines"
    >
      {(lines ?? []).map((l) => {
        const money = (m: number) => formatMoney(m, l.currency);
        return (
          <li key={l.currency} className="tile-figure" data-currency={l.currency}>
            <strong className="tile-amount" data-testid="tile-portfolio-amount">
              {money(l.valueMinor)}
            </strong>
            <span className={`muted small ${l.changeMinor < 0 ? 'change-down' : 'change-up'}`}>
              {signed(l.changeMinor, money)} in 30 days
              {l.contributedMinor !== 0 &&
                `, ${signed(l.contributedMinor, money)} of it deposits and withdrawals`}
              {l.estimated && ' (estimated: before the first snapshot)'}
            </span>
          </li>
        );
      })}
    </TileList>
  );
}
