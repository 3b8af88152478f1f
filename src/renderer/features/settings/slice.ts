import { createSliceContext } from '../../ui/slice-context';
import type { SecurityStore } from './security-store';

export interface SettingsSlice {
  security: SecurityStore;
}

export const settingsSlice = createSliceContext<SettingsSlice>('Settings');
