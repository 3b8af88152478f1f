import { createStore } from 'zustand/vanilla';
import type { Account, AppInfo, CofferApi, Item } from '../../../shared/api';
import type { ErrorsStore } from '../../ui/errors-store';

export interface AppInfoState {
  info: AppInfo | null;
  load(): Promise<void>;
}

export function createAppInfoStore(api: CofferApi, errors: ErrorsStore) {
  return createStore<AppInfoState>()((set) => ({
    info: null,
    async load() {
      try {
        set({ info: await api['app.info']({}) });
      } catch (error) {
        errors.getState().report(error);
      }
    },
  }));
}

export interface ItemsState {
  items: Item[];
  loaded: boolean;
  load(): Promise<void>;
}

export function createItemsStore(api: CofferApi, errors: ErrorsStore) {
  return createStore<ItemsState>()((set) => ({
    items: [],
    loaded: false,
    async load() {
      try {
        const { items } = await api['items.list']({});
        set({ items, loaded: true });
      } catch (error) {
        errors.getState().report(error);
      }
    },
  }));
}

export interface AccountsState {
  accounts: Account[];
  loaded: boolean;
  load(): Promise<void>;
}

export function createAccountsStore(api: CofferApi, errors: ErrorsStore) {
  return createStore<AccountsState>()((set) => ({
    accounts: [],
    loaded: false,
    async load() {
      try {
        const { accounts } = await api['accounts.list']({});
        set({ accounts, loaded: true });
      } catch (error) {
        errors.getState().report(error);
      }
    },
  }));
}
