import { useState } from 'react';
import { useShell } from '../../app/shell-context';

/** Asks the bank for this Item's balances now (Plaid's real-time balance), then shows when. */
export function RefreshBalances({ itemId }: { itemId: string }) {
  const { api, errors, ledgerChanged } = useShell();
  const [busy, setBusy] = useState(false);
  const [fetchedAt, setFetchedAt] = useState<string | null>(null);
  const refresh = async () => {
    setBusy(true);
    try {
      const { balances } = await api['balances.refresh']({ itemId });
      setFetchedAt(balances[0]?.fetchedAt ?? null);
      ledgerChanged();
    } catch (error) {
      errors.getState().report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="refresh-balances">
      <button
        type="button"
        className="button button-quiet"
        data-testid="refresh-balances"
        disabled={busy}
        onClick={() => void refresh()}
      >
        {busy ? 'Refreshing balances…' : 'Refresh balances'}
      </button>
      {fetchedAt && (
        <span className="muted small" data-testid="balances-fetched-at">
          {' '}
          Balances fetched at {new Date(fetchedAt).toLocaleTimeString()}
        </span>
      )}
    </span>
  );
}
