import { createStore } from 'zustand/vanilla';
import type { CofferApi } from '../../../shared/api';
import type { PayoffDebt, PayoffPlan, PromotionalRate } from '../../../shared/contract/liabilities';
import type { ErrorsStore } from '../../ui/errors-store';
import { createSliceContext } from '../../ui/slice-context';

export interface PlannerState {
  currency: string;
  monthlyBudgetMinor: number | null;
  /** Entered by the user: Plaid's APRs carry no end date. */
  promotions: PromotionalRate[];
  debts: PayoffDebt[];
  plans: PayoffPlan[];
  loaded: boolean;
  setBudget(minor: number | null): void;
  addPromotion(p: PromotionalRate): void;
  removePromotion(index: number): void;
  load(): Promise<void>;
}

/** A budget of this share of what is owed, per month, until the user enters their own. */
const STARTING_SHARE = 0.05;

export function createPlannerStore(api: CofferApi, errors: ErrorsStore) {
  return createStore<PlannerState>()((set, get) => {
    const plan = async () => {
      const { currency, monthlyBudgetMinor, promotions } = get();
      try {
        if (monthlyBudgetMinor === null) {
          // A first look: the debts alone, then a budget that covers their minimums.
          const liabilities = (await api['liabilities.list']({})).liabilities.filter(
            (l) => l.currency === currency,
          );
          const owed = liabilities.reduce((s, l) => s + Math.max(0, l.balanceMinor ?? 0), 0);
          const minimums = liabilities.reduce((s, l) => s + Math.max(0, l.amountDueMinor ?? 0), 0);
          if (owed === 0) return set({ debts: [], plans: [], loaded: true });
          set({ monthlyBudgetMinor: Math.max(minimums, Math.round(owed * STARTING_SHARE)) });
          return plan();
        }
        const answer = await api['liabilities.plan']({ currency, monthlyBudgetMinor, promotions });
        set({ ...answer, loaded: true });
      } catch (error) {
        errors.getState().report(error);
        set({ loaded: true });
      }
    };
    return {
      currency: 'USD',
      monthlyBudgetMinor: null,
      promotions: [],
      debts: [],
      plans: [],
      loaded: false,
      setBudget(minor) {
        set({ monthlyBudgetMinor: minor });
        if (minor !== null) void plan();
      },
      addPromotion(p) {
        set({ promotions: [...get().promotions, p] });
        void plan();
      },
      removePromotion(index) {
        set({ promotions: get().promotions.filter((_, i) => i !== index) });
        void plan();
      },
      load: plan,
    };
  });
}
export type PlannerStore = ReturnType<typeof createPlannerStore>;

export interface PlannerSlice {
  planner: PlannerStore;
}

export const plannerSlice = createSliceContext<PlannerSlice>('Payoff planner');
