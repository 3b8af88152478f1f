import { useState, type FormEvent } from 'react';
import type { KeyEnvironment } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { ENVIRONMENT_HELP, ENVIRONMENT_NAMES, keyErrorText } from './setup-text';

/**
 * The user's own Plaid keys. The fields are write-only: after a save they empty, and a saved secret
 * is never read back (the main process keeps it in the keychain and answers only "saved").
 */
export function PlaidKeysForm({
  initialEnvironment = 'sandbox',
  onSaved,
}: {
  initialEnvironment?: KeyEnvironment;
  onSaved(environment: KeyEnvironment): void;
}) {
  const { api } = useShell();
  const [environment, setEnvironment] = useState<KeyEnvironment>(initialEnvironment);
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setError(null);
    try {
      await api['setup.saveKeys']({ environment, clientId: clientId.trim(), secret: secret.trim() });
      setClientId('');
      setSecret('');
      onSaved(environment);
    } catch (failure) {
      setSecret('');
      setError(keyErrorText(failure));
    } finally {
      setChecking(false);
    }
  };

  return (
    <form className="settings-form" aria-label="Plaid API keys" onSubmit={(e) => void submit(e)}>
      <p className="view-help">
        Coffer talks to Plaid with your own API keys: a <strong>client_id</strong> and a{' '}
        <strong>secret</strong>. Get them free at dashboard.plaid.com → Developers → Keys (sign up first if
        you have no Plaid account). Each environment has its own secret.
      </p>
      <fieldset className="settings-choice">
        <legend>Environment</legend>
        {(['sandbox', 'production'] as const).map((env) => (
          <label key={env} className="settings-radio">
            <input
              type="radio"
              name="plaid-environment"
              value={env}
              checked={environment === env}
              onChange={() => setEnvironment(env)}
            />
            <span>
              <strong>{ENVIRONMENT_NAMES[env]}</strong> — {ENVIRONMENT_HELP[env]}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="settings-field">
        <span>client_id</span>
        <input
          name="plaid-client-id"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={128}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
        />
      </label>
      <label className="settings-field">
        <span>Secret ({ENVIRONMENT_NAMES[environment]})</span>
        <input
          name="plaid-secret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={256}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      </label>
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={checking} aria-busy={checking}>
          {checking ? 'Checking with Plaid…' : 'Check and save keys'}
        </button>
      </div>
      <p className="muted small">
        The keys are checked with Plaid first, then kept in this computer’s keychain. The secret is never
        shown again.
      </p>
      {error && (
        <p className="status status-error" role="alert" data-testid="keys-error">
          {error}
        </p>
      )}
    </form>
  );
}
