import type { CofferApi } from '../../../shared/api';
import type { AssetReportContent, AssetReportSummary } from '../../../shared/contract/assets';
import type { BackupFileTransfer } from '../../api/backup-files';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { createSliceContext } from '../../ui/slice-context';

interface AssetActions {
  open: { id: string; content: AssetReportContent | null } | null;
  busy: string | null;
  notice: string | null;
  create(itemIds: string[], days: number): Promise<void>;
  view(id: string): Promise<void>;
  savePdf(id: string): Promise<void>;
  refresh(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export function createAssetsStore(api: CofferApi, errors: ErrorsStore, files: BackupFileTransfer | null) {
  const store = createResourceStore<{ reports: AssetReportSummary[] }, AssetActions>(
    { reports: [] },
    () => api['assets.list']({}),
    errors,
    (set) => {
      const run = async (label: string, work: () => Promise<string | null>) => {
        set({ busy: label, notice: null });
        try {
          const notice = await work();
          set({ notice });
          await store.getState().load();
        } catch (error) {
          errors.getState().report(error);
        } finally {
          set({ busy: null });
        }
      };
      return {
        open: null,
        busy: null,
        notice: null,
        create: (itemIds, days) =>
          run('Asking Plaid for the Asset Report…', async () => {
            await api['assets.create']({ itemIds, daysRequested: days });
            return 'Asset Report requested: Plaid is preparing it.';
          }),
        view: (id) =>
          run('Opening the report…', async () => {
            const { content } = await api['assets.get']({ assetReportId: id });
            set({ open: { id, content } });
            return null;
          }),
        savePdf: (id) =>
          run('Saving the PDF…', async () => {
            if (files) return `Downloaded ${await files.downloadAssetReportPdf(id)}.`;
            const saved = await api['assets.savePdf']({ assetReportId: id });
            return saved.saved ? `Saved ${saved.fileName}.` : null;
          }),
        refresh: (id) =>
          run('Asking Plaid for a fresh report…', async () => {
            await api['assets.refresh']({ assetReportId: id });
            return 'A fresh Asset Report was requested.';
          }),
        remove: (id) =>
          run('Removing the report…', async () => {
            await api['assets.remove']({ assetReportId: id });
            if (store.getState().open?.id === id) set({ open: null });
            return 'Asset Report removed.';
          }),
      };
    },
  );
  return store;
}
export type AssetsStore = ReturnType<typeof createAssetsStore>;

export interface AssetsSlice {
  assets: AssetsStore;
}

export const assetsSlice = createSliceContext<AssetsSlice>('Assets');
