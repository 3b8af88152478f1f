import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShell } from '../../app/shell-context';
import { TileList } from '../dashboard/TileList';
import type { TileProps } from '../dashboard/tile';
import { StatusText } from '../../ui/StatusText';
import { REMEDY_LABEL } from './item-actions';

/** Connections that need the user, each with its one-click remedy (the same the accounts panel offers). */
export function AttentionTile({ ready }: TileProps) {
  const { items, itemActions } = useShell();
  const loaded = useStore(items, (s) => s.loaded);
  const list = useStore(items, (s) => s.items);
  const busy = useStore(itemActions, (s) => s.busyItemId !== null);
  const status = useStore(itemActions, (s) => s.status);
  const run = useStore(itemActions, (s) => s.run);
  useEffect(() => {
    if (loaded) ready();
  }, [loaded, ready]);
  const needing = list.filter((i) => !i.removedAt && i.healthMessage);
  return (
    <TileList empty="Every connection is working." testId="tile-attention-list">
      {needing.map((item) => (
        <li key={item.id} className="tile-attention" data-health={item.health}>
          <span>
            <strong>{item.institutionName}</strong>: {item.healthMessage}
          </span>
          {item.remedy && (
            <button
              type="button"
              className="button small"
              disabled={busy}
              onClick={() => void run(item.id, item.remedy!)}
              aria-label={`${REMEDY_LABEL[item.remedy]} ${item.institutionName}`}
            >
              {REMEDY_LABEL[item.remedy]}
            </button>
          )}
          <StatusText status={status[item.id] ?? null} testId="tile-attention-status" />
        </li>
      ))}
    </TileList>
  );
}
