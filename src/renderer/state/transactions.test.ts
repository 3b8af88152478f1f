import { describe, expect, it } from 'vitest';
import type { CofferApi, Transaction } from '../../shared/api';
import { createErrorsStore } from './errors';
import { createTransactionsStore } from './transactions';

function tx(n: number): Transaction {
  return {
    id: `tx-${n}`,
    accountId: 'acc',
    accountName: 'Checking',
    date: '2025-01-01',
    authorizedDate: null,
    name: `Purchase ${n}`,
    merchantName: null,
    amountMinor: 100 * n,
    currency: 'USD',
    pending: false,
    categoryPrimary: null,
    categoryDetailed: null,
  };
}

/** A ledger stand-in for paging only: keyset cursor = index of the next row. */
function pagedApi(total: number, gate?: { wait: Promise<void> }) {
  const all = Array.from({ length: total }, (_, i) => tx(i));
  const requests: { limit?: number; after?: string | null }[] = [];
  const api = {
    'transactions.list': async (req: { limit?: number; after?: string | null }) => {
      requests.push(req);
      if (req.after && gate) await gate.wait;
      const from = req.after ? Number(req.after) : 0;
      const limit = req.limit ?? 200;
      const rows = all.slice(from, from + limit);
      const next = from + limit < total ? String(from + limit) : null;
      return { transactions: rows, next, total };
    },
  } as unknown as CofferApi;
  return { api, requests, all };
}

describe('transactions store', () => {
  it('pages with the keyset cursor until the end', async () => {
    const { api } = pagedApi(450);
    const store = createTransactionsStore(api, createErrorsStore());
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ total: 450, next: '200' });
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
    expect(requests.at(-1)).toEqual({ limit: 400, after: null });
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
});
