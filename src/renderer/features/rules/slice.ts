import type { RequestStore } from '../../ui/request-store';
import { createSliceContext } from '../../ui/slice-context';
import type { RulesStore } from './rules-store';

export interface RulesSlice {
  rules: RulesStore;
  /** "New rule" from the palette: the view opens its form. */
  newRule: RequestStore;
}

export const rulesSlice = createSliceContext<RulesSlice>('Rules');
