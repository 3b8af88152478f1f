import type { CofferApi, RecurringStream } from '../../../shared/api';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';

export function createRecurringStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ streams: RecurringStream[]; updatedAt: string | null }>(
    { streams: [], updatedAt: null },
    () => api['recurring.list']({ accountId: null }),
    errors,
  );
}
export type RecurringStore = ReturnType<typeof createRecurringStore>;
