import { useState } from 'react';
import { useStore } from 'zustand';
import type { KeyEnvironment, PlaidEnvironment } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { LinkAction } from '../linking/LinkAction';
import { PlaidKeysForm } from './PlaidKeysForm';
import { ENVIRONMENT_NAMES, keyErrorText, reloadWindow } from './setup-text';

/** Switches the app to another environment and reloads the window on it; a refusal comes back as text. */
export function useEnvironmentSwitch() {
  const { api } = useShell();
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const switchTo = async (environment: PlaidEnvironment) => {
    setSwitching(true);
    setError(null);
    try {
      await api['setup.switchEnvironment']({ environment });
      reloadWindow();
    } catch (failure) {
      setError(keyErrorText(failure));
      setSwitching(false);
    }
  };
  return { switchTo, switching, error };
}

/**
 * The first screen, while nothing is linked: try the demo bank, or bring your own Plaid keys (checked
 * with Plaid, then the app opens on that environment), then link the first account.
 */
export function Onboarding({ onSettings }: { onSettings(): void }) {
  const { appInfo } = useShell();
  const environment = useStore(appInfo, (s) => s.info?.environment ?? null);
  const [ownKeys, setOwnKeys] = useState(false);
  const { switchTo, switching, error } = useEnvironmentSwitch();
  const onSaved = (saved: KeyEnvironment) => void switchTo(saved);

  return (
    <section className="empty-state onboarding" data-testid="empty-state" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">Welcome to Coffer</h2>
      <p className="muted">
        Coffer keeps your balances and transactions on this computer, encrypted. It reaches your banks through
        Plaid.
      </p>
      {environment === 'demo' || environment === null ? (
        <div className="onboarding-choices">
          <div className="onboarding-choice" data-testid="onboarding-demo">
            <h3>Try the demo</h3>
            <p className="muted small">
              A simulated bank with two years of made-up history; nothing leaves this computer. At the bank’s
              login, use <code>user_good</code> and <code>pass_good</code>.
            </p>
            <LinkAction />
          </div>
          <div className="onboarding-choice" data-testid="onboarding-keys">
            <h3>Use your own Plaid keys</h3>
            {ownKeys ? (
              <PlaidKeysForm onSaved={onSaved} />
            ) : (
              <>
                <p className="muted small">
                  For your real accounts (Plaid Production) or Plaid’s test banks (Sandbox). Each keeps its
                  own ledger, separate from the demo’s.
                </p>
                <button type="button" className="button" onClick={() => setOwnKeys(true)}>
                  Enter Plaid keys
                </button>
              </>
            )}
            {switching && <p className="muted small">Opening your environment…</p>}
            {error && (
              <p className="status status-error" role="alert">
                {error}
              </p>
            )}
          </div>
        </div>
      ) : (
        <div className="onboarding-choice" data-testid="onboarding-link">
          <h3>Link your first account ({ENVIRONMENT_NAMES[environment]})</h3>
          {environment === 'sandbox' && (
            <p className="muted small">
              Plaid’s Sandbox banks accept <code>user_good</code> / <code>pass_good</code>.
            </p>
          )}
          <LinkAction />
          <p className="muted small">
            <button
              type="button"
              className="button button-quiet small"
              disabled={switching}
              onClick={() => void switchTo('demo')}
            >
              Back to the demo
            </button>
          </p>
          {error && (
            <p className="status status-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      <p className="muted small">
        Moving from another computer?{' '}
        <button type="button" className="button button-quiet small" onClick={onSettings}>
          Restore a backup in Settings
        </button>
      </p>
    </section>
  );
}
