/**
 * The Export view's state: the choice the form starts from (a palette action may preset it), the
 * export under way with its progress (from main's 'export.progress' events), and the outcome.
 */
import { createStore } from 'zustand/vanilla';
import type { CallRequest, CallResponse, CofferApi } from '../../../shared/api';
import type { ExportKind } from '../../../shared/contract/exports';
import type { EventListener } from '../../../shared/events';
import { CofferApiError, errorText } from '../../api/errors';

export type ExportResult = CallResponse<'exports.write'>;
export type ExportRequestInput = CallRequest<'exports.write'>;

export interface ExportPreset {
  kind: ExportKind;
  year: number;
}

export interface ExportState {
  preset: ExportPreset;
  running: boolean;
  progress: { rows: number; total: number } | null;
  last: ExportResult | null;
  error: { code: string | null; text: string } | null;
  choose(preset: ExportPreset): void;
  run(request: ExportRequestInput): Promise<boolean>;
}

export function createExportStore(
  api: CofferApi,
  onEvent: (listener: EventListener) => () => void,
  now: () => Date = () => new Date(),
) {
  const store = createStore<ExportState>()((set) => ({
    preset: { kind: 'transactions', year: now().getFullYear() - 1 },
    running: false,
    progress: null,
    last: null,
    error: null,
    choose: (preset) => set({ preset }),
    async run(request) {
      set({ running: true, progress: null, error: null, last: null });
      try {
        const last = await api['exports.write'](request);
        set({ last, progress: { rows: last.rows, total: last.rows } });
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
