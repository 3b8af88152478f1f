import { useEffect, useRef } from 'react';
import { ModalOverlay } from './ModalOverlay';
import { SHORTCUTS } from './shortcuts';

/** `?`: every shortcut, from the same table the key handler reads. */
export function HelpSheet({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <ModalOverlay
      className="help-sheet"
      testId="help-sheet"
      labelledBy="help-sheet-title"
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          onClose();
        }
        // One control: the focus stays in the sheet.
        if (e.key === 'Tab') e.preventDefault();
      }}
    >
      <div className="panel-heading">
        <h2 id="help-sheet-title">Keyboard shortcuts</h2>
        <button ref={close} type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys} data-testid="shortcut">
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        In the palette, the two letters beside each command run it with Enter. Single keys work when no text
        field has the focus.
      </p>
    </ModalOverlay>
  );
}
