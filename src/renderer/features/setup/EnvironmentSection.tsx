import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { PlaidEnvironment, type KeysStatus } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { useEnvironmentSwitch } from './Onboarding';
import { PlaidKeysForm } from './PlaidKeysForm';
import { ENVIRONMENT_NAMES, keyErrorText } from './setup-text';

/** Settings: which Plaid environment the app shows (each with its own ledger) and the keys of each. */
export function EnvironmentSection() {
  const { api, appInfo } = useShell();
  const current = useStore(appInfo, (s) => s.info?.environment ?? null);
  const [keys, setKeys] = useState<KeysStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { switchTo, switching, error: switchError } = useEnvironmentSwitch();

  const load = () =>
    api['setup.keys']({}).then(setKeys, (failure: unknown) => setError(keyErrorText(failure)));
  useEffect(() => {
    api['setup.keys']({}).then(setKeys, (failure: unknown) => setError(keyErrorText(failure)));
  }, [api]);

  const forget = async (environment: 'sandbox' | 'production') => {
    try {
      await api['setup.forgetKeys']({ environment });
      setSaved(`${ENVIRONMENT_NAMES[environment]} keys removed from the keychain.`);
      await load();
    } catch (failure) {
      setError(keyErrorText(failure));
    }
  };

  const canOpen = (environment: PlaidEnvironment) =>
    environment === 'demo' ||
    Boolean(
      keys?.environments.find(
        (e) => e.environment === environment && (e.saved || e.fromEnvironmentVariables),
      ),
    );

  return (
    <section
      className="settings-section"
      aria-labelledby="settings-environment-title"
      data-testid="settings-environment"
    >
      <h3 id="settings-environment-title">Plaid environment and keys</h3>
      <p className="view-help">
        Each environment keeps its own ledger: switching never mixes demo, test and real data.
      </p>
      <div className="settings-actions" role="group" aria-label="Environment">
        {PlaidEnvironment.options.map((environment) => (
          <button
            key={environment}
            type="button"
            className={environment === current ? 'button button-primary' : 'button'}
            aria-pressed={environment === current}
            disabled={switching || environment === current || !canOpen(environment)}
            title={canOpen(environment) ? undefined : 'Save this environment’s keys first'}
            onClick={() => void switchTo(environment)}
          >
            {ENVIRONMENT_NAMES[environment]}
          </button>
        ))}
      </div>
      {switchError && (
        <p className="status status-error" role="alert">
          {switchError}
        </p>
      )}
      {keys && (
        <dl className="settings-facts" data-testid="keys-status">
          {keys.environments.map((e) => (
            <div key={e.environment} className="settings-fact">
              <dt>{ENVIRONMENT_NAMES[e.environment]} keys</dt>
              <dd>
                {e.fromEnvironmentVariables
                  ? 'from PLAID_CLIENT_ID / PLAID_SECRET'
                  : e.saved
                    ? 'saved in the keychain (the secret is never shown)'
                    : 'none'}
                {e.saved && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="button button-quiet small"
                      onClick={() => void forget(e.environment)}
                    >
                      Forget {ENVIRONMENT_NAMES[e.environment]} keys
                    </button>
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {keys && !keys.keychainAvailable ? (
        <p className="muted">Keys can be saved only where a system keychain is available.</p>
      ) : (
        <PlaidKeysForm
          onSaved={(environment) => {
            setSaved(`${ENVIRONMENT_NAMES[environment]} keys accepted by Plaid and saved.`);
            void load();
          }}
        />
      )}
      {saved && (
        <p className="status status-success" role="status">
          {saved}
        </p>
      )}
      {error && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
