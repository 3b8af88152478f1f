import type { CofferApi } from '../../../shared/api';
import type { IdentityItem, Profile } from '../../../shared/contract/auth-identity';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { createSliceContext } from '../../ui/slice-context';

export function createOwnersStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ profile: Profile | null; items: IdentityItem[] }>(
    { profile: null, items: [] },
    () => api['identity.owners']({}),
    errors,
  );
}
export type OwnersStore = ReturnType<typeof createOwnersStore>;

export interface OwnershipSlice {
  owners: OwnersStore;
}

export const ownershipSlice = createSliceContext<OwnershipSlice>('Ownership');
