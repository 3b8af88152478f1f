import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { DELETE_CONFIRMATION } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { ENVIRONMENT_NAMES, keyErrorText, reloadWindow } from './setup-text';

/** Settings: where the data lives, how often it syncs, and deleting all of this environment's data. */
export function DataSection() {
  const { api, appInfo } = useShell();
  const info = useStore(appInfo, (s) => s.info);
  const [hours, setHours] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [folderNote, setFolderNote] = useState<string | null>(null);

  useEffect(() => {
    api['setup.settings']({}).then(
      (settings) => setHours(String(settings.syncIntervalHours)),
      (failure: unknown) => setError(keyErrorText(failure)),
    );
  }, [api]);

  const openFolder = async () => {
    try {
      const { opened } = await api['setup.openDataFolder']({});
      setFolderNote(opened ? null : 'Open this path in your file manager: the browser cannot open folders.');
    } catch (failure) {
      setFolderNote(keyErrorText(failure));
    }
  };

  const saveInterval = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const value = Number(hours);
    if (!Number.isInteger(value) || value < 1 || value > 48) {
      setError('The sync interval is a whole number of hours from 1 to 48.');
      return;
    }
    try {
      const saved = await api['setup.saveSettings']({ syncIntervalHours: value });
      setStatus(
        `Everything syncs every ${saved.syncIntervalHours} h from the next start (webhooks sync sooner).`,
      );
    } catch (failure) {
      setError(keyErrorText(failure));
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-data-title" data-testid="settings-data">
      <h3 id="settings-data-title">Data and sync</h3>
      {info && (
        <dl className="settings-facts">
          <dt>Data folder</dt>
          <dd>
            <code data-testid="data-folder">{info.dataDir}</code>{' '}
            <button type="button" className="button button-quiet small" onClick={() => void openFolder()}>
              Open data folder
            </button>
          </dd>
        </dl>
      )}
      {folderNote && <p className="muted small">{folderNote}</p>}
      <form className="settings-form" aria-label="Sync interval" onSubmit={(e) => void saveInterval(e)}>
        <label className="settings-field settings-field-short">
          <span>Full sync every (hours)</span>
          <input
            name="sync-interval"
            type="number"
            inputMode="numeric"
            min={1}
            max={48}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </label>
        <div className="settings-actions">
          <button type="submit" className="button">
            Save interval
          </button>
        </div>
      </form>
      {status && (
        <p className="status status-success" role="status">
          {status}
        </p>
      )}
      {error && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
      {info && <DeleteEverything environmentName={ENVIRONMENT_NAMES[info.environment]} />}
    </section>
  );
}

function DeleteEverything({ environmentName }: { environmentName: string }) {
  const { api } = useShell();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (typed !== DELETE_CONFIRMATION) return;
    setBusy(true);
    setError(null);
    try {
      await api['setup.deleteEverything']({ confirm: DELETE_CONFIRMATION });
      reloadWindow();
    } catch (failure) {
      setError(keyErrorText(failure));
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <div className="settings-actions">
        <button type="button" className="button button-danger" onClick={() => setAsking(true)}>
          Delete everything in {environmentName}…
        </button>
      </div>
    );
  }
  return (
    <form className="settings-confirm" aria-label="Delete everything" onSubmit={(e) => void confirm(e)}>
      <p>
        Every linked bank of {environmentName} is removed at Plaid first (so nothing stays billed), then this
        environment’s ledger, its keys in the keychain and its logs are deleted. Make a backup first if you
        may want the data back.
      </p>
      <label className="settings-field">
        <span>Type {DELETE_CONFIRMATION} to confirm</span>
        <input
          name="delete-confirm"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <div className="settings-actions">
        <button
          type="submit"
          className="button button-danger"
          disabled={busy || typed !== DELETE_CONFIRMATION}
          aria-busy={busy}
        >
          {busy ? 'Deleting…' : 'Delete everything'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
