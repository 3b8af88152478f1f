import { createStore } from 'zustand/vanilla';

/** The app's views; no router: which one is shown is plain state. */
export const VIEWS = ['transactions', 'spending', 'recurring', 'rules', 'settings'] as const;
export type ViewName = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<ViewName, string> = {
  transactions: 'Transactions',
  spending: 'Spending',
  recurring: 'Recurring',
  rules: 'Rules',
  settings: 'Settings',
};

export interface ViewState {
  view: ViewName;
  go(view: ViewName): void;
}

export function createViewStore() {
  return createStore<ViewState>()((set) => ({
    view: 'transactions',
    go: (view) => set({ view }),
  }));
}
export type ViewStore = ReturnType<typeof createViewStore>;
