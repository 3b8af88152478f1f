import { describe, expect, it } from 'vitest';
import type { CofferApi, Transaction } from '../../../shared/api';
import { CofferApiError } from '../../api/errors';
import { sampleTransaction } from '../../testing/sample';
import { createDetailStore } from './detail-store';

function ledgerApi(rows: Transaction[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const calls: unknown[] = [];
  const notFound = () => new CofferApiError({ code: 'NOT_FOUND', message: 'gone', plaid: null });
  const api = {
    'transactions.get': async ({ id }: { id: string }) => {
      const row = byId.get(id);
      if (!row) throw notFound();
      return row;
    },
    'transactions.update': async (req: { id: string; note?: string | null }) => {
      calls.push(req);
      const row = { ...byId.get(req.id)!, note: req.note ?? null, locked: ['note' as const] };
      byId.set(req.id, row);
      return row;
    },
    'transactions.split': async () => {
      throw new CofferApiError({
        code: 'SPLIT_SUM_MISMATCH',
        message: 'The parts must add up.',
        plaid: null,
      });
    },
  } as unknown as CofferApi;
  return { api, calls, remove: (id: string) => byId.delete(id) };
}

describe('transaction detail', () => {
  it('opens a row, saves an edit and hands the edited row to the list', async () => {
    const { api, calls } = ledgerApi([sampleTransaction(1)]);
    const edited: Transaction[] = [];
    const store = createDetailStore(api, { edited: (tx) => edited.push(tx) });
    await store.getState().open('tx-1');
    expect(store.getState().transaction?.id).toBe('tx-1');
    expect(await store.getState().update({ note: 'lunch' })).toBe(true);
    expect(calls).toEqual([{ id: 'tx-1', note: 'lunch' }]);
    expect(store.getState().transaction).toMatchObject({ note: 'lunch', locked: ['note'] });
    expect(edited.map((t) => t.note)).toEqual(['lunch']);
  });

  it('says so when the open row left the ledger (a pending row that posted)', async () => {
    const { api, remove } = ledgerApi([sampleTransaction(1, { pending: true })]);
    const store = createDetailStore(api, { edited: () => {} });
    await store.getState().open('tx-1');
    remove('tx-1');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ gone: true, selectedId: 'tx-1' });
  });

  it('keeps a refused split open with the reason', async () => {
    const { api } = ledgerApi([sampleTransaction(3)]);
    const store = createDetailStore(api, { edited: () => {} });
    await store.getState().open('tx-3');
    const ok = await store.getState().split([
      { amountMinor: 100, category: 'A' },
      { amountMinor: 100, category: 'B' },
    ]);
    expect(ok).toBe(false);
    expect(store.getState()).toMatchObject({ problem: 'The parts must add up.', saving: false });
  });
});
