import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { LiabilitiesView } from './LiabilitiesView';
import { createLiabilitiesStore, liabilitiesSlice, type LiabilitiesSlice } from './slice';

export const liabilitiesView = defineView<LiabilitiesSlice>({
  id: 'liabilities',
  label: 'Liabilities',
  place: 'tabs',
  createSlice: (shell) => ({ liabilities: createLiabilitiesStore(shell.api, shell.errors) }),
  context: liabilitiesSlice,
  Component: LiabilitiesView,
  reload: ({ liabilities }) => reloadIfLoaded(liabilities),
});
