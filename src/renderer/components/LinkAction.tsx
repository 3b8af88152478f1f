import { useStore } from 'zustand';
import { useAppState } from './app-state-context';
import { StatusText } from './StatusText';

/** The one "Link account" button (it lives in the header, or in the empty state when there is nothing yet). */
export function LinkAction() {
  const { link } = useAppState();
  const linking = useStore(link, (s) => s.linking);
  const status = useStore(link, (s) => s.status);
  const open = useStore(link, (s) => s.open);
  return (
    <div className="action">
      <button type="button" className="button button-primary" onClick={() => void open()} disabled={linking}>
        Link account
      </button>
      <StatusText status={status} testId="link-status" />
    </div>
  );
}
