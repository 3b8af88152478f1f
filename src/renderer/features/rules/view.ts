import { defineView } from '../../app/view-entry';
import { createRulesStore } from './rules-store';
import { RulesView } from './RulesView';
import { rulesSlice, type RulesSlice } from './slice';

export const rulesView = defineView<RulesSlice>({
  id: 'rules',
  label: 'Rules',
  place: 'tabs',
  createSlice: (shell) => ({
    rules: createRulesStore(shell.api, shell.errors, { ledgerChanged: shell.ledgerChanged }),
  }),
  context: rulesSlice,
  Component: RulesView,
});
