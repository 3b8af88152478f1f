import { defineView } from '../../app/view-entry';
import { createExportStore } from './export-store';
import { exportsSlice, type ExportsSlice } from './slice';

export const exportsView = defineView<ExportsSlice>({
  id: 'exports',
  label: 'Export',
  place: 'tabs',
  createSlice: (shell) => ({ exports: createExportStore(shell.api, shell.onEvent, shell.exportFiles) }),
  context: exportsSlice,
  loadComponent: () => import('./ExportView').then((m) => m.ExportView),
  actions: [
    {
      id: 'export-last-year-tax',
      label: "Export last year's tax CSV",
      run: (slice, shell) => {
        slice.exports.getState().choose({ kind: 'tax-summary', year: new Date().getFullYear() - 1 });
        shell.navigation.getState().go('exports');
      },
    },
    {
      id: 'export-last-year-transactions',
      label: "Export last year's transactions CSV",
      run: (slice, shell) => {
        slice.exports.getState().choose({ kind: 'transactions', year: new Date().getFullYear() - 1 });
        shell.navigation.getState().go('exports');
      },
    },
  ],
});
