import type { TransactionFilter } from '../../shared/api';
import type { CofferClient } from '../api/client';
import type { ValidEvent } from '../api/event-message';
import { createLinkStore, createSyncStore } from '../features/linking/link-store';
import { createCategoriesStore } from '../features/categories/categories-store';
import { createDetailStore } from '../features/transactions/detail-store';
import { createErrorsStore } from '../ui/errors-store';
import { createItemActionsStore } from '../features/accounts/item-actions';
import {
  createAccountsStore,
  createAppInfoStore,
  createItemsStore,
} from '../features/accounts/accounts-store';
import { createRecurringStore } from '../features/recurring/recurring-store';
import { createRelayStore } from '../features/webhooks/relay-store';
import { createRulesStore } from '../features/rules/rules-store';
import { createSecurityStore } from '../features/settings/security-store';
import { createSpendingStore } from '../features/spending/spending-store';
import { createTransactionsStore } from '../features/transactions/transactions-store';
import { createViewStore } from './navigation';

/** Reloads triggered by a burst of events (one per committed sync page) are coalesced. */
const RELOAD_DELAY_MS = 150;

export function createAppState(client: CofferClient) {
  const { api } = client;
  const errors = createErrorsStore();
  const view = createViewStore();
  const appInfo = createAppInfoStore(api, errors);
  const items = createItemsStore(api, errors);
  const accounts = createAccountsStore(api, errors);
  const transactions = createTransactionsStore(api, errors);
  const categories = createCategoriesStore(api, errors);
  const recurring = createRecurringStore(api, errors);
  const spending = createSpendingStore(api, errors);
  const relay = createRelayStore(api);

  function reloadLists(): Promise<unknown> {
    return Promise.all([
      items.getState().load(),
      accounts.getState().load(),
      transactions.getState().reload(),
      categories.getState().load(),
      detail.getState().refresh(),
      // Views not yet opened load when they are; the others follow the ledger.
      recurring.getState().loaded ? recurring.getState().load() : null,
      spending.getState().loaded ? spending.getState().load() : null,
    ]);
  }

  let pending: ReturnType<typeof setTimeout> | null = null;
  function scheduleReload(): void {
    if (pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      void reloadLists();
    }, RELOAD_DELAY_MS);
  }

  const detail = createDetailStore(api, {
    edited(tx) {
      transactions.getState().replaceRow(tx);
      scheduleReload();
    },
  });
  const rules = createRulesStore(api, errors, { ledgerChanged: scheduleReload });

  const institutionOf = (itemId: string) =>
    items.getState().items.find((i) => i.id === itemId)?.institutionName ?? 'A connection';
  const sync = createSyncStore(api, errors, { institutionOf, afterwards: scheduleReload });
  const link = createLinkStore(api, errors, { afterwards: scheduleReload });
  const itemActions = createItemActionsStore(api, errors, { afterwards: scheduleReload });
  const security = createSecurityStore(api, {
    infoChanged: () => void appInfo.getState().load(),
    ledgerChanged: scheduleReload,
  });

  const unsubscribe = client.onEvent((name, payload) => {
    // The listener's generic signature pairs name and payload; a union lets TypeScript narrow it.
    const event = { name, payload } as ValidEvent;
    if (event.name === 'sync.progress') sync.getState().progress(event.payload);
    if (event.name === 'sync.progress' || event.name === 'ledger.changed') scheduleReload();
  });

  return {
    errors,
    view,
    appInfo,
    items,
    accounts,
    transactions,
    categories,
    detail,
    rules,
    recurring,
    spending,
    sync,
    link,
    itemActions,
    relay,
    security,
    /** The transactions behind a chart's bar or slice: the list with that filter applied. */
    showTransactions(filter: TransactionFilter): void {
      detail.getState().close();
      transactions.getState().showFilter(filter);
      view.getState().go('transactions');
    },
    start(): Promise<unknown> {
      return Promise.all([appInfo.getState().load(), reloadLists()]);
    },
    stop(): void {
      unsubscribe();
      if (pending !== null) clearTimeout(pending);
    },
  };
}
export type AppState = ReturnType<typeof createAppState>;
