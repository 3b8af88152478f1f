import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import { settingsSlice } from './slice';

/**
 * Shows the recovery key on an explicit click. The key lives only in this component's state while
 * the dialog is open: hiding it, acknowledging it or leaving Settings drops it.
 */
export function RecoveryKeySection() {
  const { security } = settingsSlice.useSlice();
  const loaded = useStore(security, (s) => s.loaded);
  const encrypted = useStore(security, (s) => s.ledgerEncrypted);
  const pending = useStore(security, (s) => s.keyPending);
  const busy = useStore(security, (s) => s.keyBusy);
  const error = useStore(security, (s) => s.keyError);
  const [key, setKey] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const keyRef = useRef<HTMLElement>(null);

  // Not shown once the store learns it is gone (acknowledged elsewhere, e.g. `coffer recovery-key --acknowledge`).
  const shown = pending ? key : null;

  const hide = () => {
    setKey(null);
    setCopied(null);
  };

  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown);
      setCopied('Copied. Paste it somewhere safe, away from this computer.');
    } catch {
      // No clipboard permission (or no focus): select the text so the user can copy it by hand.
      const node = keyRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        selection.selectAllChildren(node);
      }
      setCopied('Could not copy automatically: the key is selected, copy it with Ctrl+C (⌘C).');
    }
  };

  const acknowledge = async () => {
    if (await security.getState().acknowledge()) hide();
  };

  return (
    <section className="settings-section" aria-labelledby="settings-recovery-title">
      <h3 id="settings-recovery-title">Ledger encryption and recovery key</h3>
      {!loaded && <p className="muted">Loading…</p>}
      {loaded && (
        <dl className="settings-facts" data-testid="security-status">
          <dt>Ledger</dt>
          <dd data-testid="ledger-encrypted" data-encrypted={encrypted}>
            {encrypted
              ? 'Encrypted on disk; its key is in this computer’s keychain.'
              : 'Not encrypted (demo without a keychain: its data is made up).'}
          </dd>
          {encrypted && (
            <>
              <dt>Recovery key</dt>
              <dd data-testid="recovery-key-state" data-acknowledged={!pending}>
                {pending
                  ? 'Not saved yet: write it down. It reopens the ledger if the keychain entry is lost.'
                  : 'Saved. Coffer no longer keeps it, so it cannot be shown again.'}
              </dd>
            </>
          )}
        </dl>
      )}
      {loaded && encrypted && pending && shown === null && (
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-busy={busy}
          onClick={() => void security.getState().reveal().then(setKey)}
        >
          Show recovery key
        </button>
      )}
      {shown !== null && (
        <div className="recovery-dialog" role="dialog" aria-labelledby="recovery-dialog-title">
          <h4 id="recovery-dialog-title">Your recovery key</h4>
          <p className="view-help">
            Write it down or keep it in a password manager, apart from this computer. With it, this ledger and
            its backups open on another machine or after the keychain entry is lost.
          </p>
          <code
            ref={keyRef}
            className="recovery-key"
            data-testid="recovery-key"
            aria-label="Recovery key"
            translate="no"
          >
            {shown}
          </code>
          <div className="settings-actions">
            <button type="button" className="button" onClick={() => void copy()}>
              Copy
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              aria-busy={busy}
              onClick={() => void acknowledge()}
            >
              I have saved it
            </button>
            <button type="button" className="button button-quiet" onClick={hide}>
              Hide
            </button>
          </div>
          {copied && (
            <p className="muted small" aria-live="polite">
              {copied}
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
