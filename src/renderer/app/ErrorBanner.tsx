import { useStore } from 'zustand';
import { useShell } from './shell-context';

export function ErrorBanner() {
  const { errors } = useShell();
  const shown = useStore(errors, (s) => s.errors);
  const dismiss = useStore(errors, (s) => s.dismiss);
  if (shown.length === 0) return null;
  return (
    <div className="error-banner" role="alert">
      {shown.map((error) => (
        <div className="error-line" key={error.id}>
          <span>{error.text}</span>
          <button type="button" className="button button-quiet" onClick={() => dismiss(error.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
