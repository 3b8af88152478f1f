import { createSliceContext } from '../../ui/slice-context';
import type { ExportStore } from './export-store';

export interface ExportsSlice {
  exports: ExportStore;
}

export const exportsSlice = createSliceContext<ExportsSlice>('Export');
