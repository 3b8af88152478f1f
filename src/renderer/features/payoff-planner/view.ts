import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { createPlannerStore, plannerSlice, type PlannerSlice } from './slice';

export const payoffPlannerView = defineView<PlannerSlice>({
  id: 'payoff-planner',
  label: 'Payoff planner',
  place: 'tabs',
  createSlice: (shell) => ({ planner: createPlannerStore(shell.api, shell.errors) }),
  context: plannerSlice,
  loadComponent: () => import('./PayoffPlannerView').then((m) => m.PayoffPlannerView),
  reload: ({ planner }) => reloadIfLoaded(planner),
});
