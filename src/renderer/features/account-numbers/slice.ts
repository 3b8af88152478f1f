import type { CofferApi } from '../../../shared/api';
import type { AuthItem } from '../../../shared/contract/auth-identity';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { createSliceContext } from '../../ui/slice-context';

/** Only masks: the full numbers live in the component that revealed them, for 30 seconds. */
export function createAuthAccountsStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ items: AuthItem[] }>({ items: [] }, () => api['auth.accounts']({}), errors);
}
export type AuthAccountsStore = ReturnType<typeof createAuthAccountsStore>;

export interface AccountNumbersSlice {
  accounts: AuthAccountsStore;
}

export const accountNumbersSlice = createSliceContext<AccountNumbersSlice>('Account numbers');
