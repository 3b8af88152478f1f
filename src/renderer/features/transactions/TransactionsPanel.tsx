import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { Transaction } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { detailedCategoryLabel, primaryCategoryLabel } from '../categories/category-label';
import { formatDay, transactionAmount } from '../../ui/format/display';
import { useShell } from '../../app/shell-context';
import { transactionsSlice } from './slice';
import { FilterBar } from './FilterBar';
import { FilterSummary } from './FilterSummary';
import { useViewReady } from '../../ui/view-ready';

const ROW_HEIGHT = 52;
/** Start fetching the next page this many rows before the user reaches the end of what is loaded. */
const PREFETCH_ROWS = 40;

/** Small marks after a row's title: what the user should know before trusting its amount. */
export function TransactionMarks({ tx }: { tx: Transaction }) {
  return (
    <>
      {tx.pending && <span className="badge badge-pending">Pending</span>}
      {tx.review && (
        <span
          className="badge badge-review"
          data-testid="needs-review"
          title={`Posted ${formatMoney(tx.amountMinor, tx.currency)}, pending was ${formatMoney(
            tx.review.pendingAmountMinor,
            tx.currency,
          )}`}
        >
          Needs review {tx.review.differenceMinor > 0 ? '+' : '−'}
          {formatMoney(Math.abs(tx.review.differenceMinor), tx.currency)}
        </span>
      )}
      {tx.transfer && (
        <span className="badge badge-transfer" title="Between your own accounts: not counted as spending">
          Transfer
        </span>
      )}
      {tx.splits.length > 0 && <span className="badge badge-split">Split {tx.splits.length}</span>}
      {tx.excluded && (
        <span className="badge badge-excluded" title="You left this out of totals">
          Excluded
        </span>
      )}
    </>
  );
}

function TransactionCells({ tx, groupName }: { tx: Transaction; groupName: string | null }) {
  const amount = transactionAmount(tx.amountMinor, tx.currency);
  const title = tx.name !== tx.originalName ? tx.name : (tx.merchantName ?? tx.name);
  const category = tx.categoryName ?? detailedCategoryLabel(tx.categoryPrimary, tx.categoryDetailed);
  const subtitle = tx.note ?? (tx.merchantName && tx.merchantName !== title ? tx.originalName : null);
  const group = groupName ?? primaryCategoryLabel(tx.categoryPrimary);
  return (
    <>
      <span role="cell" className="col-date">
        {formatDay(tx.date)}
      </span>
      <span role="cell" className="col-name">
        <span className="tx-title">
          <span className="tx-title-text">{title}</span>
          <TransactionMarks tx={tx} />
        </span>
        {(subtitle || tx.tags.length > 0) && (
          <span className="muted small">
            {subtitle}
            {tx.tags.map((tag) => (
              <span key={tag} className="tag">
                #{tag}
              </span>
            ))}
          </span>
        )}
      </span>
      <span role="cell" className="col-account muted">
        {tx.accountName}
      </span>
      <span role="cell" className="col-category" data-category={tx.category ?? ''}>
        <span>{tx.splits.length > 0 ? 'Split' : (category ?? '—')}</span>
        {group && group !== category && tx.splits.length === 0 && (
          <span className="muted small">{group}</span>
        )}
      </span>
      <span role="cell" className={`col-amount${amount.incoming ? ' amount-in' : ''}`}>
        {amount.text}
      </span>
    </>
  );
}

export function TransactionsPanel() {
  const { transactions, detail } = transactionsSlice.useSlice();
  const { categories } = useShell();
  const allCategories = useStore(categories, (s) => s.categories);
  const names = useMemo(() => new Map(allCategories.map((c) => [c.id, c.name])), [allCategories]);
  const rows = useStore(transactions, (s) => s.rows);
  const total = useStore(transactions, (s) => s.total);
  const next = useStore(transactions, (s) => s.next);
  const loading = useStore(transactions, (s) => s.loading);
  const shownFilter = useStore(transactions, (s) => s.shownFilter);
  useViewReady('transactions', shownFilter !== null, shownFilter, { query: shownFilter?.query ?? '' });
  useEffect(() => {
    const { loaded, loading, reload } = transactions.getState();
    if (!loaded && !loading) void reload();
  }, [transactions]);
  const loadMore = useStore(transactions, (s) => s.loadMore);
  const filtered = useStore(transactions, (s) => Object.keys(s.filter).length > 0);
  const selectedId = useStore(detail, (s) => s.selectedId);
  const open = useStore(detail, (s) => s.open);
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
      <FilterBar />
      <FilterSummary />
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
        {rows.length === 0 && !loading && (
          <p className="empty-list muted">
            {filtered ? 'No transactions match these filters.' : 'No transactions yet.'}
          </p>
        )}
        <div className="tx-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {visible.map((row) => {
            const tx = rows[row.index];
            const classes = ['tx-row'];
            if (tx.pending) classes.push('tx-pending');
            if (tx.id === selectedId) classes.push('tx-selected');
            return (
              <div
                key={tx.id}
                role="row"
                aria-rowindex={row.index + 1}
                aria-selected={tx.id === selectedId}
                tabIndex={0}
                className={classes.join(' ')}
                data-testid="transaction-row"
                data-transaction-id={tx.id}
                data-pending={tx.pending}
                style={{ transform: `translateY(${row.start}px)`, height: row.size }}
                onClick={() => void open(tx.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    void open(tx.id);
                  }
                }}
              >
                <TransactionCells
                  tx={tx}
                  groupName={tx.categoryGroup ? (names.get(tx.categoryGroup) ?? null) : null}
                />
              </div>
            );
          })}
        </div>
        {loading && rows.length > 0 && <p className="loading-more muted">Loading more…</p>}
      </div>
    </section>
  );
}
