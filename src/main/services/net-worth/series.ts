/**
 * Net worth per day and per currency: what the accounts and the manual assets hold, less what the
 * cards, loans and manual liabilities owe. Currencies are never added together: each day has one
 * line per currency. An account counts from the first day it has a balance.
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import { dayNumber, isoDay, maxDate } from './days';
import { LIABILITY_TYPES } from './daily-balances';
import { listManualAssets, valueOn } from './manual-assets';

export interface NetWorthDay {
  date: string;
  currency: string;
  assetsMinor: number;
  liabilitiesMinor: number;
  netWorthMinor: number;
}

const LIABILITY_LIST = LIABILITY_TYPES.map((t) => `'${t}'`).join(', ');

export function netWorthSeries(ledger: Ledger, from: string, to: string): NetWorthDay[] {
  const rows = stmt(
    ledger.db,
    `SELECT d.date, a.currency,
       sum(CASE WHEN a.type IN (${LIABILITY_LIST}) THEN 0 ELSE d.balance_minor END) AS assets,
       sum(CASE WHEN a.type IN (${LIABILITY_LIST}) THEN d.balance_minor ELSE 0 END) AS liabilities
     FROM daily_balances d JOIN accounts a ON a.account_id = d.account_id
     WHERE d.date BETWEEN ? AND ?
     GROUP BY d.date, a.currency`,
  ).all(from, to) as { date: string; currency: string; assets: number; liabilities: number }[];
  const byKey = new Map<string, { date: string; currency: string; assets: number; liabilities: number }>();
  for (const r of rows) byKey.set(`${r.date}|${r.currency}`, { ...r });
  const manual = listManualAssets(ledger);
  for (const asset of manual) {
    const firstValue = asset.values[0];
    if (!firstValue) continue;
    for (let d = dayNumber(maxDate(from, firstValue.date)); d <= dayNumber(to); d++) {
      const date = isoDay(d);
      const value = valueOn(asset, date)!;
      const key = `${date}|${asset.currency}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { date, currency: asset.currency, assets: 0, liabilities: 0 }));
      if (asset.kind === 'asset') entry.assets += value;
      else entry.liabilities += value;
    }
  }
  return [...byKey.values()]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.currency < b.currency ? -1 : 1))
    .map((e) => ({
      date: e.date,
      currency: e.currency,
      assetsMinor: e.assets,
      liabilitiesMinor: e.liabilities,
      netWorthMinor: e.assets - e.liabilities,
    }));
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
