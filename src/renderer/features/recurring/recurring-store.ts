import { createStore } from 'zustand/vanilla';
import type { CofferApi, RecurringStream } from '../../../shared/api';
import type { ErrorsStore } from '../../ui/errors-store';

export interface RecurringState {
  streams: RecurringStream[];
  updatedAt: string | null;
  loaded: boolean;
  load(): Promise<void>;
}

export function createRecurringStore(api: CofferApi, errors: ErrorsStore) {
  return createStore<RecurringState>()((set) => ({
    streams: [],
    updatedAt: null,
    loaded: false,
    async load() {
      try {
        const { streams, updatedAt } = await api['recurring.list']({ accountId: null });
        set({ streams, updatedAt, loaded: true });
      } catch (error) {
        errors.getState().report(error);
      }
    },
  }));
}
export type RecurringStore = ReturnType<typeof createRecurringStore>;
