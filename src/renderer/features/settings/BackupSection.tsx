import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { formatBytes } from './backup-path';
import { settingsSlice } from './slice';

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};

/** The browser host moves backups as downloads and uploads; Electron's main process asks where. */
function useInBrowser(): boolean {
  const { security } = settingsSlice.useSlice();
  return useStore(security, (s) => s.inBrowser);
}

function CreateBackup() {
  const { security } = settingsSlice.useSlice();
  const inBrowser = useInBrowser();
  const creating = useStore(security, (s) => s.creating);
  const restoring = useStore(security, (s) => s.restoring);
  const last = useStore(security, (s) => s.lastBackup);
  const error = useStore(security, (s) => s.backupError);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await security.getState().createBackup();
  };

  return (
    <form className="settings-form" aria-label="Create backup" onSubmit={(e) => void submit(e)}>
      <h4>Create a backup</h4>
      <p className="view-help">
        One file with every account, transaction, edit and rule, encrypted like the ledger. It opens with this
        ledger, or anywhere with the recovery key. Bank connections are not in it: on another computer, relink
        them. Keep a copy away from this computer.
      </p>
      <div className="settings-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={creating || restoring}
          aria-busy={creating}
        >
          {creating ? 'Creating backup…' : inBrowser ? 'Download a backup' : 'Create backup…'}
        </button>
      </div>
      {error && (
        <p
          className="status status-error"
          role="alert"
          data-testid="backup-error"
          data-code={error.code ?? ''}
        >
          {error.text}
        </p>
      )}
      {last && !error && (
        <p className="status status-success" data-testid="backup-result" data-name={last.name}>
          {last.status === 'downloaded' ? (
            <>
              Your browser is saving the backup as <code>{last.name}</code>.
            </>
          ) : (
            <>
              Backup written to <code>{last.name}</code> ({formatBytes(last.bytes)}, {when(last.createdAt)})
              {last.encrypted ? ', encrypted.' : '. It is NOT encrypted: this demo ledger has no keychain.'}
            </>
          )}
        </p>
      )}
    </form>
  );
}

function RestoreBackup() {
  const { security } = settingsSlice.useSlice();
  const inBrowser = useInBrowser();
  const creating = useStore(security, (s) => s.creating);
  const restoring = useStore(security, (s) => s.restoring);
  const chosen = useStore(security, (s) => s.chosen);
  const last = useStore(security, (s) => s.lastRestore);
  const error = useStore(security, (s) => s.restoreError);
  const [file, setFile] = useState<File | null>(null);
  // A recovery key typed for a backup of another ledger: local state only, cleared after the restore.
  const [recoveryKey, setRecoveryKey] = useState('');
  const [askKey, setAskKey] = useState(false);
  const needsKey = askKey || error?.code === 'RECOVERY_KEY_NEEDED';
  const key = () => (needsKey && recoveryKey.trim() ? recoveryKey.trim() : null);

  // The file is checked (a Coffer backup, and the key opens it) before anything is asked.
  const check = async (event: FormEvent) => {
    event.preventDefault();
    await security.getState().chooseBackup(file, key());
  };

  const restore = async () => {
    if (await security.getState().restore(key())) {
      setRecoveryKey('');
      setAskKey(false);
    }
  };

  return (
    <form className="settings-form" aria-label="Restore from backup" onSubmit={(e) => void check(e)}>
      <h4>Restore from a backup</h4>
      <p className="view-help">
        Replaces everything in this ledger (accounts, transactions, your edits, rules) with the backup’s.
        Whatever changed since the backup was made is lost.
      </p>
      {inBrowser && (
        <label className="settings-field">
          Backup file
          <input
            name="restore-file"
            type="file"
            accept=".cfrbackup,.cofferbackup,.cfr"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              security.getState().cancelRestore();
            }}
          />
        </label>
      )}
      {needsKey ? (
        <label className="settings-field">
          Recovery key of the ledger the backup came from
          <input
            name="restore-recovery-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={128}
            value={recoveryKey}
            onChange={(e) => setRecoveryKey(e.target.value)}
          />
        </label>
      ) : (
        <button type="button" className="button button-quiet small" onClick={() => setAskKey(true)}>
          The backup is from another computer or an older ledger…
        </button>
      )}
      {chosen ? (
        <div className="settings-confirm" role="alertdialog" aria-labelledby="restore-confirm-text">
          <p id="restore-confirm-text">
            Replace all of this ledger’s data with the backup <code>{chosen.name}</code>, made{' '}
            {when(chosen.createdAt)} ({chosen.items} connection(s), {chosen.accounts} account(s),{' '}
            {chosen.transactions.toLocaleString()} transaction(s))? This cannot be undone; create a backup
            first if you may want today’s data back.
          </p>
          <div className="settings-actions">
            <button type="button" className="button button-danger" onClick={() => void restore()}>
              Replace ledger with backup
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => security.getState().cancelRestore()}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="settings-actions">
          <button
            type="submit"
            className="button"
            disabled={creating || restoring || (inBrowser && !file)}
            aria-busy={restoring}
          >
            {restoring ? 'Checking…' : inBrowser ? 'Check backup…' : 'Choose backup…'}
          </button>
        </div>
      )}
      {error && (
        <p
          className="status status-error"
          role="alert"
          data-testid="restore-error"
          data-code={error.code ?? ''}
        >
          {error.text}
        </p>
      )}
      {last && (
        <p className="status status-success" data-testid="restore-result">
          Restored the backup made {when(last.createdAt)}: {last.items} connection(s), {last.accounts}{' '}
          account(s), {last.transactions.toLocaleString()} transaction(s).
        </p>
      )}
    </form>
  );
}

export function BackupSection() {
  return (
    <section className="settings-section" aria-labelledby="settings-backup-title">
      <h3 id="settings-backup-title">Backups</h3>
      <CreateBackup />
      <RestoreBackup />
    </section>
  );
}
