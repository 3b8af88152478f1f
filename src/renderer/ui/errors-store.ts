import { createStore } from 'zustand/vanilla';
import { errorText } from '../api/errors';

export interface ShownError {
  id: number;
  text: string;
}

export interface ErrorsState {
  errors: ShownError[];
  report(error: unknown): void;
  dismiss(id: number): void;
}

export function createErrorsStore() {
  let nextId = 1;
  return createStore<ErrorsState>()((set, get) => ({
    errors: [],
    report(error) {
      const text = errorText(error);
      // Reloads retry the same failing call; one banner line per distinct problem is enough.
      if (get().errors.some((e) => e.text === text)) return;
      set((s) => ({ errors: [...s.errors, { id: nextId++, text }] }));
    },
    dismiss(id) {
      set((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
    },
  }));
}
export type ErrorsStore = ReturnType<typeof createErrorsStore>;
