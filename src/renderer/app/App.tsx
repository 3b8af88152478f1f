import { useStore } from 'zustand';
import { AccountsPanel } from '../features/accounts/AccountsPanel';
import { LinkAction } from '../features/linking/LinkAction';
import { settingsView } from '../features/settings/view';
import { RelaySettings } from '../features/webhooks/RelaySettings';
import { CurrentView } from './CurrentView';
import { ErrorBanner } from './ErrorBanner';
import { Header } from './Header';
import { Keyboard } from './Keyboard';
import { Nav } from './Nav';
import { useShell } from './shell-context';
import type { MountedView } from './view-entry';
import { HOME_VIEW } from './views';

function EmptyState({ onSettings }: { onSettings(): void }) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <h2>No accounts yet — link one to start</h2>
      <p className="muted">
        Coffer keeps your balances and transactions on this computer. Link a bank to bring them in.
      </p>
      <LinkAction />
      <p className="muted small">
        Moving from another computer?{' '}
        <button type="button" className="button button-quiet small" onClick={onSettings}>
          Restore a backup in Settings
        </button>
      </p>
    </section>
  );
}

export function App({ views }: { views: readonly MountedView[] }) {
  const shell = useShell();
  const itemsLoaded = useStore(shell.items, (s) => s.loaded);
  const accountsLoaded = useStore(shell.accounts, (s) => s.loaded);
  const hasItems = useStore(shell.items, (s) => s.items.length > 0);
  const hasAccounts = useStore(shell.accounts, (s) => s.accounts.length > 0);
  const current = useStore(shell.navigation, (s) => s.view);
  const go = useStore(shell.navigation, (s) => s.go);
  const loaded = itemsLoaded && accountsLoaded;
  const empty = loaded && !hasItems && !hasAccounts;
  // Without accounts there is no navigation; views that make sense then (Settings, e.g. to restore a backup) show on their own.
  const Alone = empty ? views.find((v) => v.id === current && v.withoutAccounts)?.View : undefined;

  return (
    <div className="app">
      {/* Exactly one "Link account" button at a time: the empty state carries it until there is data. */}
      <Header showLink={loaded && !empty} />
      <ErrorBanner />
      <RelaySettings />
      {!loaded && <p className="loading muted">Loading…</p>}
      {empty && !Alone && <EmptyState onSettings={() => go(settingsView.id)} />}
      {Alone && (
        <main className="content content-single">
          <Alone onBack={() => go(HOME_VIEW)} />
        </main>
      )}
      {loaded && !empty && (
        <main className="content">
          <AccountsPanel />
          <CurrentView views={views} />
        </main>
      )}
      <Keyboard views={views} />
      <footer className="app-footer">
        <Nav views={views} place="footer" label="About Coffer" className="footer-nav" />
      </footer>
    </div>
  );
}
