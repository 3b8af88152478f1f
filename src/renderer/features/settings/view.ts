import { defineView } from '../../app/view-entry';
import { createSecurityStore } from './security-store';
import { SettingsView } from './SettingsView';
import { settingsSlice, type SettingsSlice } from './slice';

export const settingsView = defineView<SettingsSlice>({
  id: 'settings',
  label: 'Settings',
  place: 'tabs',
  withoutAccounts: true,
  createSlice: (shell) => ({
    security: createSecurityStore(shell.api, {
      backupFiles: shell.backupFiles,
      infoChanged: () => void shell.appInfo.getState().load(),
      ledgerChanged: shell.ledgerChanged,
    }),
  }),
  context: settingsSlice,
  Component: SettingsView,
});
