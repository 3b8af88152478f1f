/**
 * Holdings as the portfolio shows them: per investment account and combined, each with its gain
 * on Plaid's total cost basis and its weight in its currency; totals and allocation per currency.
 */
import type { AllocationSlice, Holding, PortfolioHoldings } from '../../../shared/contract/portfolio';
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';

interface HoldingRow {
  account_id: string;
  security_id: string;
  quantity: number;
  price: number | null;
  price_as_of: string | null;
  value_minor: number;
  cost_basis_minor: number | null;
  currency: string;
  name: string | null;
  ticker: string | null;
  type: string | null;
  is_cash: number;
  proxy_ticker: string | null;
  proxy_name: string | null;
}

interface AccountRow {
  account_id: string;
  name: string;
  currency: string;
  institution_name: string;
}

const HOLDINGS_SQL = `
  SELECT h.account_id, h.security_id, h.quantity, h.price, h.price_as_of, h.value_minor,
    h.cost_basis_minor, h.currency, s.name, s.ticker, s.type, s.is_cash,
    p.ticker AS proxy_ticker, p.name AS proxy_name
  FROM holdings h
  JOIN securities s ON s.security_id = h.security_id
  LEFT JOIN securities p ON p.security_id = s.proxy_security_id
  ORDER BY h.account_id, s.is_cash, h.value_minor DESC, h.security_id`;

const ACCOUNTS_SQL = `
  SELECT a.account_id, a.name, a.currency, i.institution_name
  FROM accounts a JOIN items i ON i.item_id = a.item_id
  WHERE a.type = 'investment' AND a.archived_at IS NULL
  ORDER BY i.institution_name, a.name, a.account_id`;

/** No gain for cash, nor where Plaid gave no cost or no price (an unknown value is not a loss). */
function gain(valueMinor: number, costMinor: number | null, isCash: boolean, priced = true) {
  if (isCash || costMinor === null || !priced) return { gainMinor: null, gainFraction: null };
  const gainMinor = valueMinor - costMinor;
  return { gainMinor, gainFraction: costMinor > 0 ? gainMinor / costMinor : null };
}

function toHolding(r: HoldingRow, accountName: string | null, accountId: string | null): Holding {
  const isCash = r.is_cash === 1;
  return {
    accountId,
    accountName,
    securityId: r.security_id,
    // A security Plaid did not name still has an id; an option is named after what it tracks.
    name: r.name ?? (r.proxy_name ? `${r.proxy_name} (derivative)` : `Security ${r.security_id}`),
    ticker: r.ticker ?? r.proxy_ticker,
    type: r.type,
    isCash,
    underlying: r.proxy_ticker ?? r.proxy_name,
    quantity: r.quantity,
    price: r.price,
    priceAsOf: r.price_as_of,
    valueMinor: r.value_minor,
    costBasisMinor: isCash ? null : r.cost_basis_minor,
    ...gain(r.value_minor, r.cost_basis_minor, isCash, r.price !== null || r.value_minor !== 0),
    weight: 0,
    currency: r.currency,
  };
}

/** Weights within each currency, so a CAD holding is never a share of a USD total. */
function weigh(holdings: Holding[]): Holding[] {
  const totals = new Map<string, number>();
  for (const h of holdings) totals.set(h.currency, (totals.get(h.currency) ?? 0) + h.valueMinor);
  for (const h of holdings) {
    const total = totals.get(h.currency) ?? 0;
    h.weight = total === 0 ? 0 : h.valueMinor / total;
  }
  return holdings;
}

export function currencyTotals(holdings: readonly Holding[]) {
  const totals = new Map<
    string,
    { currency: string; valueMinor: number; cashMinor: number; costBasisMinor: number; gainMinor: number }
  >();
  for (const h of holdings) {
    const t = totals.get(h.currency) ?? {
      currency: h.currency,
      valueMinor: 0,
      cashMinor: 0,
      costBasisMinor: 0,
      gainMinor: 0,
    };
    t.valueMinor += h.valueMinor;
    if (h.isCash) t.cashMinor += h.valueMinor;
    // Cost and gain of the positions whose gain is known, so the two always describe the same ones.
    if (h.gainMinor !== null) {
      t.costBasisMinor += h.costBasisMinor ?? 0;
      t.gainMinor += h.gainMinor;
    }
    totals.set(h.currency, t);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

function allocate(holdings: readonly Holding[], keyOf: (h: Holding) => { key: string; label: string }) {
  const slices = new Map<string, AllocationSlice>();
  for (const h of holdings) {
    const { key, label } = keyOf(h);
    const id = `${h.currency}\u0000${key}`;
    const slice = slices.get(id) ?? { key, label, currency: h.currency, valueMinor: 0, weight: 0 };
    slice.valueMinor += h.valueMinor;
    slices.set(id, slice);
  }
  const list = [...slices.values()];
  const totals = new Map<string, number>();
  for (const s of list) totals.set(s.currency, (totals.get(s.currency) ?? 0) + s.valueMinor);
  for (const s of list) {
    const total = totals.get(s.currency) ?? 0;
    s.weight = total === 0 ? 0 : s.valueMinor / total;
  }
  return list.sort((a, b) =>
    a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : b.valueMinor - a.valueMinor,
  );
}

const TYPE_LABELS: Record<string, string> = {
  cash: 'Cash',
  equity: 'Stocks',
  etf: 'ETFs',
  'mutual fund': 'Mutual funds',
  'fixed income': 'Bonds',
  derivative: 'Derivatives',
  cryptocurrency: 'Crypto',
  loan: 'Loans',
  other: 'Other assets',
};

export function typeOf(h: Holding): { key: string; label: string } {
  if (h.isCash) return { key: 'cash', label: 'Cash' };
  const key = h.type ?? 'unknown';
  return {
    key,
    label: TYPE_LABELS[key] ?? (h.type ? h.type.charAt(0).toUpperCase() + h.type.slice(1) : 'Type not given'),
  };
}

export function portfolioHoldings(ledger: Ledger): PortfolioHoldings {
  const rows = stmt(ledger.db, HOLDINGS_SQL).all() as HoldingRow[];
  const accountRows = stmt(ledger.db, ACCOUNTS_SQL).all() as AccountRow[];
  const byAccount = new Map<string, HoldingRow[]>();
  for (const r of rows) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);

  const accounts = accountRows.map((a) => {
    const holdings = weigh(
      (byAccount.get(a.account_id) ?? []).map((r) => toHolding(r, a.name, a.account_id)),
    );
    return {
      accountId: a.account_id,
      name: a.name,
      institutionName: a.institution_name,
      currency: a.currency,
      holdings,
      totals: currencyTotals(holdings),
    };
  });
  const perAccount = accounts.flatMap((a) => a.holdings);

  const combined = new Map<string, Holding>();
  for (const h of perAccount) {
    const key = `${h.securityId}\u0000${h.currency}`;
    const before = combined.get(key);
    if (!before) {
      combined.set(key, { ...h, accountId: null, accountName: null });
      continue;
    }
    before.quantity += h.quantity;
    before.valueMinor += h.valueMinor;
    before.costBasisMinor =
      before.costBasisMinor === null || h.costBasisMinor === null
        ? null
        : before.costBasisMinor + h.costBasisMinor;
    Object.assign(
      before,
      gain(
        before.valueMinor,
        before.costBasisMinor,
        before.isCash,
        before.gainMinor !== null && h.gainMinor !== null,
      ),
    );
    // Institutions may price one security differently on different days: keep the newest.
    if ((h.priceAsOf ?? '') > (before.priceAsOf ?? ''))
      Object.assign(before, { price: h.price, priceAsOf: h.priceAsOf });
  }
  const combinedList = weigh(
    [...combined.values()].sort((a, b) => Number(a.isCash) - Number(b.isCash) || b.valueMinor - a.valueMinor),
  );
  const accountName = new Map(accounts.map((a) => [a.accountId, a.name]));
  return {
    accounts,
    combined: combinedList,
    totals: currencyTotals(perAccount),
    allocation: {
      byType: allocate(perAccount, typeOf),
      byAccount: allocate(perAccount, (h) => ({
        key: h.accountId ?? '',
        label: accountName.get(h.accountId ?? '') ?? '',
      })),
      byCurrency: allocate(perAccount, (h) => ({ key: h.currency, label: h.currency })),
    },
  };
}
