import type { AppInfo } from '../../shared/api';
import type { CofferClient } from '../api/client';
import type { ValidEvent } from '../api/event-message';
import { createAccountsStore, createItemsStore } from '../features/accounts/accounts-store';
import { createItemActionsStore } from '../features/accounts/item-actions';
import { createCategoriesStore } from '../features/categories/categories-store';
import { createLinkStore } from '../features/linking/link-store';
import { createNotificationsStore } from '../features/notifications/notifications-store';
import { showWebNotification } from '../features/notifications/web-notifications';
import type { NotificationTarget } from '../../shared/contract/notifications';
import { createSyncStore } from '../features/sync/sync-store';
import { createThemeStore, documentThemeTarget } from '../features/theme/theme-store';
import { createRelayStore } from '../features/webhooks/relay-store';
import { createErrorsStore } from '../ui/errors-store';
import { createResourceStore } from '../ui/resource-store';
import { afterFirstViewReady } from '../ui/view-ready';
import { createNavigationStore } from './navigation';
import type { Shell } from './shell';
import { HOME_VIEW, VIEWS } from './views';

/** Reloads triggered by a burst of events (one per committed sync page) are coalesced. */
const RELOAD_DELAY_MS = 150;

/** The shell's stores, every registered view mounted, and the event stream wired to them. */
export function createAppState(client: CofferClient) {
  const { api } = client;
  const errors = createErrorsStore();
  const items = createItemsStore(api, errors);

  let pending: ReturnType<typeof setTimeout> | null = null;
  function scheduleReload(): void {
    if (pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      void reloadLists();
    }, RELOAD_DELAY_MS);
  }

  const institutionOf = (itemId: string) =>
    items.getState().items.find((i) => i.id === itemId)?.institutionName ?? 'A connection';
  const navigation = createNavigationStore(HOME_VIEW);
  // "attention": the Items needing the user, whose banners the landing view shows.
  const viewOf: Record<NotificationTarget, string> = {
    transactions: 'transactions',
    attention: HOME_VIEW,
    'upcoming-payments': 'upcoming-payments',
  };
  const notifications = createNotificationsStore(api, errors, (target) =>
    navigation.getState().go(viewOf[target]),
  );
  const shell: Shell = {
    api,
    inLane: client.inLane,
    errors,
    navigation,
    appInfo: createResourceStore<{ info: AppInfo | null }>(
      { info: null },
      async () => ({ info: await api['app.info']({}) }),
      errors,
    ),
    items,
    accounts: createAccountsStore(api, errors),
    categories: createCategoriesStore(api, errors),
    sync: createSyncStore(api, errors, { institutionOf, afterwards: scheduleReload }),
    link: createLinkStore(api, errors, { afterwards: scheduleReload }),
    itemActions: createItemActionsStore(api, errors, { afterwards: scheduleReload }),
    relay: createRelayStore(api),
    notifications,
    systemNotifications: client.systemNotifications,
    theme: createThemeStore(api, errors, documentThemeTarget()),
    backupFiles: client.backupFiles,
    exportFiles: client.exportFiles,
    ledgerChanged: scheduleReload,
    onEvent: (listener) => client.onEvent(listener),
    intents: { showTransactions: () => navigation.getState().go(HOME_VIEW) },
  };
  const views = VIEWS.map((entry) => entry.mount(shell));
  for (const view of views) Object.assign(shell.intents, view.intents);

  // Notices describe the present: a removed Item takes its "Linked …" line along, and a later
  // error replaces a failed Link's message instead of sitting beside it.
  const itemIds = () => items.getState().items.map((i) => i.id);
  const unsubscribeItems = items.subscribe(() =>
    shell.link.getState().reconcile({ itemIds: itemIds(), newerError: false }),
  );
  const unsubscribeErrors = errors.subscribe((now, before) => {
    if (now.errors.length > before.errors.length)
      shell.link.getState().reconcile({ itemIds: itemIds(), newerError: true });
  });

  function reloadLists(): Promise<unknown> {
    return Promise.all([
      shell.items.getState().load(),
      shell.accounts.getState().load(),
      shell.categories.getState().load(),
      ...views.map((view) => view.reload()),
    ]);
  }

  const unsubscribe = client.onEvent((name, payload) => {
    // The listener's generic signature pairs name and payload; a union lets TypeScript narrow it.
    const event = { name, payload } as ValidEvent;
    if (event.name === 'sync.progress') shell.sync.getState().progress(event.payload);
    if (event.name === 'sync.progress' || event.name === 'ledger.changed') scheduleReload();
    if (event.name === 'notification.raised') {
      notifications.getState().raised(event.payload);
      if (client.systemNotifications === 'web')
        showWebNotification(event.payload, (n) => void notifications.getState().open(n));
    }
    if (event.name === 'notification.activated') void notifications.getState().open(event.payload);
  });

  let stopWarming = () => {};
  return {
    shell,
    views,
    start(): Promise<unknown> {
      // The opening view's code loads beside the first calls rather than after them; what other
      // views read ahead waits until it has drawn, so it never delays the opening view.
      views.find((view) => view.id === navigation.getState().view)?.preload();
      stopWarming = afterFirstViewReady(() => views.forEach((view) => view.warm()));
      return Promise.all([
        shell.theme.getState().load(),
        shell.appInfo.getState().load(),
        reloadLists(),
        notifications.getState().load(),
      ]);
    },
    stop(): void {
      stopWarming();
      unsubscribe();
      unsubscribeItems();
      unsubscribeErrors();
      if (pending !== null) clearTimeout(pending);
    },
  };
}
export type AppState = ReturnType<typeof createAppState>;
