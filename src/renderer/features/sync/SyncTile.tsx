import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShell } from '../../app/shell-context';
import type { TileProps } from '../dashboard/tile';
import { updatedAgo } from '../../ui/format/relative-time';
import { useNow } from '../../ui/use-now';

/** The newest sync of any connection, and a sync of all of them. */
export function SyncTile({ ready }: TileProps) {
  const { items, sync } = useShell();
  const loaded = useStore(items, (s) => s.loaded);
  const last = useStore(items, (s) =>
    s.items.reduce<string | null>(
      (newest, i) => (i.lastSyncedAt && (!newest || i.lastSyncedAt > newest) ? i.lastSyncedAt : newest),
      null,
    ),
  );
  const running = useStore(sync, (s) => s.running);
  const now = useNow(30_000);
  useEffect(() => {
    if (loaded) ready();
  }, [loaded, ready]);
  return (
    <div className="tile-sync">
      <p data-testid="tile-last-sync" title={last ?? undefined}>
        {last ? `Last sync: ${updatedAgo(last, now).replace(/^updated /, '')}` : 'Not synced yet'}
      </p>
      {/* Named apart from the header's "Sync now" (whose status line reports both), so each is found by its place. */}
      <button type="button" className="button" onClick={() => void sync.getState().run()} disabled={running}>
        Sync all now
      </button>
    </div>
  );
}
