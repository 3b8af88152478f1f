/**
 * Daily value of one account in one currency, pure. Plaid gives today's holdings and the
 * transactions, not past values: the walk starts from today's positions and undoes each day's
 * transactions going back, pricing each position at the nearest price Plaid gave (a trade's price
 * or today's). Days with a stored snapshot take the snapshot's value, the only exact ones.
 */
import { shiftIsoDate } from '../../../shared/iso-date';
import { currencyExponent } from '../../../shared/money';
import type { DayValue } from './returns';

export interface HistoryTransaction {
  date: string;
  securityId: string | null;
  quantity: number;
  price: number;
  amountMinor: number;
  /** Money the owner moved in (positive) or out (negative); 0 for anything else. */
  flowMinor: number;
}

export interface HistoryInput {
  currency: string;
  /** The day today's holdings describe. */
  anchor: string;
  /** The earliest day to value. */
  start: string;
  cashMinor: number;
  positions: ReadonlyMap<string, number>;
  /** Today's price of each position, with its date. */
  prices: ReadonlyMap<string, { price: number | null; asOf: string }>;
  /** Securities whose quantity is cash (`CUR:USD`): their moves are in the amounts already. */
  cashSecurities: ReadonlySet<string>;
  transactions: readonly HistoryTransaction[];
  snapshots: ReadonlyMap<string, number>;
}

export interface HistoryPoint extends DayValue {
  estimated: boolean;
}

type PricePoints = { dates: string[]; prices: number[] };

function pricePoints(input: HistoryInput): Map<string, PricePoints> {
  const raw = new Map<string, [string, number][]>();
  const add = (id: string, date: string, price: number | null) => {
    if (price === null || !(price > 0)) return;
    raw.set(id, [...(raw.get(id) ?? []), [date, price]]);
  };
  for (const t of input.transactions) if (t.securityId) add(t.securityId, t.date, t.price);
  for (const [id, p] of input.prices) add(id, p.asOf, p.price);
  const out = new Map<string, PricePoints>();
  for (const [id, list] of raw) {
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out.set(id, { dates: list.map((l) => l[0]), prices: list.map((l) => l[1]) });
  }
  return out;
}

/** The last price on or before the day, else the first after it; null when Plaid gave none. */
function priceOn(points: PricePoints | undefined, date: string): number | null {
  if (!points) return null;
  let lo = 0;
  let hi = points.dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points.dates[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return points.prices[lo > 0 ? lo - 1 : 0] ?? null;
}

export function reconstructHistory(input: HistoryInput): HistoryPoint[] {
  const scale = 10 ** currencyExponent(input.currency);
  const prices = pricePoints(input);
  const byDate = new Map<string, HistoryTransaction[]>();
  for (const t of input.transactions) byDate.set(t.date, [...(byDate.get(t.date) ?? []), t]);
  const positions = new Map(input.positions);
  let cash = input.cashMinor;
  const out: HistoryPoint[] = [];
  for (let day = input.anchor; day >= input.start; day = shiftIsoDate(day, -1)) {
    const todays = byDate.get(day) ?? [];
    const flow = todays.reduce((sum, t) => sum + t.flowMinor, 0);
    const snapshot = input.snapshots.get(day);
    if (snapshot !== undefined) out.push({ date: day, value: snapshot, flow, estimated: false });
    else {
      let value = cash;
      for (const [id, quantity] of positions) {
        if (quantity === 0) continue;
        // Estimated anyway: rounding the sum once is as good as rounding each position.
        value += Math.round(quantity * (priceOn(prices.get(id), day) ?? 0) * scale);
      }
      out.push({ date: day, value, flow, estimated: true });
    }
    for (const t of todays) {
      cash += t.amountMinor;
      if (t.securityId && !input.cashSecurities.has(t.securityId) && t.quantity !== 0)
        positions.set(t.securityId, (positions.get(t.securityId) ?? 0) - t.quantity);
    }
  }
  return out.reverse();
}
