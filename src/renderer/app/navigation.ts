import { createStore } from 'zustand/vanilla';

/** Which view is shown, by its registry id (app/views.ts); no router: it is plain state. */
export interface NavigationState {
  view: string;
  go(view: string): void;
}

export function createNavigationStore(home: string) {
  return createStore<NavigationState>()((set) => ({
    view: home,
    go: (view) => set({ view }),
  }));
}
export type NavigationStore = ReturnType<typeof createNavigationStore>;
