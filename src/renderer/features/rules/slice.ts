import { createSliceContext } from '../../ui/slice-context';
import type { RulesStore } from './rules-store';

export interface RulesSlice {
  rules: RulesStore;
}

export const rulesSlice = createSliceContext<RulesSlice>('Rules');
