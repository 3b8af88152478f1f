import { aboutView } from '../features/about/view';
import { accountNumbersView } from '../features/account-numbers/view';
import { ownershipView } from '../features/ownership/view';
import { dashboardView } from '../features/dashboard/view';
import { assetsView } from '../features/assets/view';
import { incomeView } from '../features/income/view';
import { liabilitiesView } from '../features/liabilities/view';
import { payoffPlannerView } from '../features/payoff-planner/view';
import { portfolioView } from '../features/portfolio/view';
import { netWorthView } from '../features/net-worth/view';
import { exportsView } from '../features/exports/view';
import { recurringView } from '../features/recurring/view';
import { rulesView } from '../features/rules/view';
import { settingsView } from '../features/settings/view';
import { spendingView } from '../features/spending/view';
import { transactionsView } from '../features/transactions/view';
import { upcomingPaymentsView } from '../features/upcoming-payments/view';
import type { ViewEntry } from './view-entry';

/**
 * The registry: one line per view, in navigation order. It drives the navigation, which view is
 * shown, what reloads after the ledger changes and (later) the command palette.
 */
export const VIEWS: readonly ViewEntry[] = [
  dashboardView,
  transactionsView,
  spendingView,
  recurringView,
  liabilitiesView,
  upcomingPaymentsView,
  payoffPlannerView,
  netWorthView,
  portfolioView,
  accountNumbersView,
  ownershipView,
  assetsView,
  incomeView,
  rulesView,
  exportsView,
  settingsView,
  aboutView,
];

/** The view the app opens on, and the one a drill-down shows. */
export const HOME_VIEW = dashboardView.id;
