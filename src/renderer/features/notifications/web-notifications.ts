/**
 * The browser host's delivery: the web Notification API, once the user allowed it (browsers ask
 * only after a click, so Settings asks). In Electron the main process shows them instead.
 */
import type { AppNotification } from '../../../shared/contract/notifications';

export type WebPermission = 'granted' | 'denied' | 'default' | 'unsupported';

interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): Notification;
}

const notificationApi = (): NotificationApi | null =>
  typeof globalThis.Notification === 'function' ? (globalThis.Notification as NotificationApi) : null;

export function webPermission(): WebPermission {
  return notificationApi()?.permission ?? 'unsupported';
}

export async function askWebPermission(): Promise<WebPermission> {
  const api = notificationApi();
  if (!api) return 'unsupported';
  return api.requestPermission();
}

/** Shows it when allowed; a click brings the tab forward and opens it. */
export function showWebNotification(n: AppNotification, open: (n: AppNotification) => void): boolean {
  const api = notificationApi();
  if (!api || api.permission !== 'granted') return false;
  const shown = new api(n.title, { body: n.body, tag: n.id });
  shown.onclick = () => {
    window.focus();
    open(n);
    shown.close();
  };
  return true;
}
