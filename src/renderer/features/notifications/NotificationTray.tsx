import { useStore } from 'zustand';
import { useShell } from '../../app/shell-context';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

/**
 * What the app raised that the user has not opened or dismissed yet, newest first: at start, what
 * came due while the app was closed; later, each new one beside its system notification.
 */
export function NotificationTray() {
  const { notifications } = useShell();
  const unseen = useStore(notifications, (s) => s.unseen);
  if (unseen.length === 0) return null;
  const { open, dismiss } = notifications.getState();
  return (
    <section
      className="notification-tray"
      aria-labelledby="notification-tray-title"
      data-testid="notification-tray"
    >
      <div className="notification-tray-head">
        <h2 id="notification-tray-title">
          {unseen.length === 1 ? 'New for you' : `${unseen.length} new for you`}
        </h2>
        {unseen.length > 1 && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void dismiss(unseen.map((n) => n.id))}
          >
            Dismiss all
          </button>
        )}
      </div>
      <ul>
        {unseen.map((n) => (
          <li key={n.id} className="notification-line" data-kind={n.kind}>
            <button type="button" className="notification-open" onClick={() => void open(n)}>
              <strong>{n.title}</strong>
              <span className="muted">{n.body}</span>
            </button>
            <time className="muted small" dateTime={n.createdAt}>
              {when(n.createdAt)}
            </time>
            <button
              type="button"
              className="button button-quiet"
              aria-label={`Dismiss: ${n.title}`}
              onClick={() => void dismiss([n.id])}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
