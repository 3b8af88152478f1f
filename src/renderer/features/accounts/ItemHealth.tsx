import { useId, useState } from 'react';
import { useStore } from 'zustand';
import type { Item } from '../../../shared/api';
import { REMEDY_LABEL, showsOwnRemoveButton } from './item-actions';
import { useShell } from '../../app/shell-context';
import { StatusText } from '../../ui/StatusText';

/** One banner per Item that needs something: what happened, and the one thing to do about it. */
export function ItemHealthBanner({ item }: { item: Item }) {
  const { itemActions } = useShell();
  const busyItemId = useStore(itemActions, (s) => s.busyItemId);
  const status = useStore(itemActions, (s) => s.status[item.id] ?? null);
  const run = useStore(itemActions, (s) => s.run);
  const warning = item.health === 'ok' || item.health.startsWith('pending_');
  return (
    <div
      className={`item-health ${warning ? 'item-health-warning' : 'item-health-error'}`}
      role="status"
      data-testid="item-health-banner"
      data-health={item.health}
    >
      <p>{item.healthMessage}</p>
      <div className="item-health-actions">
        {item.remedy && (
          <button
            type="button"
            className="button"
            disabled={busyItemId !== null}
            onClick={() => void run(item.id, item.remedy!)}
          >
            {REMEDY_LABEL[item.remedy]}
          </button>
        )}
        <StatusText status={status} testId="item-health-status" />
      </div>
    </div>
  );
}

export function RemovedNote({ item }: { item: Item }) {
  if (!item.removedAt) return null;
  return (
    <p className="muted small" data-testid="item-removed">
      Disconnected — its history is kept; it no longer updates.
    </p>
  );
}

/** "Remove…" for every Item, with the choice to keep or delete its history. */
export function ItemRemoval({ item }: { item: Item }) {
  const { itemActions } = useShell();
  const confirming = useStore(itemActions, (s) => s.confirmingRemoval === item.id);
  const busy = useStore(itemActions, (s) => s.busyItemId !== null);
  const askRemove = useStore(itemActions, (s) => s.askRemove);
  const remove = useStore(itemActions, (s) => s.remove);
  const [keepHistory, setKeepHistory] = useState(true);
  const checkboxId = useId();
  if (!confirming) {
    if (!showsOwnRemoveButton(item)) return null;
    return (
      <button
        type="button"
        className="button button-quiet small item-remove"
        disabled={busy}
        onClick={() => askRemove(item.id)}
        aria-label={`Remove ${item.institutionName}`}
      >
        {item.removedAt ? 'Delete history…' : 'Remove…'}
      </button>
    );
  }
  return (
    <div
      className="item-remove-confirm"
      role="dialog"
      aria-label="Remove bank connection"
      data-testid="item-remove"
    >
      <p>
        {item.removedAt
          ? `Delete everything Coffer kept from ${item.institutionName}?`
          : `Disconnect ${item.institutionName} from Coffer? Plaid stops sharing its data.`}
      </p>
      {!item.removedAt && (
        <label htmlFor={checkboxId}>
          <input
            id={checkboxId}
            type="checkbox"
            checked={keepHistory}
            onChange={(e) => setKeepHistory(e.target.checked)}
          />{' '}
          Keep its accounts and transactions
        </label>
      )}
      <div className="item-health-actions">
        <button
          type="button"
          className="button"
          onClick={() => void remove(item.id, item.removedAt ? false : keepHistory)}
        >
          {item.removedAt ? 'Delete history' : 'Remove connection'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => askRemove(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
