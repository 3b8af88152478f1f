import type { CofferApi } from '../../../shared/api';
import type {
  BreakdownAccount,
  BreakdownManual,
  ManualAsset,
  NetWorthDay,
} from '../../../shared/contract/net-worth';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { rangeFrom, type RangeId } from './net-worth';

interface NetWorthData {
  range: RangeId;
  today: string | null;
  days: NetWorthDay[];
  accounts: BreakdownAccount[];
  manual: BreakdownManual[];
  assets: ManualAsset[];
}

export function createNetWorthStore(api: CofferApi, errors: ErrorsStore) {
  let range: RangeId = '1Y';
  const read = async (): Promise<NetWorthData> => {
    const breakdown = await api['netWorth.breakdown']({ date: null });
    const today = breakdown.date;
    const [series, manual] = await Promise.all([
      api['netWorth.series']({ from: today ? rangeFrom(range, today) : null, to: today }),
      api['manualAssets.list']({}),
    ]);
    return {
      range,
      today,
      days: series.days,
      accounts: breakdown.accounts,
      manual: breakdown.manual,
      assets: manual.assets,
    };
  };
  const store = createResourceStore<NetWorthData, { setRange(r: RangeId): Promise<void> }>(
    { range, today: null, days: [], accounts: [], manual: [], assets: [] },
    read,
    errors,
    () => ({
      async setRange(r: RangeId) {
        range = r;
        await store.getState().load();
      },
    }),
  );
  return store;
}
export type NetWorthStore = ReturnType<typeof createNetWorthStore>;
