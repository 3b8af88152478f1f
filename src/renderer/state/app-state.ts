import type { CofferClient } from '../api/client';
import type { ValidEvent } from '../api/event-message';
import { createLinkStore, createSyncStore } from './actions';
import { createErrorsStore } from './errors';
import { createAccountsStore, createAppInfoStore, createItemsStore } from './lists';
import { createTransactionsStore } from './transactions';

/** Reloads triggered by a burst of events (one per committed sync page) are coalesced. */
const RELOAD_DELAY_MS = 150;

export function createAppState(client: CofferClient) {
  const { api } = client;
  const errors = createErrorsStore();
  const appInfo = createAppInfoStore(api, errors);
  const items = createItemsStore(api, errors);
  const accounts = createAccountsStore(api, errors);
  const transactions = createTransactionsStore(api, errors);

  function reloadLists(): Promise<unknown> {
    return Promise.all([
      items.getState().load(),
      accounts.getState().load(),
      transactions.getState().reload(),
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

  const institutionOf = (itemId: string) =>
    items.getState().items.find((i) => i.id === itemId)?.institutionName ?? 'A connection';
  const sync = createSyncStore(api, errors, { institutionOf, afterwards: scheduleReload });
  const link = createLinkStore(api, errors, { afterwards: scheduleReload });

  const unsubscribe = client.onEvent((name, payload) => {
    // The listener's generic signature pairs name and payload; a union lets TypeScript narrow it.
    const event = { name, payload } as ValidEvent;
    if (event.name === 'sync.progress') sync.getState().progress(event.payload);
    if (event.name === 'sync.progress' || event.name === 'ledger.changed') scheduleReload();
  });

  return {
    errors,
    appInfo,
    items,
    accounts,
    transactions,
    sync,
    link,
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
