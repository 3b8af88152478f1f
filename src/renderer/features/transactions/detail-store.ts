import { createStore } from 'zustand/vanilla';
import type { CallRequest, CofferApi, Transaction } from '../../../shared/api';
import { CofferApiError, errorText } from '../../api/errors';

export type TransactionEdit = Omit<CallRequest<'transactions.update'>, 'id'>;
export type SplitParts = CallRequest<'transactions.split'>['parts'];

export interface DetailState {
  selectedId: string | null;
  transaction: Transaction | null;
  /** The row left the ledger while open (a pending row that posted, or one Plaid removed). */
  gone: boolean;
  saving: boolean;
  /** The last edit's failure, shown inside the drawer beside what failed. */
  problem: string | null;
  open(id: string): Promise<void>;
  close(): void;
  /** Re-reads the open row after the ledger changed. */
  refresh(): Promise<void>;
  update(edit: TransactionEdit): Promise<boolean>;
  split(parts: SplitParts): Promise<boolean>;
  unsplit(): Promise<boolean>;
}

export function createDetailStore(api: CofferApi, deps: { edited(tx: Transaction): void }) {
  let generation = 0;
  return createStore<DetailState>()((set, get) => {
    async function read(id: string): Promise<void> {
      const mine = ++generation;
      try {
        const transaction = await api['transactions.get']({ id });
        if (mine === generation && get().selectedId === id) set({ transaction, gone: false });
      } catch (error) {
        if (mine !== generation || get().selectedId !== id) return;
        const notFound = error instanceof CofferApiError && error.code === 'NOT_FOUND';
        set(notFound ? { gone: true } : { problem: errorText(error) });
      }
    }

    async function save(call: () => Promise<Transaction>): Promise<boolean> {
      set({ saving: true, problem: null });
      try {
        const transaction = await call();
        generation++;
        set({ transaction, saving: false });
        deps.edited(transaction);
        return true;
      } catch (error) {
        set({ saving: false, problem: errorText(error) });
        return false;
      }
    }

    return {
      selectedId: null,
      transaction: null,
      gone: false,
      saving: false,
      problem: null,
      async open(id) {
        set({ selectedId: id, transaction: null, gone: false, problem: null });
        await read(id);
      },
      close() {
        generation++;
        set({ selectedId: null, transaction: null, gone: false, problem: null });
      },
      async refresh() {
        const id = get().selectedId;
        if (id !== null && !get().saving) await read(id);
      },
      update(edit) {
        const id = get().selectedId;
        if (id === null) return Promise.resolve(false);
        return save(() => api['transactions.update']({ id, ...edit }));
      },
      split(parts) {
        const id = get().selectedId;
        if (id === null) return Promise.resolve(false);
        return save(() => api['transactions.split']({ id, parts }));
      },
      unsplit() {
        const id = get().selectedId;
        if (id === null) return Promise.resolve(false);
        return save(() => api['transactions.unsplit']({ id }));
      },
    };
  });
}
export type DetailStore = ReturnType<typeof createDetailStore>;
