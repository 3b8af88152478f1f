import { useStore } from 'zustand';
import { AccountsPanel } from '../features/accounts/AccountsPanel';
import { NotificationTray } from '../features/notifications/NotificationTray';
import { settingsView } from '../features/settings/view';
import { Onboarding } from '../features/setup/Onboarding';
import { CurrentView } from './CurrentView';
import { ErrorBanner } from './ErrorBanner';
import { Header } from './Header';
import { Keyboard } from './Keyboard';
import { Nav } from './Nav';
import { useShell } from './shell-context';
import type { MountedView } from './view-entry';
import { HOME_VIEW } from './views';

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
      <NotificationTray />
      {!loaded && <p className="loading muted">Loading…</p>}
      {empty && !Alone && <Onboarding onSettings={() => go(settingsView.id)} />}
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
