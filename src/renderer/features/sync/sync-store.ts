import { createStore } from 'zustand/vanilla';
import type { CofferApi } from '../../../shared/api';
import type { EventPayload } from '../../../shared/events';
import type { ErrorsStore } from '../../ui/errors-store';
import type { StatusLine, StatusTone } from '../../ui/status-line';
import { syncProgressText, syncSummaryText } from './sync-text';

/** After this long without a word from the sync, the line says what it waits for (as the CLI does). */
export const WAITING_NOTE_MS = 5_000;

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
  return createStore<SyncState>()((set, get) => {
    // A Plaid call that hangs sends no progress: the line must not look as if it still moved.
    let quiet: ReturnType<typeof setTimeout> | null = null;
    const stopWaiting = () => {
      if (quiet !== null) clearTimeout(quiet);
      quiet = null;
    };
    const waitAgain = () => {
      stopWaiting();
      quiet = setTimeout(() => {
        const { running, status } = get();
        if (!running || !status) return;
        set({
          status: { text: `${status.text.replace(/…$/, '')} — waiting for Plaid to answer…`, tone: 'info' },
        });
      }, WAITING_NOTE_MS);
    };
    return {
      running: false,
      status: null,
      async run() {
        if (get().running) return;
        set({ running: true, status: { text: 'Syncing…', tone: 'info' } });
        waitAgain();
        try {
          const { results } = await api['sync.run']({ itemId: null });
          const failed = results.some((r) => r.status === 'error');
          set({
            status: {
              text: syncSummaryText(results, deps.institutionOf),
              tone: failed ? 'error' : 'success',
            },
          });
        } catch (error) {
          set({ status: null });
          errors.getState().report(error);
        } finally {
          stopWaiting();
          set({ running: false });
          deps.afterwards();
        }
      },
      progress(p) {
        const tone: StatusTone = p.phase === 'error' ? 'error' : p.phase === 'done' ? 'success' : 'info';
        set({ status: { text: syncProgressText(p), tone } });
        if (get().running) waitAgain();
      },
    };
  });
}
export type SyncStore = ReturnType<typeof createSyncStore>;
