import { createStore } from 'zustand/vanilla';

/**
 * A one-shot request from outside a component (a palette action: "focus the search box", "open
 * the new-rule form") that the component takes when it is on screen, even if it mounts later.
 */
export function createRequestStore() {
  return createStore<{ pending: boolean; request(): void; take(): boolean }>()((set, get) => ({
    pending: false,
    request: () => set({ pending: true }),
    take() {
      if (!get().pending) return false;
      set({ pending: false });
      return true;
    },
  }));
}
export type RequestStore = ReturnType<typeof createRequestStore>;
