import { useEffect } from 'react';
import { useAppState } from '../../app/shell-context';
import { BackupSection } from './BackupSection';
import { RecoveryKeySection } from './RecoveryKeySection';

/** Security settings: the ledger's encryption and recovery key, and backups (the webhook relay has its own panel). */
export function SettingsView({ onBack }: { onBack?: () => void }) {
  const { security } = useAppState();

  useEffect(() => {
    void security.getState().load();
  }, [security]);

  return (
    <section className="panel view-panel settings-view" aria-labelledby="settings-title">
      <div className="panel-heading">
        <h2 id="settings-title">Settings</h2>
        {onBack && (
          <button type="button" className="button button-quiet" onClick={onBack}>
            Back
          </button>
        )}
      </div>
      <div className="view-body">
        <RecoveryKeySection />
        <BackupSection />
      </div>
    </section>
  );
}
