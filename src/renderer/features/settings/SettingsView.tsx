import { useEffect } from 'react';
import { ViewHeading } from '../../ui/ViewHeading';
import { settingsSlice } from './slice';
import { NotificationSettings } from '../notifications/NotificationSettings';
import { BackupSection } from './BackupSection';
import { RecoveryKeySection } from './RecoveryKeySection';
import { useStore } from 'zustand';
import { useViewReady } from '../../ui/view-ready';

/** Security settings: the ledger's encryption and recovery key, and backups (the webhook relay has its own panel). */
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
        <RecoveryKeySection />
        <BackupSection />
        <NotificationSettings />
      </div>
    </section>
  );
}
