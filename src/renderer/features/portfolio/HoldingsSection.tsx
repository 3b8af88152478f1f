import { useState } from 'react';
import type { PortfolioHoldings } from '../../../shared/contract/portfolio';
import { HoldingsTable } from './HoldingsTable';

const COMBINED = 'combined';

/** Every account's holdings combined, or one account's, chosen in a list. */
export function HoldingsSection({
  holdings,
  initialAccount = COMBINED,
}: {
  holdings: PortfolioHoldings;
  /** The account shown first (the combined table unless told). */
  initialAccount?: string;
}) {
  const [picked, setPicked] = useState(initialAccount);
  const account = holdings.accounts.find((a) => a.accountId === picked) ?? null;
  const shown = account ? account.holdings : holdings.combined;
  return (
    <section className="portfolio-section" aria-labelledby="holdings-title">
      <h3 id="holdings-title">Holdings</h3>
      <label>
        Show{' '}
        <select
          value={account ? picked : COMBINED}
          onChange={(e) => setPicked(e.target.value)}
          aria-label="Holdings of"
        >
          <option value={COMBINED}>All accounts combined</option>
          {holdings.accounts.map((a) => (
            <option key={a.accountId} value={a.accountId}>
              {a.name} · {a.institutionName}
            </option>
          ))}
        </select>
      </label>
      {shown.length === 0 ? (
        <p className="muted" data-testid="holdings-empty">
          {account
            ? `${account.name} holds nothing its institution reported.`
            : 'None of these accounts has holdings from its institution.'}{' '}
          If Investments was not shared when the bank was linked, add it from the accounts panel.
        </p>
      ) : (
        <HoldingsTable
          holdings={shown}
          totals={account ? account.totals : holdings.totals}
          caption={account ? `Holdings of ${account.name}` : 'Holdings of all accounts combined'}
        />
      )}
    </section>
  );
}
