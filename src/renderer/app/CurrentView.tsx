import { useStore } from 'zustand';
import { useAppState } from './shell-context';
import { Nav } from './Nav';
import { RecurringView } from '../features/recurring/RecurringView';
import { RulesView } from '../features/rules/RulesView';
import { SettingsView } from '../features/settings/SettingsView';
import { SpendingView } from '../features/spending/SpendingView';
import { TransactionsView } from '../features/transactions/TransactionsView';

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
