/**
 * Files chosen in the main process's native dialogs (backups, exports, Asset Report PDFs): the
 * window (which Electron's model treats as untrusted) only asks for a backup, a restore, an export
 * or a PDF, never
 * names a path.
 */
import path from 'node:path';
import type { BrowserWindow, Dialog, FileFilter } from 'electron';
import type { FilePicker } from '../services/security/handlers';

const BACKUP_FILTERS = [
  { name: 'Coffer backup', extensions: ['cfrbackup', 'cfr'] },
  { name: 'All files', extensions: ['*'] },
];

const PDF_FILTERS = [{ name: 'PDF', extensions: ['pdf'] }];

export type DialogLike = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

export function createDialogPicker(dialog: DialogLike, parent: () => BrowserWindow | null): FilePicker {
  /** A save dialog that itself asks before replacing a file; null when cancelled. */
  const save = async (title: string, buttonLabel: string, defaultPath: string, filters: FileFilter[]) => {
    const options = {
      title,
      defaultPath,
      buttonLabel,
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
        'createDirectory' | 'showOverwriteConfirmation'
      >,
    };
    const win = parent();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    saveBackup: (suggestedName) =>
      save('Save a backup of the ledger', 'Save backup', suggestedName, BACKUP_FILTERS),
    saveExport: (suggestedName, extension) =>
      save('Save the export', 'Export', suggestedName, [
        { name: extension === 'csv' ? 'CSV' : `${extension} file`, extensions: [extension] },
        { name: 'All files', extensions: ['*'] },
      ]),
    savePdf: (suggestedName) => save('Save the Asset Report as PDF', 'Save PDF', suggestedName, PDF_FILTERS),
    async openBackup() {
      const options = {
        title: 'Choose a backup to restore',
        buttonLabel: 'Check backup',
        filters: BACKUP_FILTERS,
        properties: ['openFile'] as Array<'openFile'>,
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const file = result.canceled ? undefined : result.filePaths[0];
      return file ? { file, name: path.basename(file), temporary: false } : null;
    },
  };
}
