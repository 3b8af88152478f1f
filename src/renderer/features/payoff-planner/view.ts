import { defineView } from '../../app/view-entry';
import { reloadIfLoaded } from '../../ui/resource-store';
import { PayoffPlannerView } from './PayoffPlannerView';
import { createPlannerStore, plannerSlice, type PlannerSlice } from './slice';

export const payoffPlannerView = defineView<PlannerSlice>({
  id: 'payoff-planner',
  label: 'Payoff planner',
  place: 'tabs',
  createSlice: (shell) => ({ planner: createPlannerStore(shell.api, shell.errors) }),
  context: plannerSlice,
  Component: PayoffPlannerView,
  reload: ({ planner }) => reloadIfLoaded(planner),
});
