import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorsStore } from './errors-store';

/** What one read call answered, spread into the state, and whether it has answered yet. */
export type ResourceState<T extends object, A extends object = object> = T &
  A & {
    loaded: boolean;
    load(): Promise<void>;
  };

/**
 * A store for one ledger read: `load()` asks again (after a sync, an edit, opening a view); a failed
 * read goes to the error banner and leaves the last answer on screen. `actions` adds calls that
 * change the same data (e.g. creating a category).
 */
export function createResourceStore<T extends object, A extends object = object>(
  initial: T,
  read: () => Promise<T>,
  errors: ErrorsStore,
  actions?: (set: StoreApi<ResourceState<T, A>>['setState']) => A,
) {
  return createStore<ResourceState<T, A>>()((set) => {
    const state = {
      ...initial,
      ...(actions?.(set) ?? ({} as A)),
      loaded: false,
      async load() {
        try {
          const answer = await read();
          set({ ...answer, loaded: true } as Partial<ResourceState<T, A>>);
        } catch (error) {
          errors.getState().report(error);
        }
      },
    };
    return state;
  });
}
export type ResourceStore<T extends object, A extends object = object> = StoreApi<ResourceState<T, A>>;

/** After the ledger changed: a view not opened yet loads when it is, an opened one reads again. */
export function reloadIfLoaded(store: { getState(): { loaded: boolean; load(): Promise<void> } }) {
  return store.getState().loaded ? store.getState().load() : null;
}
