import { useStore } from 'zustand';
import { transactionsSlice } from './slice';
import { TransactionsPanel } from './TransactionsPanel';
import { TransactionDrawer } from './TransactionDrawer';

export function TransactionsView() {
  const { detail } = transactionsSlice.useSlice();
  const open = useStore(detail, (s) => s.selectedId !== null);
  return (
    <div className={`transactions-view${open ? ' with-drawer' : ''}`}>
      <TransactionsPanel />
      {open && <TransactionDrawer />}
    </div>
  );
}
