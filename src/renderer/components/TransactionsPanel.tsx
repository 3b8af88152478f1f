import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { Transaction } from '../../shared/api';
import { detailedCategoryLabel, primaryCategoryLabel } from '../format/category';
import { formatDay, transactionAmount } from '../format/display';
import { useAppState } from './app-state-context';

const ROW_HEIGHT = 52;
/** Start fetching the next page this many rows before the user reaches the end of what is loaded. */
const PREFETCH_ROWS = 40;

function TransactionCells({ tx }: { tx: Transaction }) {
  const amount = transactionAmount(tx.amountMinor, tx.currency);
  const title = tx.merchantName ?? tx.name;
  const category = detailedCategoryLabel(tx.categoryPrimary, tx.categoryDetailed);
  const primary = primaryCategoryLabel(tx.categoryPrimary);
  return (
    <>
      <span role="cell" className="col-date">
        {formatDay(tx.date)}
      </span>
      <span role="cell" className="col-name">
        <span className="tx-title">
          {title}
          {tx.pending && <span className="badge badge-pending">Pending</span>}
        </span>
        {tx.merchantName && tx.merchantName !== tx.name && <span className="muted small">{tx.name}</span>}
      </span>
      <span role="cell" className="col-account muted">
        {tx.accountName}
      </span>
      <span role="cell" className="col-category">
        <span>{category ?? '—'}</span>
        {primary && primary !== category && <span className="muted small">{primary}</span>}
      </span>
      <span role="cell" className={`col-amount${amount.incoming ? ' amount-in' : ''}`}>
        {amount.text}
      </span>
    </>
  );
}

export function TransactionsPanel() {
  const { transactions } = useAppState();
  const rows = useStore(transactions, (s) => s.rows);
  const total = useStore(transactions, (s) => s.total);
  const next = useStore(transactions, (s) => s.next);
  const loading = useStore(transactions, (s) => s.loading);
  const loadMore = useStore(transactions, (s) => s.loadMore);
  const scrollRef = useRef<HTMLDivElement>(null);

  // We use no React Compiler; the virtualizer is meant to be read during render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible.length > 0 ? visible[visible.length - 1].index : -1;

  useEffect(() => {
    if (next !== null && !loading && lastVisible >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [lastVisible, rows.length, next, loading, loadMore]);

  return (
    <section className="panel transactions-panel" aria-labelledby="transactions-title">
      <div className="panel-heading">
        <h2 id="transactions-title">Transactions</h2>
        {/* A plain number (no digit grouping) so tests and screen readers read it exactly. */}
        <span className="muted" data-testid="transaction-count" data-total={total}>
          {total} transaction{total === 1 ? '' : 's'}
        </span>
      </div>
      <div className="tx-header" role="presentation">
        <span className="col-date">Date</span>
        <span className="col-name">Description</span>
        <span className="col-account">Account</span>
        <span className="col-category">Category</span>
        <span className="col-amount">Amount</span>
      </div>
      <div
        className="tx-scroll"
        ref={scrollRef}
        data-testid="transactions"
        role="table"
        aria-label="Transactions, newest first"
        aria-rowcount={total}
      >
        {rows.length === 0 && !loading && <p className="empty-list muted">No transactions yet.</p>}
        <div className="tx-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {visible.map((row) => {
            const tx = rows[row.index];
            return (
              <div
                key={tx.id}
                role="row"
                aria-rowindex={row.index + 1}
                className={`tx-row${tx.pending ? ' tx-pending' : ''}`}
                data-testid="transaction-row"
                data-transaction-id={tx.id}
                style={{ transform: `translateY(${row.start}px)`, height: row.size }}
              >
                <TransactionCells tx={tx} />
              </div>
            );
          })}
        </div>
        {loading && rows.length > 0 && <p className="loading-more muted">Loading more…</p>}
      </div>
    </section>
  );
}
