/**
 * Backup files chosen in the main process's native dialogs: the window (which Electron's model
 * treats as untrusted) only asks for a backup or a restore, never names a path.
 */
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { FilePicker } from '../services/security/handlers';

const BACKUP_FILTERS = [
  { name: 'Coffer backup', extensions: ['cfrbackup', 'cfr'] },
  { name: 'All files', extensions: ['*'] },
];

export type DialogLike = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

export function createDialogPicker(dialog: DialogLike, parent: () => BrowserWindow | null): FilePicker {
  return {
    async saveBackup(suggestedName) {
      const options = {
        title: 'Save a backup of the ledger',
        defaultPath: suggestedName,
        buttonLabel: 'Save backup',
        filters: BACKUP_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
          'createDirectory' | 'showOverwriteConfirmation'
        >,
      };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
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
