import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { defaultBackupPath, formatBytes, isAbsolutePath } from './backup-path';
import { useShell } from '../../app/shell-context';
import { settingsSlice } from './slice';

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};

function CreateBackup() {
  const { security } = settingsSlice.useSlice();
  const { appInfo } = useShell();
  const info = useStore(appInfo, (s) => s.info);
  const creating = useStore(security, (s) => s.creating);
  const restoring = useStore(security, (s) => s.restoring);
  const last = useStore(security, (s) => s.lastBackup);
  const error = useStore(security, (s) => s.backupError);
  // The suggestion is fixed when Settings opens; typing replaces it.
  const [openedAt] = useState(() => new Date());
  const [typed, setTyped] = useState<string | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const suggested = info ? defaultBackupPath(info.dataDir, info.environment, openedAt) : '';
  const target = typed ?? suggested;
  const valid = isAbsolutePath(target.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    await security.getState().createBackup(target.trim(), overwrite);
  };

  return (
    <form className="settings-form" aria-label="Create backup" onSubmit={(e) => void submit(e)}>
      <h4>Create a backup</h4>
      <p className="view-help">
        One file with every account, transaction, edit and rule, encrypted like the ledger. It opens with this
        ledger, or anywhere with the recovery key. Bank connections are not in it: on another computer, relink
        them. Keep a copy away from this computer.
      </p>
      <label className="settings-field">
        Save to (a full path)
        <input
          name="backup-path"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={target}
          onChange={(e) => setTyped(e.target.value)}
          aria-invalid={target !== '' && !valid}
        />
      </label>
      {target !== '' && !valid && (
        <p className="status status-error">
          Give a full path, starting with / (or a drive letter on Windows).
        </p>
      )}
      <label className="field-check">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
        Replace the file if it exists
      </label>
      <div className="settings-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={!valid || creating || restoring}
          aria-busy={creating}
        >
          {creating ? 'Creating backup…' : 'Create backup'}
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
          {error.code === 'BACKUP_EXISTS' && ' Tick “Replace the file if it exists” to overwrite it.'}
        </p>
      )}
      {last && !error && (
        <p
          className="status status-success"
          data-testid="backup-result"
          data-path={last.path}
          data-bytes={last.bytes}
        >
          Backup written to <code>{last.path}</code> ({formatBytes(last.bytes)}, {when(last.createdAt)})
          {last.encrypted ? ', encrypted.' : '. It is NOT encrypted: this demo ledger has no keychain.'}
        </p>
      )}
    </form>
  );
}

function RestoreBackup() {
  const { security } = settingsSlice.useSlice();
  const creating = useStore(security, (s) => s.creating);
  const restoring = useStore(security, (s) => s.restoring);
  const lastBackup = useStore(security, (s) => s.lastBackup);
  const last = useStore(security, (s) => s.lastRestore);
  const error = useStore(security, (s) => s.restoreError);
  const [typed, setTyped] = useState<string | null>(null);
  // A recovery key typed for a backup of another ledger: local state only, cleared after the attempt.
  const [recoveryKey, setRecoveryKey] = useState('');
  const [askKey, setAskKey] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const source = typed ?? lastBackup?.path ?? '';
  const valid = isAbsolutePath(source.trim());
  const needsKey = askKey || error?.code === 'RECOVERY_KEY_NEEDED';

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (valid) setConfirming(true);
  };

  const restore = async () => {
    setConfirming(false);
    const key = recoveryKey.trim();
    const ok = await security.getState().restore(source.trim(), needsKey && key ? key : null);
    if (ok) {
      setRecoveryKey('');
      setAskKey(false);
    }
  };

  return (
    <form className="settings-form" aria-label="Restore from backup" onSubmit={ask}>
      <h4>Restore from a backup</h4>
      <p className="view-help">
        Replaces everything in this ledger (accounts, transactions, your edits, rules) with the backup’s.
        Whatever changed since the backup was made is lost.
      </p>
      <label className="settings-field">
        Backup file (a full path)
        <input
          name="restore-path"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={source}
          placeholder="/path/to/coffer-backup.cofferbackup"
          onChange={(e) => {
            setTyped(e.target.value);
            setConfirming(false);
          }}
        />
      </label>
      {needsKey ? (
        <label className="settings-field">
          Recovery key of the ledger the backup came from
          <input
            name="restore-recovery-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={recoveryKey}
            onChange={(e) => setRecoveryKey(e.target.value)}
          />
        </label>
      ) : (
        <button type="button" className="button button-quiet small" onClick={() => setAskKey(true)}>
          The backup is from another computer or an older ledger…
        </button>
      )}
      {confirming ? (
        <div className="settings-confirm" role="alertdialog" aria-labelledby="restore-confirm-text">
          <p id="restore-confirm-text">
            Replace all of this ledger’s data with <code>{source.trim()}</code>? This cannot be undone; create
            a backup first if you may want today’s data back.
          </p>
          <div className="settings-actions">
            <button type="button" className="button button-danger" onClick={() => void restore()}>
              Replace ledger with backup
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="settings-actions">
          <button
            type="submit"
            className="button"
            disabled={!valid || creating || restoring}
            aria-busy={restoring}
          >
            {restoring ? 'Restoring…' : 'Restore from backup…'}
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
