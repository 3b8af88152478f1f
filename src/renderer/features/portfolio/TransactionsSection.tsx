import { useEffect } from 'react';
import { useStore } from 'zustand';
import { formatMoney } from '../../../shared/money';
import { transactionAmount } from '../../ui/format/display';
import { portfolioSlice, TRANSACTIONS_PAGE, type InvestmentFilter } from './slice';

const QUANTITY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

const words = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | null;
  options: readonly { value: string; label: string }[];
  onChange(value: string | null): void;
}) {
  return (
    <label className="filter-field">
      {label}{' '}
      <select aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Investment transactions a page at a time with their filters, and the yearly dividends, interest and fees of every match. */
export function TransactionsSection({
  accounts,
}: {
  accounts: readonly { accountId: string; name: string }[];
}) {
  const { transactions } = portfolioSlice.useSlice();
  const s = useStore(transactions);
  useEffect(() => {
    void transactions.getState().load();
  }, [transactions]);
  const set = (patch: Partial<InvestmentFilter>) => void s.setFilter(patch);
  const shown = s.transactions.length;
  const f = s.filter;
  return (
    <section className="portfolio-section" aria-labelledby="investment-transactions-title">
      <h3 id="investment-transactions-title">Investment transactions</h3>
      <div className="filter-row-portfolio" role="group" aria-label="Filter investment transactions">
        <Choice
          label="Account"
          value={f.accountId}
          options={accounts.map((a) => ({ value: a.accountId, label: a.name }))}
          onChange={(accountId) => set({ accountId })}
        />
        <Choice
          label="Type"
          value={f.type}
          options={s.options.types.map((t) => ({ value: t, label: words(t) }))}
          onChange={(type) => set({ type })}
        />
        <Choice
          label="Subtype"
          value={f.subtype}
          options={s.options.subtypes.map((t) => ({ value: t, label: words(t) }))}
          onChange={(subtype) => set({ subtype })}
        />
        <Choice
          label="Security"
          value={f.securityId}
          options={s.options.securities.map((o) => ({ value: o.id, label: o.name }))}
          onChange={(securityId) => set({ securityId })}
        />
        <label className="filter-field">
          From{' '}
          <input type="date" value={f.from ?? ''} onChange={(e) => set({ from: e.target.value || null })} />
        </label>
        <label className="filter-field">
          To <input type="date" value={f.to ?? ''} onChange={(e) => set({ to: e.target.value || null })} />
        </label>
      </div>

      <h4>Dividends, interest and fees per year</h4>
      {s.yearly.length === 0 ? (
        <p className="muted">{s.loaded ? 'No investment transactions match.' : 'Loading…'}</p>
      ) : (
        <table
          className="data-table"
          data-testid="investment-yearly"
          aria-label="Dividends, interest and fees per year"
        >
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col" className="num">
                Dividends
              </th>
              <th scope="col" className="num">
                Interest
              </th>
              <th scope="col" className="num">
                Fees
              </th>
            </tr>
          </thead>
          <tbody>
            {s.yearly.map((y) => (
              <tr key={`${y.year}:${y.currency}`} data-testid="investment-year" data-year={y.year}>
                <th scope="row">
                  {y.year} ({y.currency})
                </th>
                <td className="num">{formatMoney(y.dividendsMinor, y.currency)}</td>
                <td className="num">{formatMoney(y.interestMinor, y.currency)}</td>
                <td className="num">{formatMoney(y.feesMinor, y.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {s.transactions.length > 0 && (
        <>
          <p className="muted small" data-testid="investment-transactions-count">
            {s.total} transactions
            {s.total > shown ? `, the newest ${shown} shown` : ''}
          </p>
          <table
            className="data-table"
            data-testid="investment-transactions"
            aria-label="Investment transactions"
          >
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Account</th>
                <th scope="col">Security</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Fees
                </th>
              </tr>
            </thead>
            <tbody>
              {s.transactions.map((t) => {
                const amount = transactionAmount(t.amountMinor, t.currency);
                return (
                  <tr key={t.id} data-testid="investment-transaction" data-kind={t.kind}>
                    <td>{t.date}</td>
                    <td>{t.accountName}</td>
                    <td>{t.ticker ?? t.securityName ?? (t.securityId ? 'No ticker' : '—')}</td>
                    <td>
                      {words(t.type)} · {t.label}
                    </td>
                    <td className="num">{t.quantity === 0 ? '' : QUANTITY.format(t.quantity)}</td>
                    <td className="num">{t.price === 0 ? '' : `${t.price} ${t.currency}`}</td>
                    <td className={`num${amount.incoming ? ' amount-in' : ''}`}>{amount.text}</td>
                    <td className="num">{t.feesMinor ? formatMoney(t.feesMinor, t.currency) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {s.next && (
            <button
              type="button"
              className="button button-quiet"
              disabled={s.loadingMore}
              onClick={() => void s.loadMore()}
            >
              Show {Math.min(TRANSACTIONS_PAGE, s.total - shown)} more
            </button>
          )}
        </>
      )}
    </section>
  );
}
