import { useStore } from 'zustand';
import { useAppState } from './app-state-context';
import { Nav } from './Nav';
import { RecurringView } from './recurring/RecurringView';
import { RulesView } from './rules/RulesView';
import { SettingsView } from './settings/SettingsView';
import { SpendingView } from './spending/SpendingView';
import { TransactionsView } from './transactions/TransactionsView';

/** The navigation and the view it selects (no router: the view is zustand state). */
export function CurrentView() {
  const { view } = useAppState();
  const current = useStore(view, (s) => s.view);
  return (
    <div className="view-area">
      <Nav />
      {current === 'transactions' && <TransactionsView />}
      {current === 'spending' && <SpendingView />}
      {current === 'recurring' && <RecurringView />}
      {current === 'rules' && <RulesView />}
      {current === 'settings' && <SettingsView />}
    </div>
  );
}
