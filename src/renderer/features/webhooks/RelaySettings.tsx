import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { RelayStatus } from '../../../shared/api';
import { useShell } from '../../app/shell-context';

function describe(status: RelayStatus): string {
  if (status.mode === 'off') return 'No relay: Coffer syncs on a timer and when you ask.';
  const where = status.mode === 'embedded' ? 'Demo relay on this computer' : 'Relay';
  const state: Record<RelayStatus['state'], string> = {
    off: 'off',
    connecting: 'connecting…',
    polling: 'connected',
    offline: 'unreachable, retrying',
    unauthorized: 'refused this device’s secret',
    error: 'failing, retrying',
  };
  return `${where}: ${state[status.state]}. ${status.delivered} webhook(s) received${status.rejected ? `, ${status.rejected} rejected` : ''}.`;
}

/** Settings' webhook relay section: its webhook URL and this device's secret (kept in the keychain, write-only). */
export function RelaySettings() {
  const { relay } = useShell();
  const status = useStore(relay, (s) => s.status);
  const saving = useStore(relay, (s) => s.saving);
  const formError = useStore(relay, (s) => s.formError);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');

  useEffect(() => {
    void relay.getState().load();
    const timer = setInterval(() => void relay.getState().load(), 15_000);
    return () => clearInterval(timer);
  }, [relay]);

  if (!status) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await relay.getState().save(url.trim(), secret.trim() || null)) {
      setSecret('');
      setUrl('');
    }
  };

  return (
    <section
      className="settings-section relay-settings"
      data-testid="relay-settings"
      aria-labelledby="settings-relay-title"
    >
      <h3 id="settings-relay-title">Webhooks</h3>
      <p className="muted" data-testid="relay-status">
        {describe(status)}
      </p>
      {status.webhookUrl && (
        <p className="muted">
          Webhook URL: <code>{status.webhookUrl}</code>
        </p>
      )}
      <form className="settings-form" aria-label="Webhook relay" onSubmit={(e) => void submit(e)}>
        <label className="settings-field">
          <span>Relay webhook URL</span>
          <input
            name="relay-url"
            type="url"
            required
            placeholder="https://relay.example.com/hooks/…"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label className="settings-field">
          <span>Device secret</span>
          <input
            name="relay-secret"
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
        <div className="settings-actions">
          <button type="submit" className="button" disabled={saving} aria-busy={saving}>
            Save relay
          </button>
          {status.mode === 'remote' && (
            <button
              type="button"
              className="button"
              disabled={saving}
              onClick={() => void relay.getState().save(null, null)}
            >
              Stop using this relay
            </button>
          )}
        </div>
        {formError && (
          <p className="status status-error" role="alert">
            {formError}
          </p>
        )}
      </form>
    </section>
  );
}
