import type { Holding } from '../../../shared/contract/portfolio';
import { formatMoney } from '../../../shared/money';
import { formatDay } from '../../ui/format/display';
import { holdingCells, percent } from './portfolio';

interface Total {
  currency: string;
  valueMinor: number;
  cashMinor: number;
  costBasisMinor: number;
  gainMinor: number;
}

const gainClass = (sign: number) => (sign < 0 ? 'amount-negative' : sign > 0 ? 'amount-positive' : undefined);

/**
 * One table of holdings (an account's, or every account's combined) with a total line per
 * currency: the cash position is its own row, counted once, and currencies are never added.
 */
export function HoldingsTable({
  holdings,
  totals,
  caption,
}: {
  holdings: readonly Holding[];
  totals: readonly Total[];
  caption: string;
}) {
  return (
    <table className="data-table holdings" data-testid="holdings-table" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">Security</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col" className="num">
            Cost basis
          </th>
          <th scope="col" className="num">
            Gain/loss
          </th>
          <th scope="col" className="num">
            Gain/loss %
          </th>
          <th scope="col" className="num">
            Weight
          </th>
        </tr>
      </thead>
      <tbody>
        {holdings.map((h) => {
          const c = holdingCells(h);
          return (
            <tr
              key={`${h.accountId ?? 'all'}:${h.securityId}:${h.currency}`}
              data-testid={h.isCash ? 'holding-cash' : 'holding'}
              data-security-id={h.securityId}
              data-account-id={h.accountId ?? ''}
              data-value-minor={h.valueMinor}
              data-currency={h.currency}
            >
              <td>
                <span className="holding-name">{c.security}</span>{' '}
                {c.detail && <span className="muted small">{c.detail}</span>}
              </td>
              <td>{c.type}</td>
              <td className="num" data-testid="holding-quantity">
                {c.quantity}
              </td>
              <td className="num" data-testid="holding-price">
                {c.price}
                {c.priceAsOf && <span className="muted small block">as of {formatDay(c.priceAsOf)}</span>}
              </td>
              <td className="num" data-testid="holding-value">
                {c.value}
              </td>
              <td className="num" data-testid="holding-cost">
                {c.costBasis}
              </td>
              <td className={`num ${gainClass(c.gainSign) ?? ''}`} data-testid="holding-gain">
                {c.gain}
              </td>
              <td className={`num ${gainClass(c.gainSign) ?? ''}`}>{c.gainPercent}</td>
              <td className="num">{c.weight}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        {totals.map((t) => (
          <tr key={t.currency} data-testid="holdings-total" data-currency={t.currency}>
            <th scope="row" colSpan={4}>
              Total ({t.currency}), cash {formatMoney(t.cashMinor, t.currency)}
            </th>
            <td className="num" data-testid="holdings-total-value">
              {formatMoney(t.valueMinor, t.currency)}
            </td>
            <td className="num">{formatMoney(t.costBasisMinor, t.currency)}</td>
            <td className={`num ${gainClass(Math.sign(t.gainMinor)) ?? ''}`}>
              {formatMoney(t.gainMinor, t.currency)}
            </td>
            <td className="num">{t.costBasisMinor > 0 ? percent(t.gainMinor / t.costBasisMinor) : '—'}</td>
            <td className="num" />
          </tr>
        ))}
      </tfoot>
    </table>
  );
}
