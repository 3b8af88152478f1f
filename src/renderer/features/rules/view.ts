import { defineView } from '../../app/view-entry';
import { createRequestStore } from '../../ui/request-store';
import { createRulesStore } from './rules-store';
import { rulesSlice, type RulesSlice } from './slice';

export const rulesView = defineView<RulesSlice>({
  id: 'rules',
  label: 'Rules',
  place: 'tabs',
  createSlice: (shell) => ({
    rules: createRulesStore(shell.api, shell.errors, { ledgerChanged: shell.ledgerChanged }),
    newRule: createRequestStore(),
  }),
  context: rulesSlice,
  loadComponent: () => import('./RulesView').then((m) => m.RulesView),
  actions: [
    {
      id: 'rules.new',
      label: 'New rule',
      run: (s, shell) => {
        shell.navigation.getState().go('rules');
        s.newRule.getState().request();
      },
    },
    {
      id: 'rules.apply-all',
      label: 'Apply all rules to history',
      run: (s, shell) => {
        shell.navigation.getState().go('rules');
        void s.rules.getState().apply(null);
      },
    },
  ],
});
