import type { CofferApi } from '../../../shared/api';
import type { Liability } from '../../../shared/contract/liabilities';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { createSliceContext } from '../../ui/slice-context';

export function createLiabilitiesStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ liabilities: Liability[] }>(
    { liabilities: [] },
    () => api['liabilities.list']({}),
    errors,
  );
}
export type LiabilitiesStore = ReturnType<typeof createLiabilitiesStore>;

export interface LiabilitiesSlice {
  liabilities: LiabilitiesStore;
}

export const liabilitiesSlice = createSliceContext<LiabilitiesSlice>('Liabilities');
