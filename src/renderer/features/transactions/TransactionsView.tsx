import { useStore } from 'zustand';
import { useAppState } from '../../app/shell-context';
import { TransactionsPanel } from './TransactionsPanel';
import { TransactionDrawer } from './TransactionDrawer';

export function TransactionsView() {
  const { detail } = useAppState();
  const open = useStore(detail, (s) => s.selectedId !== null);
  return (
    <div className={`transactions-view${open ? ' with-drawer' : ''}`}>
      <TransactionsPanel />
      {open && <TransactionDrawer />}
    </div>
  );
}
