import type { CofferApi } from '../../../shared/api';
import type { Reminder, UpcomingPayment } from '../../../shared/contract/liabilities';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { createSliceContext } from '../../ui/slice-context';

/** Payments and the reminders current today, read together so they agree on the day. */
export function createUpcomingStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ today: string | null; payments: UpcomingPayment[]; reminders: Reminder[] }>(
    { today: null, payments: [], reminders: [] },
    async () => {
      const [{ today, payments }, { reminders }] = await Promise.all([
        api['liabilities.upcoming']({}),
        api['liabilities.reminders']({}),
      ]);
      return { today, payments, reminders };
    },
    errors,
  );
}
export type UpcomingStore = ReturnType<typeof createUpcomingStore>;

export interface UpcomingSlice {
  upcoming: UpcomingStore;
}

export const upcomingSlice = createSliceContext<UpcomingSlice>('Upcoming payments');
