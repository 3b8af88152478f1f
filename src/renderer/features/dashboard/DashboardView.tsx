import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShell } from '../../app/shell-context';
import { ViewHeading } from '../../ui/ViewHeading';
import { viewReadyMark } from '../../ui/view-ready';
import { readiness } from './ready-mark';
import { DASHBOARD_VIEW_ID, dashboardSlice } from './slice';
import { TILES } from './tiles';

/** The home screen: where the user stands and what needs them, each tile a way into its view. */
export function DashboardView() {
  const { ledger } = dashboardSlice.useSlice();
  const { navigation } = useShell();
  const generation = useStore(ledger, (s) => s.generation);
  const ready = useMemo(() => {
    const report = readiness(
      TILES.map((t) => t.id),
      () => performance.mark(viewReadyMark(DASHBOARD_VIEW_ID)),
    );
    return Object.fromEntries(TILES.map((t) => [t.id, () => report(t.id)]));
  }, []);
  return (
    <section className="panel view-panel" aria-labelledby="dashboard-title">
      <ViewHeading id="dashboard-title" title="Home" />
      <div className="tiles" data-testid="dashboard">
        {TILES.map(({ id, title, opens, Component }) => (
          <section key={id} className="tile" aria-labelledby={`tile-${id}-title`} data-testid={`tile-${id}`}>
            <div className="tile-heading">
              <h3 id={`tile-${id}-title`}>{title}</h3>
              {opens && (
                <button
                  type="button"
                  className="button button-quiet small"
                  aria-label={`Open ${opens.label}`}
                  onClick={() => navigation.getState().go(opens.view)}
                >
                  Open {opens.label}
                </button>
              )}
            </div>
            <Component generation={generation} ready={ready[id]!} />
          </section>
        ))}
      </div>
    </section>
  );
}
