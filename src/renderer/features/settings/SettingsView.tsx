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

/**
 * Settings: the Plaid environment and keys, the webhook relay, the data folder and sync interval with
 * deleting everything, the ledger's encryption and recovery key, and backups (export everything).
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
      </div>
    </section>
  );
}
