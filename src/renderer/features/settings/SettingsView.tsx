import { useEffect } from 'react';
import { ViewHeading } from '../../ui/ViewHeading';
import { settingsSlice } from './slice';
import { BackupSection } from './BackupSection';
import { RecoveryKeySection } from './RecoveryKeySection';
import { ThemeChoice } from '../theme/ThemeChoice';

/** Security settings (the ledger's encryption and recovery key, backups) and the theme; the webhook relay has its own panel. */
export function SettingsView({ onBack }: { onBack?: () => void }) {
  const { security } = settingsSlice.useSlice();

  useEffect(() => {
    void security.getState().load();
  }, [security]);

  return (
    <section className="panel view-panel settings-view" aria-labelledby="settings-title">
      <ViewHeading id="settings-title" title="Settings" onBack={onBack} />
      <div className="view-body">
        <RecoveryKeySection />
        <BackupSection />
        <ThemeChoice />
      </div>
    </section>
  );
}
