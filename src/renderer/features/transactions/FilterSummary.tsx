import { useStore } from 'zustand';
import { summaryText } from './summary-text';
import { transactionsSlice } from './slice';

/** Count and net per currency of the filtered set; computed beside the page, never before it. */
export function FilterSummary() {
  const { transactions } = transactionsSlice.useSlice();
  const summary = useStore(transactions, (s) => s.summary);
  const loading = useStore(transactions, (s) => s.summaryLoading);
  return (
    <p
      className="filter-summary muted"
      data-testid="filter-summary"
      data-count={summary?.count}
      aria-live="polite"
      aria-busy={loading}
    >
      {summary ? summaryText(summary) : 'Counting…'}
    </p>
  );
}
