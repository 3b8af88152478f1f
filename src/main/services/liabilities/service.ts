/**
 * The liabilities calls: everything reads the ledger only (works offline), as of "today" from the
 * core's clock, so tests move the day with a fake clock.
 */
import type { liabilityCalls } from '../../../shared/contract/liabilities';
import type { ApiHandlers } from '../core-types';
import type { Ledger } from '../ledger/ledger';
import { formatMoney } from '../../../shared/money';
import { AppError } from '../errors';
import { BudgetTooSmallError, planPayoff } from './payoff';
import { payoffDebts, withPromotions } from './planner-debts';
import { currentReminders } from './reminders';
import { upcomingOn } from './due';
import { listLiabilities } from './store';

type LiabilityCalls = keyof typeof liabilityCalls;

/** The local calendar day of a clock reading. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function createLiabilitiesService(
  ledger: Ledger,
  now: () => number = Date.now,
): { handlers: Pick<ApiHandlers, LiabilityCalls> } {
  const upcoming = (reminderDays: readonly number[]) => {
    const today = localDay(now());
    return { today, payments: upcomingOn(ledger, today, reminderDays) };
  };
  return {
    handlers: {
      'liabilities.list': async () => ({ liabilities: listLiabilities(ledger) }),
      'liabilities.upcoming': async (req) => upcoming(req.reminderDays),
      'liabilities.reminders': async (req) => {
        const { today, payments } = upcoming(req.reminderDays);
        return { today, reminders: currentReminders(payments, req.reminderDays) };
      },
      'liabilities.plan': async (req) => {
        const debts = payoffDebts(listLiabilities(ledger), req.currency, req.excludeAccountIds);
        const startMonth = localDay(now()).slice(0, 7);
        const planned = withPromotions(debts, req.promotions);
        try {
          const plans = (['avalanche', 'snowball'] as const).map((strategy) =>
            planPayoff(planned, { strategy, monthlyBudgetMinor: req.monthlyBudgetMinor, startMonth }),
          );
          return { debts, plans };
        } catch (error) {
          if (error instanceof BudgetTooSmallError)
            throw new AppError(
              'BUDGET_TOO_SMALL',
              `The monthly budget is below the ${formatMoney(error.minimumsMinor, req.currency)} the minimum payments need.`,
            );
          throw error;
        }
      },
    },
  };
}
