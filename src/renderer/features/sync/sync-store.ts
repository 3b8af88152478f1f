import { createStore } from 'zustand/vanilla';
import type { CofferApi } from '../../../shared/api';
import type { EventPayload } from '../../../shared/events';
import type { ErrorsStore } from '../../ui/errors-store';
import type { StatusLine, StatusTone } from '../../ui/status-line';
import { syncProgressText, syncSummaryText } from './sync-text';

export interface SyncState {
  running: boolean;
  status: StatusLine | null;
  run(): Promise<void>;
  progress(p: EventPayload<'sync.progress'>): void;
}

export function createSyncStore(
  api: CofferApi,
  errors: ErrorsStore,
  deps: { institutionOf(itemId: string): string; afterwards(): void },
) {
  return createStore<SyncState>()((set, get) => ({
    running: false,
    status: null,
    async run() {
      if (get().running) return;
      set({ running: true, status: { text: 'Syncing…', tone: 'info' } });
      try {
        const { results } = await api['sync.run']({ itemId: null });
        const failed = results.some((r) => r.status === 'error');
        set({
          status: { text: syncSummaryText(results, deps.institutionOf), tone: failed ? 'error' : 'success' },
        });
      } catch (error) {
        set({ status: null });
        errors.getState().report(error);
      } finally {
        set({ running: false });
        deps.afterwards();
      }
    },
    progress(p) {
      const tone: StatusTone = p.phase === 'error' ? 'error' : p.phase === 'done' ? 'success' : 'info';
      set({ status: { text: syncProgressText(p), tone } });
    },
  }));
}
export type SyncStore = ReturnType<typeof createSyncStore>;
