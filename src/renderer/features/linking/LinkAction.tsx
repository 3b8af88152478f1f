import { useStore } from 'zustand';
import { useShell } from '../../app/shell-context';
import { StatusText } from '../../ui/StatusText';

/** The one "Link account" button (it lives in the header, or in the empty state when there is nothing yet). */
export function LinkAction() {
  const { link } = useShell();
  const linking = useStore(link, (s) => s.linking);
  const status = useStore(link, (s) => s.status);
  const open = useStore(link, (s) => s.open);
  const duplicate = useStore(link, (s) => s.duplicate);
  const answer = useStore(link, (s) => s.answerDuplicate);
  return (
    <div className="action">
      <button type="button" className="button button-primary" onClick={() => void open()} disabled={linking}>
        Link account
      </button>
      <StatusText status={status} testId="link-status" />
      {duplicate && (
        <div className="duplicate-warning" role="alertdialog" data-testid="duplicate-warning">
          <p>
            {duplicate.institutionName} is already linked with{' '}
            {duplicate.matches.map((m) => (m.mask ? `${m.name} ••••${m.mask}` : m.name)).join(', ')}. Linking
            it again creates a second connection and shows these accounts twice.
          </p>
          <div className="item-health-actions">
            <button type="button" className="button" onClick={() => void answer(true)}>
              Link anyway
            </button>
            <button type="button" className="button button-primary" onClick={() => void answer(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
