import type { AppInfo, CofferApi, TransactionFilter } from '../../shared/api';
import type { BackupFileTransfer } from '../api/backup-files';
import type { ExportDownload } from '../api/export-files';
import type { CofferClient } from '../api/client';
import type { AccountsStore, ItemsStore } from '../features/accounts/accounts-store';
import type { ItemActionsStore } from '../features/accounts/item-actions';
import type { CategoriesStore } from '../features/categories/categories-store';
import type { LinkStore } from '../features/linking/link-store';
import type { NotificationsStore } from '../features/notifications/notifications-store';
import type { SyncStore } from '../features/sync/sync-store';
import type { ThemeStore } from '../features/theme/theme-store';
import type { RelayStore } from '../features/webhooks/relay-store';
import type { ErrorsStore } from '../ui/errors-store';
import type { ResourceStore } from '../ui/resource-store';
import type { NavigationStore } from './navigation';

/**
 * Requests one feature makes of another without importing it. The view that serves one supplies
 * it when mounted (its registry entry's `intents`).
 */
export interface Intents {
  /** The transactions behind a chart's bar or slice: the list with that filter applied. */
  showTransactions(filter: TransactionFilter): void;
}

/**
 * What every feature may use: the contract, the error banner, navigation, the data several views
 * show (Items, accounts, categories) and the header's actions. A view's own stores are not here:
 * its registry entry creates them.
 */
export interface Shell {
  api: CofferApi;
  /** The contract in a lane: see CofferClient.inLane. */
  inLane: CofferClient['inLane'];
  errors: ErrorsStore;
  navigation: NavigationStore;
  appInfo: ResourceStore<{ info: AppInfo | null }>;
  items: ItemsStore;
  accounts: AccountsStore;
  categories: CategoriesStore;
  sync: SyncStore;
  link: LinkStore;
  itemActions: ItemActionsStore;
  relay: RelayStore;
  notifications: NotificationsStore;
  /** Who shows system notifications (see CofferClient). */
  systemNotifications: 'shell' | 'web';
  /** Light, dark or the system's, saved in the data dir's preferences. */
  theme: ThemeStore;
  /** The browser host's backup download and upload; null in Electron, whose main process has dialogs. */
  backupFiles: BackupFileTransfer | null;
  /** The browser host's export download; null in Electron, whose main process has a save dialog. */
  exportFiles: ExportDownload | null;
  /** The ledger changed under the window: every list reloads (bursts coalesced). */
  ledgerChanged(): void;
  /** The event stream from main, for a view that follows one (an export's progress). */
  onEvent: CofferClient['onEvent'];
  intents: Intents;
}
