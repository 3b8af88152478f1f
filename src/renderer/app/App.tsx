import { useStore } from 'zustand';
import { AccountsPanel } from '../features/accounts/AccountsPanel';
import { CurrentView } from './CurrentView';
import { useAppState } from './shell-context';
import { ErrorBanner } from './ErrorBanner';
import { Header } from './Header';
import { LinkAction } from '../features/linking/LinkAction';
import { RelaySettings } from '../features/webhooks/RelaySettings';
import { SettingsView } from '../features/settings/SettingsView';

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

export function App() {
  const state = useAppState();
  const itemsLoaded = useStore(state.items, (s) => s.loaded);
  const accountsLoaded = useStore(state.accounts, (s) => s.loaded);
  const hasItems = useStore(state.items, (s) => s.items.length > 0);
  const hasAccounts = useStore(state.accounts, (s) => s.accounts.length > 0);
  const loaded = itemsLoaded && accountsLoaded;
  const settings = useStore(state.view, (s) => s.view === 'settings');
  const go = useStore(state.view, (s) => s.go);
  const empty = loaded && !hasItems && !hasAccounts;

  return (
    <div className="app">
      {/* Exactly one "Link account" button at a time: the empty state carries it until there is data. */}
      <Header showLink={loaded && !empty} />
      <ErrorBanner />
      <RelaySettings />
      {!loaded && <p className="loading muted">Loading…</p>}
      {/* Without accounts there is no navigation; Settings (e.g. to restore a backup) is reached from the empty state. */}
      {empty && !settings && <EmptyState onSettings={() => go('settings')} />}
      {empty && settings && (
        <main className="content content-single">
          <SettingsView onBack={() => go('transactions')} />
        </main>
      )}
      {loaded && !empty && (
        <main className="content">
          <AccountsPanel />
          <CurrentView />
        </main>
      )}
    </div>
  );
}
