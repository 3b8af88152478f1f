import { describe, expect, it, vi } from 'vitest';
import type { CofferApi, TransactionFilter } from '../../../shared/api';
import { sampleTransaction } from '../../testing/sample';
import { createErrorsStore } from '../../ui/errors-store';
import { createTransactionsStore, SEARCH_SUMMARY_QUIET_MS } from './transactions-store';

type ListRequest = TransactionFilter & { limit?: number; after?: string | null; includeTotal?: boolean };

/** A ledger stand-in for paging and filtering only: keyset cursor = index of the next row. */
function pagedApi(total: number, gate?: { wait: Promise<void> }) {
  const all = Array.from({ length: total }, (_, i) => sampleTransaction(i, { pending: i % 10 === 0 }));
  const matching = (req: TransactionFilter) =>
    all.filter((t) => req.pending === undefined || t.pending === req.pending);
  const requests: ListRequest[] = [];
  const summaries: TransactionFilter[] = [];
  const api = {
    'transactions.list': async (req: ListRequest) => {
      requests.push(req);
      if (req.after && gate) await gate.wait;
      const rows = matching(req);
      const from = req.after ? Number(req.after) : 0;
      const limit = req.limit ?? 200;
      const next = from + limit < rows.length ? String(from + limit) : null;
      return { transactions: rows.slice(from, from + limit), next, total: -1 };
    },
    'transactions.summary': async (req: TransactionFilter) => {
      summaries.push(req);
      const rows = matching(req);
      const sumMinor = rows.reduce((s, t) => s + t.amountMinor, 0);
      return { count: rows.length, byCurrency: [{ currency: 'USD', count: rows.length, sumMinor }] };
    },
  } as unknown as CofferApi;
  return { api, requests, summaries };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('transactions store', () => {
  it('pages with the keyset cursor until the end, the count coming from the summary', async () => {
    const { api, requests } = pagedApi(450);
    const store = createTransactionsStore(api, createErrorsStore());
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ total: 450, next: '200' });
    expect(requests[0]).toEqual({ limit: 200, after: null, includeTotal: false });
    await store.getState().loadMore();
    await store.getState().loadMore();
    expect(store.getState().rows.map((r) => r.id)).toEqual(Array.from({ length: 450 }, (_, i) => `tx-${i}`));
    expect(store.getState().next).toBeNull();
  });

  it('keeps as many rows as were loaded when the ledger changes', async () => {
    const { api, requests } = pagedApi(1000);
    const store = createTransactionsStore(api, createErrorsStore());
    await store.getState().reload();
    await store.getState().loadMore();
    await store.getState().reload();
    expect(requests.at(-1)).toEqual({ limit: 400, after: null, includeTotal: false });
    expect(store.getState().rows).toHaveLength(400);
  });

  it('drops a page that was in flight when the list was reloaded', async () => {
    let release = () => {};
    const gate = { wait: new Promise<void>((resolve) => (release = resolve)) };
    const { api } = pagedApi(600, gate);
    const store = createTransactionsStore(api, createErrorsStore());
    await store.getState().reload();
    const stale = store.getState().loadMore();
    await store.getState().reload();
    release();
    await stale;
    expect(store.getState().rows).toHaveLength(200);
    expect(new Set(store.getState().rows.map((r) => r.id)).size).toBe(200);
  });

  it('sends the filter with every page and the summary, and starts the filtered list from its top', async () => {
    const { api, requests, summaries } = pagedApi(1000);
    const store = createTransactionsStore(api, createErrorsStore());
    await store.getState().reload();
    await store.getState().loadMore();
    store.getState().setDraft({ pending: 'pending' });
    await settle();
    expect(requests.at(-1)).toEqual({ pending: true, limit: 200, after: null, includeTotal: false });
    expect(summaries.at(-1)).toEqual({ pending: true });
    expect(store.getState().total).toBe(100);
    expect(store.getState().rows.every((r) => r.pending)).toBe(true);
    await store.getState().loadMore();
    expect(requests.at(-1)).toMatchObject({ pending: true });
    expect(store.getState().draft.pending).toBe('pending');

    store.getState().clearFilters();
    await settle();
    expect(store.getState().total).toBe(1000);
    expect(store.getState().rows).toHaveLength(200);
  });

  it("asks for a search's count and sum only once its page is shown and the box is still", async () => {
    vi.useFakeTimers();
    try {
      const { api, requests, summaries } = pagedApi(1000);
      const store = createTransactionsStore(api, createErrorsStore());
      for (const query of ['c', 'co', 'cof']) {
        store.getState().setDraft({ query });
        await vi.advanceTimersByTimeAsync(SEARCH_SUMMARY_QUIET_MS / 2);
      }
      // Each keystroke's page was asked for; no prefix's summary was.
      expect(requests.map((r) => r.query)).toEqual(['c', 'co', 'cof']);
      expect(summaries).toEqual([]);
      expect(store.getState().summaryLoading).toBe(true);
      await vi.advanceTimersByTimeAsync(SEARCH_SUMMARY_QUIET_MS);
      expect(summaries).toEqual([{ query: 'cof' }]);
      expect(store.getState()).toMatchObject({ total: 1000, summaryLoading: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a drill-down filter in the bar', async () => {
    const { api, summaries } = pagedApi(10);
    const store = createTransactionsStore(api, createErrorsStore());
    store
      .getState()
      .showFilter({ dateFrom: '2025-01-01', dateTo: '2025-01-31', dateBasis: 'spending', pending: false });
    await settle();
    expect(summaries.at(-1)).toEqual({
      dateFrom: '2025-01-01',
      dateTo: '2025-01-31',
      dateBasis: 'spending',
      pending: false,
    });
    expect(store.getState().draft).toMatchObject({
      dateFrom: '2025-01-01',
      dateBasis: 'spending',
      pending: 'posted',
    });
    expect(store.getState().total).toBe(9);
  });
});
