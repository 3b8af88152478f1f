import { createStore } from 'zustand/vanilla';
import { createSliceContext } from '../../ui/slice-context';

export const DASHBOARD_VIEW_ID = 'dashboard';

export function createGenerationStore() {
  return createStore<{ generation: number; bump(): void }>()((set) => ({
    generation: 0,
    bump: () => set((s) => ({ generation: s.generation + 1 })),
  }));
}

export interface DashboardSlice {
  /** Goes up when the ledger changed; every tile reads again. */
  ledger: ReturnType<typeof createGenerationStore>;
}

export const dashboardSlice = createSliceContext<DashboardSlice>('Dashboard');
