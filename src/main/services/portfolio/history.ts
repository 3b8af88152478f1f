/**
 * Value history from the ledger: one series per investment account and currency (reconstruct.ts)
 * and one total per currency, from the earliest transaction or snapshot to the newest snapshot.
 */
import type { ValueSeries } from '../../../shared/contract/portfolio';
import { currencyExponent } from '../../../shared/money';
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import { classify } from './kinds';
import { reconstructHistory, type HistoryPoint, type HistoryTransaction } from './reconstruct';

export interface SeriesData {
  accountId: string | null;
  name: string;
  currency: string;
  points: HistoryPoint[];
}

/** The columns the walk needs, read as arrays: a row object per transaction costs twice the read. */
type TxnTuple = [
  accountId: string,
  currency: string,
  date: string,
  securityId: string | null,
  quantity: number,
  price: number,
  amountMinor: number,
  type: string,
  subtype: string,
];

/** Money the owner moved in (positive) or out: the cash it brought, or the securities' worth. */
export function flowOf(
  t: { type: string; subtype: string; amountMinor: number; quantity: number; price: number },
  scale: number,
) {
  if (!classify(t.type, t.subtype).external) return 0;
  if (t.amountMinor !== 0) return -t.amountMinor;
  return Math.round(t.quantity * t.price * scale);
}

function group<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

interface HoldingRow {
  account_id: string;
  currency: string;
  security_id: string;
  quantity: number;
  price: number | null;
  price_as_of: string | null;
  value_minor: number;
  is_cash: number;
}

interface SnapshotRow {
  account_id: string;
  currency: string;
  date: string;
  value_minor: number;
}

const byAccountAndCurrency = (r: { account_id: string; currency: string }) =>
  `${r.account_id}\u0000${r.currency}`;

/**
 * The value history of every open investment account, one series per account and currency,
 * from one read of the ledger's investment rows (a read per account would scan them per account).
 */
export function accountSeries(ledger: Ledger): SeriesData[] {
  const accounts = stmt(
    ledger.db,
    `SELECT account_id, name FROM accounts
     WHERE type = 'investment' AND archived_at IS NULL ORDER BY name, account_id`,
  ).all() as { account_id: string; name: string }[];
  const holdings = group(
    stmt(
      ledger.db,
      `SELECT h.account_id, h.currency, h.security_id, h.quantity, h.price, h.price_as_of, h.value_minor,
         s.is_cash FROM holdings h JOIN securities s ON s.security_id = h.security_id`,
    ).all() as HoldingRow[],
    byAccountAndCurrency,
  );
  const transactions = group(
    stmt(
      ledger.db,
      `SELECT account_id, currency, date, security_id, quantity, price, amount_minor, type, subtype
       FROM investment_transactions ORDER BY date`,
    )
      .raw(true)
      .all() as TxnTuple[],
    ([accountId, currency]) => `${accountId}\u0000${currency}`,
  );
  const snapshots = group(
    stmt(
      ledger.db,
      `SELECT account_id, currency, date, value_minor FROM investment_valuations ORDER BY date`,
    ).all() as SnapshotRow[],
    byAccountAndCurrency,
  );
  const cashSecurities = new Set(
    stmt(ledger.db, `SELECT security_id FROM securities WHERE is_cash = 1`).pluck().all() as string[],
  );
  const currencies = new Map<string, Set<string>>();
  for (const map of [holdings, transactions, snapshots])
    for (const key of map.keys()) {
      const [accountId, currency] = key.split('\u0000') as [string, string];
      currencies.set(accountId, (currencies.get(accountId) ?? new Set<string>()).add(currency));
    }

  const out: SeriesData[] = [];
  for (const a of accounts)
    for (const currency of [...(currencies.get(a.account_id) ?? [])].sort()) {
      const key = `${a.account_id}\u0000${currency}`;
      const points = seriesPoints(
        currency,
        holdings.get(key) ?? [],
        transactions.get(key) ?? [],
        snapshots.get(key) ?? [],
        cashSecurities,
      );
      if (points) out.push({ accountId: a.account_id, name: a.name, currency, points });
    }
  return out;
}

/** One account's days in one currency; null when nothing says which day its holdings describe. */
function seriesPoints(
  currency: string,
  held: readonly HoldingRow[],
  txns: readonly TxnTuple[],
  snaps: readonly SnapshotRow[],
  cashSecurities: ReadonlySet<string>,
): HistoryPoint[] | null {
  const anchor =
    snaps.at(-1)?.date ?? held.reduce((d, h) => ((h.price_as_of ?? '') > d ? h.price_as_of! : d), '');
  if (!anchor) return null;
  const first = [txns[0]?.[2], snaps[0]?.date].filter((d): d is string => !!d).sort()[0] ?? anchor;
  const scale = 10 ** currencyExponent(currency);
  const history: HistoryTransaction[] = [];
  for (const [, , date, securityId, quantity, price, amountMinor, type, subtype] of txns)
    if (date <= anchor) {
      const flowMinor = flowOf({ type, subtype, amountMinor, quantity, price }, scale);
      history.push({ date, securityId, quantity, price, amountMinor, flowMinor });
    }
  return reconstructHistory({
    currency,
    anchor,
    start: first,
    cashMinor: held.filter((h) => h.is_cash === 1).reduce((s, h) => s + h.value_minor, 0),
    positions: new Map(held.filter((h) => h.is_cash !== 1).map((h) => [h.security_id, h.quantity])),
    prices: new Map(held.map((h) => [h.security_id, { price: h.price, asOf: h.price_as_of ?? anchor }])),
    cashSecurities,
    transactions: history,
    snapshots: new Map(snaps.map((s) => [s.date, s.value_minor])),
  });
}

/** Every account's series in a currency added day by day (an account not yet open counts 0). */
export function totalSeries(series: readonly SeriesData[]): SeriesData[] {
  const out: SeriesData[] = [];
  for (const [currency, list] of group(series, (s) => s.currency)) {
    const days = new Map<string, HistoryPoint>();
    for (const s of list)
      for (const p of s.points) {
        const d = days.get(p.date) ?? { date: p.date, value: 0, flow: 0, estimated: false };
        d.value += p.value;
        d.flow += p.flow;
        d.estimated ||= p.estimated;
        days.set(p.date, d);
      }
    const points = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
    // After an account's last day (an older anchor) it stops adding: carry its last value on.
    for (const s of list) {
      const last = s.points.at(-1);
      if (!last) continue;
      for (const p of points) if (p.date > last.date) p.value += last.value;
    }
    out.push({ accountId: null, name: `All accounts (${currency})`, currency, points });
  }
  return out;
}

export function toValueSeries(s: SeriesData): ValueSeries {
  let net = 0;
  return {
    accountId: s.accountId,
    name: s.name,
    currency: s.currency,
    points: s.points.map((p) => {
      net += p.flow;
      return {
        date: p.date,
        valueMinor: p.value,
        flowMinor: p.flow,
        netContributionsMinor: net,
        estimated: p.estimated,
      };
    }),
  };
}

export function firstSnapshot(ledger: Ledger): string | null {
  return (
    (stmt(ledger.db, `SELECT min(date) FROM investment_valuations`).pluck().get() as string | null) ?? null
  );
}
