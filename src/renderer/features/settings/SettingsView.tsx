import { useEffect } from 'react';
import { ViewHeading } from '../../ui/ViewHeading';
import { settingsSlice } from './slice';
import { NotificationSettings } from '../notifications/NotificationSettings';
import { BackupSection } from './BackupSection';
import { RecoveryKeySection } from './RecoveryKeySection';
import { useStore } from 'zustand';
import { useViewReady } from '../../ui/view-ready';
import { DataSection } from '../setup/DataSection';
import { EnvironmentSection } from '../setup/EnvironmentSection';
import { RelaySettings } from '../webhooks/RelaySettings';
import { ThemeChoice } from '../theme/ThemeChoice';

/**
 * Settings: the Plaid environment and keys, the webhook relay, the data folder and sync interval with
 * deleting everything, the ledger's encryption and recovery key, backups (export everything),
 * notifications and the theme.
 */
export function SettingsView({ onBack }: { onBack?: () => void }) {
  const { security } = settingsSlice.useSlice();
  const loaded = useStore(security, (s) => s.loaded);
  useViewReady('settings', loaded);

  useEffect(() => {
    void security.getState().load();
  }, [security]);

  return (
    <section className="panel view-panel settings-view" aria-labelledby="settings-title">
      <ViewHeading id="settings-title" title="Settings" onBack={onBack} />
      <div className="view-body">
        <EnvironmentSection />
        <RelaySettings />
        <DataSection />
        <RecoveryKeySection />
        <BackupSection />
        <NotificationSettings />
        <ThemeChoice />
      </div>
    </section>
  );
}
