import type { TransactionFilter } from '../../../shared/api';
import { amountInputText, parseAmountInput } from '../../ui/amount-input';
import { monthBounds } from '../../ui/months';

export type PendingChoice = 'any' | 'pending' | 'posted';
export type ExcludedChoice = 'any' | 'hide' | 'only';

/**
 * The filter bar as the user fills it: text where the user types (so a half-typed amount stays
 * on screen), choices where the user picks. `filterToRequest` turns it into the contract's filter.
 */
export interface FilterDraft {
  query: string;
  accountIds: string[];
  /** YYYY-MM-DD or '' for no bound. */
  dateFrom: string;
  dateTo: string;
  dateBasis: 'date' | 'spending';
  /** Typed amounts in Plaid's sign (money out positive), '' for no bound. */
  amountMin: string;
  amountMax: string;
  categories: string[];
  tags: string[];
  pending: PendingChoice;
  excludeTransfers: boolean;
  excluded: ExcludedChoice;
  currency: string | null;
}

export const EMPTY_FILTER: FilterDraft = {
  query: '',
  accountIds: [],
  dateFrom: '',
  dateTo: '',
  dateBasis: 'date',
  amountMin: '',
  amountMax: '',
  categories: [],
  tags: [],
  pending: 'any',
  excludeTransfers: false,
  excluded: 'any',
  currency: null,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Amounts typed without a currency filter are read with two decimals, like most currencies. */
const DEFAULT_AMOUNT_CURRENCY = 'USD';

/** Parts of the draft that cannot be sent yet (a half-typed amount), so the bar can say so. */
export function draftProblems(draft: FilterDraft): string[] {
  const currency = draft.currency ?? DEFAULT_AMOUNT_CURRENCY;
  const problems: string[] = [];
  if (draft.amountMin.trim() && parseAmountInput(draft.amountMin, currency) === null) {
    problems.push('The minimum amount is not a number.');
  }
  if (draft.amountMax.trim() && parseAmountInput(draft.amountMax, currency) === null) {
    problems.push('The maximum amount is not a number.');
  }
  if (draft.dateFrom && draft.dateTo && draft.dateFrom > draft.dateTo) {
    problems.push('The start date is after the end date.');
  }
  return problems;
}

/** The contract's filter: only the conditions the user set; unreadable parts are left out. */
export function filterToRequest(draft: FilterDraft): TransactionFilter {
  const currency = draft.currency ?? DEFAULT_AMOUNT_CURRENCY;
  const req: TransactionFilter = {};
  const query = draft.query.trim();
  if (query) req.query = query;
  if (draft.accountIds.length > 0) req.accountIds = [...draft.accountIds];
  if (ISO_DATE.test(draft.dateFrom)) req.dateFrom = draft.dateFrom;
  if (ISO_DATE.test(draft.dateTo)) req.dateTo = draft.dateTo;
  if ((req.dateFrom || req.dateTo) && draft.dateBasis === 'spending') req.dateBasis = 'spending';
  const min = draft.amountMin.trim() ? parseAmountInput(draft.amountMin, currency) : null;
  const max = draft.amountMax.trim() ? parseAmountInput(draft.amountMax, currency) : null;
  if (min !== null) req.amountMin = min;
  if (max !== null) req.amountMax = max;
  if (draft.categories.length > 0) req.categories = [...draft.categories];
  const tags = draft.tags.map((t) => t.trim()).filter(Boolean);
  if (tags.length > 0) req.tags = tags;
  if (draft.pending !== 'any') req.pending = draft.pending === 'pending';
  if (draft.excludeTransfers) req.excludeTransfers = true;
  if (draft.excluded !== 'any') req.excluded = draft.excluded === 'only';
  if (draft.currency) req.currency = draft.currency;
  return req;
}

/** The bar's state showing a filter that came from elsewhere (a chart's drill-down). */
export function filterFromRequest(req: TransactionFilter): FilterDraft {
  const currency = req.currency ?? DEFAULT_AMOUNT_CURRENCY;
  return {
    query: req.query ?? '',
    accountIds: req.accountIds ? [...req.accountIds] : [],
    dateFrom: req.dateFrom ?? '',
    dateTo: req.dateTo ?? '',
    dateBasis: req.dateBasis ?? 'date',
    amountMin: req.amountMin === undefined ? '' : amountInputText(req.amountMin, currency),
    amountMax: req.amountMax === undefined ? '' : amountInputText(req.amountMax, currency),
    categories: req.categories ? [...req.categories] : [],
    tags: req.tags ? [...req.tags] : [],
    pending: req.pending === undefined ? 'any' : req.pending ? 'pending' : 'posted',
    excludeTransfers: req.excludeTransfers ?? false,
    excluded: req.excluded === undefined ? 'any' : req.excluded ? 'only' : 'hide',
    currency: req.currency ?? null,
  };
}

/** How many conditions the filter sets (the search box excluded), for the "Clear filters" button. */
export function activeFilterCount(req: TransactionFilter): number {
  return Object.entries(req).filter(
    ([key, value]) => key !== 'query' && key !== 'dateBasis' && value !== undefined,
  ).length;
}

/**
 * The rows behind one bar of the spending chart: that month (by the spending month, i.e.
 * authorized date when present), that category or group, that currency, and only what counts as
 * spending (no transfers, nothing the user left out of totals).
 */
export function spendingDrillDown(
  month: string,
  category: string | string[],
  currency: string,
): TransactionFilter {
  const { from, to } = monthBounds(month);
  return {
    dateFrom: from,
    dateTo: to,
    dateBasis: 'spending',
    categories: Array.isArray(category) ? [...category] : [category],
    currency,
    excludeTransfers: true,
    excluded: false,
  };
}
