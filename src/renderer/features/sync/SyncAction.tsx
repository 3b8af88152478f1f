import { useStore } from 'zustand';
import { useShell } from '../../app/shell-context';
import { StatusText } from '../../ui/StatusText';

export function SyncAction() {
  const { sync } = useShell();
  const running = useStore(sync, (s) => s.running);
  const status = useStore(sync, (s) => s.status);
  const run = useStore(sync, (s) => s.run);
  return (
    <div className="action">
      <StatusText status={status} testId="sync-status" />
      <button
        type="button"
        className="button"
        onClick={() => void run()}
        disabled={running}
        aria-busy={running}
      >
        Sync now
      </button>
    </div>
  );
}
