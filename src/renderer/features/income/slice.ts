import type { CofferApi } from '../../../shared/api';
import type { BankIncome } from '../../../shared/contract/income';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';
import { createSliceContext } from '../../ui/slice-context';

export function createIncomeStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ report: BankIncome | null; itemIds: string[] }>(
    { report: null, itemIds: [] },
    () => api['income.get']({}),
    errors,
  );
}
export type IncomeStore = ReturnType<typeof createIncomeStore>;

export interface IncomeSlice {
  income: IncomeStore;
}

export const incomeSlice = createSliceContext<IncomeSlice>('Income');
