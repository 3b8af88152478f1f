import { createSliceContext } from '../../ui/slice-context';
import type { NetWorthStore } from './net-worth-store';

export interface NetWorthSlice {
  netWorth: NetWorthStore;
}

export const netWorthSlice = createSliceContext<NetWorthSlice>('Net worth');
