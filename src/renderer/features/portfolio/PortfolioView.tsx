import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ViewProps } from '../../app/view-entry';
import { ViewHeading } from '../../ui/ViewHeading';
import { AllocationSection } from './AllocationSection';
import { HistorySection } from './HistorySection';
import { HoldingsSection } from './HoldingsSection';
import { ReturnsTable } from './ReturnsTable';
import { portfolioSlice } from './slice';
import { TransactionsSection } from './TransactionsSection';
import { useViewReady } from '../../ui/view-ready';

export function PortfolioView({ onBack }: ViewProps) {
  const { portfolio } = portfolioSlice.useSlice();
  const s = useStore(portfolio);
  useViewReady('portfolio', s.loaded);
  useEffect(() => {
    void portfolio.getState().load();
  }, [portfolio]);
  const holdings = s.holdings;
  const empty = holdings !== null && holdings.accounts.length === 0;
  return (
    <section className="panel view-panel portfolio" data-testid="portfolio" aria-labelledby="portfolio-title">
      <ViewHeading id="portfolio-title" title="Portfolio" onBack={onBack} />
      <div className="view-body">
        {!s.loaded && <p className="muted">Loading…</p>}
        {empty && (
          <div className="empty-state" data-testid="portfolio-empty">
            <p>No investment accounts yet.</p>
            <p className="muted">
              Link a brokerage or retirement account with Investments ticked under “What to connect”, or add
              Investments to a bank you linked from the accounts panel. Banks without investment accounts have
              nothing to show here.
            </p>
          </div>
        )}
        {holdings && !empty && (
          <>
            <p className="view-help">
              Values as each institution last reported them; totals are per currency and never added across
              currencies. Cost basis is what the whole position cost.
            </p>
            <HoldingsSection holdings={holdings} />
            {holdings.combined.length > 0 && <AllocationSection allocation={holdings.allocation} />}
            <HistorySection series={s.history} firstSnapshot={s.firstSnapshot} />
            <section className="portfolio-section" aria-labelledby="returns-title">
              <h3 id="returns-title">Returns</h3>
              <p className="view-help">
                Time-weighted: the investments’ own performance, contributions and withdrawals left out.
                Money-weighted (XIRR): the annual rate your money earned, timing included.
              </p>
              {s.performance.length === 0 ? (
                <p className="muted">No returns yet: they start with a value history.</p>
              ) : (
                <ReturnsTable series={s.performance} />
              )}
            </section>
            <TransactionsSection accounts={holdings.accounts} />
          </>
        )}
      </div>
    </section>
  );
}
