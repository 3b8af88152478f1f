/**
 * System notifications in the desktop app: the main process shows each one the core raises with
 * Electron's `Notification` (the renderer's web notifications are denied by the session's
 * permission policy), and a click brings the window forward and tells it which notification to open.
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { AppNotification } from '../../shared/contract/notifications';

/** Windows shows notifications only for an app with this id (electron-builder.yml's appId). */
export const APP_USER_MODEL_ID = 'app.coffer.desktop';

export interface NotificationDeliveryDeps {
  Notification: {
    new (options: NotificationConstructorOptions): ElectronNotification;
    isSupported(): boolean;
  };
  /** Brings the main window forward (restoring it if minimised); false when there is none. */
  focusWindow(): boolean;
  /** Tells the window the user clicked this notification. */
  activated(n: AppNotification): void;
}

export function createNotificationDelivery(deps: NotificationDeliveryDeps) {
  // Kept until clicked or closed: a notification collected by the GC loses its click handler.
  const live = new Set<ElectronNotification>();
  return (n: AppNotification): void => {
    if (!deps.Notification.isSupported()) return;
    const shown = new deps.Notification({ title: n.title, body: n.body });
    live.add(shown);
    shown.on('click', () => {
      live.delete(shown);
      if (deps.focusWindow()) deps.activated(n);
    });
    shown.on('close', () => live.delete(shown));
    shown.show();
  };
}
