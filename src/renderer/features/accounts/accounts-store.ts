import type { Account, CofferApi, Item } from '../../../shared/api';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';

export function createItemsStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ items: Item[] }>({ items: [] }, () => api['items.list']({}), errors);
}
export type ItemsStore = ReturnType<typeof createItemsStore>;

export function createAccountsStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ accounts: Account[] }>(
    { accounts: [] },
    () => api['accounts.list']({}),
    errors,
  );
}
export type AccountsStore = ReturnType<typeof createAccountsStore>;
