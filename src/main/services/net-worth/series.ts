/**
 * Net worth per day and per currency: what the accounts and the manual assets hold, less what the
 * cards, loans and manual liabilities owe. Currencies are never added together: each day has one
 * line per currency. An account counts from the first day it has a balance.
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import { dayNumber, isoDay } from './days';
import { LIABILITY_TYPES } from './daily-balances';
import { listManualAssets, valueOn, type ManualAsset } from './manual-assets';

export interface NetWorthDay {
  date: string;
  currency: string;
  assetsMinor: number;
  liabilitiesMinor: number;
  netWorthMinor: number;
  estimated: boolean;
}

/** The days, per currency, on which some loan's balance is an estimate (see loan-estimate.ts). */
function estimatedSpans(ledger: Ledger): { currency: string; from: string; to: string }[] {
  return stmt(
    ledger.db,
    `SELECT a.currency, min(d.date) AS "from",
       (SELECT min(as_of) FROM balance_snapshots s WHERE s.account_id = a.account_id) AS "to"
     FROM accounts a JOIN daily_balances d ON d.account_id = a.account_id
     WHERE a.type = 'loan' AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id)
     GROUP BY a.account_id HAVING "from" < "to"`,
  ).all() as { currency: string; from: string; to: string }[];
}

export function netWorthSeries(ledger: Ledger, from: string, to: string): NetWorthDay[] {
  const rows = stmt(
    ledger.db,
    `SELECT date, currency, assets_minor AS assets, liabilities_minor AS liabilities FROM net_worth_daily
     WHERE date BETWEEN ? AND ? ORDER BY date, currency`,
  ).all(from, to) as Totals[];
  const manual = listManualAssets(ledger).filter((a) => a.values.length > 0);
  const lines = manual.length === 0 ? rows : withManualValues(rows, manual, from, to);
  const spans = estimatedSpans(ledger);
  return lines.map((e) => ({
    date: e.date,
    currency: e.currency,
    assetsMinor: e.assets,
    liabilitiesMinor: e.liabilities,
    netWorthMinor: e.assets - e.liabilities,
    estimated: spans.some((s) => s.currency === e.currency && e.date >= s.from && e.date < s.to),
  }));
}

interface Totals {
  date: string;
  currency: string;
  assets: number;
  liabilities: number;
}

/** Each manual value holds from its date to the next one: one walk per asset over the range. */
function withManualValues(rows: Totals[], manual: ManualAsset[], from: string, to: string): Totals[] {
  const byKey = new Map<string, Totals>();
  for (const r of rows) byKey.set(`${r.date}|${r.currency}`, r);
  for (const asset of manual) {
    let next = 0;
    let value: number | null = null;
    for (let d = dayNumber(from); d <= dayNumber(to); d++) {
      const date = isoDay(d);
      while (next < asset.values.length && asset.values[next]!.date <= date)
        value = asset.values[next++]!.valueMinor;
      if (value === null) continue;
      const key = `${date}|${asset.currency}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { date, currency: asset.currency, assets: 0, liabilities: 0 }));
      if (asset.kind === 'asset') entry.assets += value;
      else entry.liabilities += value;
    }
  }
  return [...byKey.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.currency < b.currency ? -1 : 1,
  );
}

/** The first and last day anything has a value, or null for an empty ledger. */
export function historySpan(ledger: Ledger): { from: string; to: string } | null {
  const span = stmt(ledger.db, `SELECT min(date) AS first, max(date) AS last FROM daily_balances`).get() as {
    first: string | null;
    last: string | null;
  };
  const manual = stmt(
    ledger.db,
    `SELECT min(date) AS first, max(date) AS last FROM manual_asset_values`,
  ).get() as {
    first: string | null;
    last: string | null;
  };
  const firsts = [span.first, manual.first].filter((d): d is string => d !== null).sort();
  const lasts = [span.last, manual.last].filter((d): d is string => d !== null).sort();
  if (firsts.length === 0) return null;
  return { from: firsts[0]!, to: lasts[lasts.length - 1]! };
}

export interface BreakdownAccount {
  accountId: string;
  name: string;
  institutionName: string;
  type: string;
  currency: string;
  side: 'asset' | 'liability';
  /** Null before the account's history starts. */
  balanceMinor: number | null;
  historyFrom: string | null;
  /** No transactions in the ledger: nothing is known before the first snapshot. */
  snapshotsOnly: boolean;
  /** A loan's balances before this day (its first snapshot) are estimated from its amortisation. */
  estimatedBefore: string | null;
  fetchedAt: string | null;
}

export interface BreakdownManual {
  assetId: string;
  name: string;
  currency: string;
  side: 'asset' | 'liability';
  valueMinor: number | null;
}

export function breakdownOn(
  ledger: Ledger,
  date: string,
): { accounts: BreakdownAccount[]; manual: BreakdownManual[] } {
  const rows = stmt(
    ledger.db,
    `SELECT a.account_id, a.name, i.institution_name, a.type, a.currency,
       (SELECT balance_minor FROM daily_balances d WHERE d.account_id = a.account_id AND d.date <= ?
          ORDER BY d.date DESC LIMIT 1) AS balance,
       (SELECT min(date) FROM daily_balances d WHERE d.account_id = a.account_id) AS history_from,
       NOT EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id) AS snapshots_only,
       (SELECT min(as_of) FROM balance_snapshots s WHERE s.account_id = a.account_id) AS first_snapshot,
       (SELECT fetched_at FROM balance_snapshots s WHERE s.account_id = a.account_id ORDER BY s.id DESC LIMIT 1)
         AS fetched_at
     FROM accounts a JOIN items i ON i.item_id = a.item_id
     ORDER BY i.institution_name, a.type, a.name, a.account_id`,
  ).all(date) as {
    account_id: string;
    name: string;
    institution_name: string;
    type: string;
    currency: string;
    balance: number | null;
    history_from: string | null;
    snapshots_only: number;
    first_snapshot: string | null;
    fetched_at: string | null;
  }[];
  const accounts = rows.map((r) => ({
    accountId: r.account_id,
    name: r.name,
    institutionName: r.institution_name,
    type: r.type,
    currency: r.currency,
    side: LIABILITY_TYPES.includes(r.type) ? ('liability' as const) : ('asset' as const),
    balanceMinor: r.balance,
    historyFrom: r.history_from,
    snapshotsOnly: r.snapshots_only === 1,
    estimatedBefore:
      r.type === 'loan' &&
      r.snapshots_only === 1 &&
      r.history_from !== null &&
      r.first_snapshot !== null &&
      r.history_from < r.first_snapshot
        ? r.first_snapshot
        : null,
    fetchedAt: r.fetched_at,
  }));
  const manual = listManualAssets(ledger).map((a) => ({
    assetId: a.id,
    name: a.name,
    currency: a.currency,
    side: a.kind,
    valueMinor: valueOn(a, date),
  }));
  return { accounts, manual };
}

/** Today's line per currency, the end of a range and its change over it. */
export function changeOver(
  days: readonly NetWorthDay[],
): { currency: string; fromMinor: number; toMinor: number }[] {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const d of days) {
    if (!first.has(d.currency)) first.set(d.currency, d.netWorthMinor);
    last.set(d.currency, d.netWorthMinor);
  }
  return [...last].map(([currency, toMinor]) => ({ currency, fromMinor: first.get(currency)!, toMinor }));
}
