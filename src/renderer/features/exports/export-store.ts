/**
 * The Export view's state: the choice the form starts from (a palette action may preset it), the
 * export under way with its progress (from main's 'export.progress' events), and the outcome. The
 * window never names a file: in Electron `exports.write` opens the main process's save dialog, in
 * the browser host the export is a download.
 */
import { createStore } from 'zustand/vanilla';
import type { CallRequest, CofferApi } from '../../../shared/api';
import type { ExportKind } from '../../../shared/contract/exports';
import type { EventListener } from '../../../shared/events';
import { CofferApiError, errorText } from '../../api/errors';
import type { ExportDownload } from '../../api/export-files';

export type ExportRequestInput = CallRequest<'exports.write'>;

export type ExportOutcome =
  { status: 'saved' | 'downloaded'; name: string; rows: number } | { status: 'cancelled' };

export interface ExportPreset {
  kind: ExportKind;
  year: number;
}

export interface ExportState {
  preset: ExportPreset;
  /** The export is a download (the browser host), not a save dialog (Electron). */
  download: boolean;
  running: boolean;
  progress: { rows: number; total: number } | null;
  last: ExportOutcome | null;
  error: { code: string | null; text: string } | null;
  choose(preset: ExportPreset): void;
  run(request: ExportRequestInput): Promise<boolean>;
}

export function createExportStore(
  api: CofferApi,
  onEvent: (listener: EventListener) => () => void,
  download: ExportDownload | null,
  now: () => Date = () => new Date(),
) {
  const store = createStore<ExportState>()((set) => ({
    preset: { kind: 'transactions', year: now().getFullYear() - 1 },
    download: download !== null,
    running: false,
    progress: null,
    last: null,
    error: null,
    choose: (preset) => set({ preset }),
    async run(request) {
      set({ running: true, progress: null, error: null, last: null });
      try {
        if (download) {
          const { name, rows } = await download.download(request);
          set({ last: { status: 'downloaded', name, rows }, progress: { rows, total: rows } });
          return true;
        }
        const result = await api['exports.write'](request);
        if (result.status === 'cancelled') {
          set({ last: result, progress: null });
          return false;
        }
        set({
          last: { status: 'saved', name: result.name, rows: result.rows },
          progress: { rows: result.rows, total: result.rows },
        });
        return true;
      } catch (error) {
        set({ error: { code: error instanceof CofferApiError ? error.code : null, text: errorText(error) } });
        return false;
      } finally {
        set({ running: false });
      }
    },
  }));
  onEvent((name, payload) => {
    if (name !== 'export.progress' || !store.getState().running) return;
    const { rows, total } = payload as { rows: number; total: number };
    store.setState({ progress: { rows, total } });
  });
  return store;
}
export type ExportStore = ReturnType<typeof createExportStore>;
