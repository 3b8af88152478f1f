import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { activeFilterCount, draftProblems } from './filter-draft';
import { useShell } from '../../app/shell-context';
import { transactionsSlice } from './slice';
import { CategorySelect } from '../categories/CategorySelect';
import { TextField } from '../../ui/TextField';
import { INPUT_LIMITS } from '../../ui/input-limits';
import { useRequest } from '../../ui/use-request';

/**
 * Long enough to send a pasted or auto-repeated burst as one search, short enough that a typist's
 * last keystroke is answered at once: the host drops the searches a newer one made moot.
 */
const SEARCH_DELAY_MS = 30;

/** The search box: typed freely, sent once the typing pauses. */
function SearchBox() {
  const { transactions, searchFocus } = transactionsSlice.useSlice();
  const applied = useStore(transactions, (s) => s.draft.query);
  const input = useRef<HTMLInputElement>(null);
  useRequest(searchFocus, () => input.current?.focus());
  const setDraft = useStore(transactions, (s) => s.setDraft);
  const [text, setText] = useState(applied);
  const [lastApplied, setLastApplied] = useState(applied);
  // A filter set elsewhere (Clear, a chart's drill-down) replaces what the box shows.
  if (applied !== lastApplied) {
    setLastApplied(applied);
    setText(applied);
  }
  useEffect(() => {
    if (text === applied) return;
    const timer = setTimeout(() => setDraft({ query: text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, applied, setDraft]);
  return (
    <input
      ref={input}
      type="search"
      className="search-box"
      aria-label="Search transactions"
      maxLength={INPUT_LIMITS.search}
      placeholder="Search name, merchant, note or category"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setDraft({ query: text });
      }}
    />
  );
}

export function FilterBar() {
  const { transactions } = transactionsSlice.useSlice();
  const shell = useShell();
  const draft = useStore(transactions, (s) => s.draft);
  const filter = useStore(transactions, (s) => s.filter);
  const setDraft = useStore(transactions, (s) => s.setDraft);
  const clearFilters = useStore(transactions, (s) => s.clearFilters);
  const accounts = useStore(shell.accounts, (s) => s.accounts);
  const problems = draftProblems(draft);
  const active = activeFilterCount(filter) + (filter.query ? 1 : 0);
  const currencies = [...new Set(accounts.map((a) => a.currency))].sort();

  return (
    <div className="filter-bar" role="search" aria-label="Filter transactions">
      <div className="filter-row">
        <SearchBox />
        {active > 0 && (
          <button type="button" className="button button-quiet" onClick={clearFilters}>
            Clear filters ({active})
          </button>
        )}
      </div>
      <div className="filter-row filter-controls">
        <select
          aria-label="Account"
          value={draft.accountIds.length === 1 ? draft.accountIds[0] : ''}
          onChange={(e) => setDraft({ accountIds: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.mask ? `${a.name} ••${a.mask}` : a.name}
            </option>
          ))}
        </select>
        <TextField
          label="From date"
          heading="From"
          className="filter-field"
          type="date"
          value={draft.dateFrom}
          onChange={(dateFrom) => setDraft({ dateFrom })}
        />
        <TextField
          label="To date"
          heading="to"
          className="filter-field"
          type="date"
          value={draft.dateTo}
          onChange={(dateTo) => setDraft({ dateTo })}
        />
        {(draft.dateFrom || draft.dateTo) && (
          <select
            aria-label="Dates by"
            value={draft.dateBasis}
            onChange={(e) => setDraft({ dateBasis: e.target.value === 'spending' ? 'spending' : 'date' })}
          >
            <option value="date">by posted date</option>
            <option value="spending">by spending month (authorized date)</option>
          </select>
        )}
        <input
          className="amount-input"
          inputMode="decimal"
          aria-label="Minimum amount"
          placeholder="Min amount"
          title="Money out is positive, money in negative"
          value={draft.amountMin}
          onChange={(e) => setDraft({ amountMin: e.target.value })}
        />
        <input
          className="amount-input"
          inputMode="decimal"
          aria-label="Maximum amount"
          placeholder="Max amount"
          title="Money out is positive, money in negative"
          value={draft.amountMax}
          onChange={(e) => setDraft({ amountMax: e.target.value })}
        />
        <CategorySelect
          label="Category"
          emptyLabel="All categories"
          uncategorized
          value={draft.categories.length === 1 ? draft.categories[0] : ''}
          onChange={(v) => setDraft({ categories: v ? [v] : [] })}
        />
        <input
          className="tags-input"
          aria-label="Tags"
          placeholder="Tags (comma-separated)"
          value={draft.tags.join(',')}
          onChange={(e) => setDraft({ tags: e.target.value.split(',') })}
        />
        <select
          aria-label="Pending"
          value={draft.pending}
          onChange={(e) => setDraft({ pending: e.target.value as typeof draft.pending })}
        >
          <option value="any">Pending and posted</option>
          <option value="pending">Pending only</option>
          <option value="posted">Posted only</option>
        </select>
        <select
          aria-label="Left out of totals"
          value={draft.excluded}
          onChange={(e) => setDraft({ excluded: e.target.value as typeof draft.excluded })}
        >
          <option value="any">Counted and left out</option>
          <option value="hide">Counted only</option>
          <option value="only">Left out of totals only</option>
        </select>
        {(currencies.length > 1 || draft.currency) && (
          <select
            aria-label="Currency"
            value={draft.currency ?? ''}
            onChange={(e) => setDraft({ currency: e.target.value || null })}
          >
            <option value="">All currencies</option>
            {[...new Set([...currencies, ...(draft.currency ? [draft.currency] : [])])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
        <label className="filter-check">
          <input
            type="checkbox"
            checked={draft.excludeTransfers}
            onChange={(e) => setDraft({ excludeTransfers: e.target.checked })}
          />
          Exclude transfers
        </label>
      </div>
      {problems.length > 0 && <p className="filter-problem">{problems.join(' ')}</p>}
    </div>
  );
}
