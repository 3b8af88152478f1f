import { createStore } from 'zustand/vanilla';
import type { CofferApi } from '../../../shared/api';
import type {
  AppNotification,
  NotificationPreferences,
  NotificationTarget,
} from '../../../shared/contract/notifications';
import type { ErrorsStore } from '../../ui/errors-store';

export interface NotificationsState {
  /** Not yet opened or dismissed, newest first: what came while the user was away, and since. */
  unseen: AppNotification[];
  preferences: NotificationPreferences | null;
  load(): Promise<void>;
  raised(n: AppNotification): void;
  /** Opens the notification's view and counts it as seen. */
  open(n: Pick<AppNotification, 'id' | 'target'>): Promise<void>;
  dismiss(ids: readonly string[]): Promise<void>;
  loadPreferences(): Promise<void>;
  setPreferences(change: {
    enabled?: Partial<NotificationPreferences['enabled']>;
    reminderDays?: number[];
  }): Promise<boolean>;
}

export function createNotificationsStore(
  api: CofferApi,
  errors: ErrorsStore,
  go: (target: NotificationTarget) => void,
) {
  // Seen here: a list read before the host recorded it (a reload racing the click) must not bring it back.
  const seenHere = new Set<string>();
  return createStore<NotificationsState>()((set, get) => ({
    unseen: [],
    preferences: null,
    async load() {
      try {
        const { notifications } = await api['notifications.list']({ unseenOnly: true, limit: 50 });
        set({ unseen: notifications.filter((n) => !seenHere.has(n.id)) });
      } catch (error) {
        errors.getState().report(error);
      }
    },
    raised(n) {
      if (seenHere.has(n.id) || get().unseen.some((u) => u.id === n.id)) return;
      set((s) => ({ unseen: [n, ...s.unseen] }));
    },
    async open(n) {
      go(n.target);
      await get().dismiss([n.id]);
    },
    async dismiss(ids) {
      if (ids.length === 0) return;
      // Marking twice is harmless; the ledger keeps the first time.
      for (const id of ids) seenHere.add(id);
      set((s) => ({ unseen: s.unseen.filter((u) => !ids.includes(u.id)) }));
      try {
        await api['notifications.markSeen']({ ids: [...ids] });
      } catch (error) {
        errors.getState().report(error);
      }
    },
    async loadPreferences() {
      try {
        set({ preferences: await api['notifications.preferences']({}) });
      } catch (error) {
        errors.getState().report(error);
      }
    },
    async setPreferences(change) {
      const before = get().preferences;
      // Shown at once (a checkbox must follow the click), then whatever main stored.
      if (before)
        set({
          preferences: {
            enabled: { ...before.enabled, ...change.enabled },
            reminderDays: change.reminderDays ?? before.reminderDays,
          },
        });
      try {
        set({ preferences: await api['notifications.setPreferences'](change) });
        return true;
      } catch (error) {
        set({ preferences: before });
        errors.getState().report(error);
        return false;
      }
    },
  }));
}
export type NotificationsStore = ReturnType<typeof createNotificationsStore>;
