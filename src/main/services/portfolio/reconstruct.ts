/**
 * Daily value of one account in one currency, pure. Plaid gives today's holdings and the
 * transactions, not past values: the walk starts from today's positions and undoes each day's
 * transactions going back, pricing each position at the nearest price Plaid gave (a trade's price
 * or today's). Days with a stored snapshot take the snapshot's value, the only exact ones.
 */
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
    const list = raw.get(id);
    if (list) list.push([date, price]);
    else raw.set(id, [[date, price]]);
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

/**
 * A position's price as the walk goes back a day at a time: the last price on or before the day,
 * else the first after it (none: 0). The walk only goes back, so the index only moves back.
 */
class PriceCursor {
  private index: number;
  constructor(private readonly points: PricePoints | undefined) {
    this.index = points ? points.dates.length - 1 : -1;
  }
  on(date: string): number {
    const p = this.points;
    if (!p) return 0;
    while (this.index >= 0 && p.dates[this.index]! > date) this.index--;
    return p.prices[this.index >= 0 ? this.index : 0] ?? 0;
  }
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The ISO dates from `to` back to `from`, newest first, by calendar arithmetic (no Date per day). */
function daysBackward(to: string, from: string): string[] {
  let y = Number(to.slice(0, 4));
  let m = Number(to.slice(5, 7));
  let d = Number(to.slice(8, 10));
  const out: string[] = [];
  for (let day = to; day >= from;) {
    out.push(day);
    if (--d === 0) {
      if (--m === 0) {
        m = 12;
        y--;
      }
      d = new Date(Date.UTC(y, m, 0)).getUTCDate();
    }
    day = `${y}-${pad(m)}-${pad(d)}`;
  }
  return out;
}

export function reconstructHistory(input: HistoryInput): HistoryPoint[] {
  const scale = 10 ** currencyExponent(input.currency);
  const prices = pricePoints(input);
  const byDate = new Map<string, HistoryTransaction[]>();
  for (const t of input.transactions) {
    const list = byDate.get(t.date);
    if (list) list.push(t);
    else byDate.set(t.date, [t]);
  }
  // Every position the walk can meet, by index: the day loop reads arrays, not maps.
  const slots = new Map<string, number>();
  const slotOf = (id: string) => {
    let slot = slots.get(id);
    if (slot === undefined) slots.set(id, (slot = slots.size));
    return slot;
  };
  for (const id of input.positions.keys()) slotOf(id);
  for (const t of input.transactions)
    if (t.securityId && !input.cashSecurities.has(t.securityId) && t.quantity !== 0) slotOf(t.securityId);
  const quantities = new Array<number>(slots.size).fill(0);
  for (const [id, quantity] of input.positions) quantities[slotOf(id)] = quantity;
  const cursors = [...slots.keys()].map((id) => new PriceCursor(prices.get(id)));
  // A position's price moves only where the walk passes one of its price points, and its quantity
  // only on a day with trades: in between, what the positions are worth stays the same.
  const priceDays = new Set<string>();
  for (const p of prices.values()) for (const d of p.dates) priceDays.add(d);
  let held = 0;
  let stale = true;
  let cash = input.cashMinor;
  const out: HistoryPoint[] = [];
  for (const day of daysBackward(input.anchor, input.start)) {
    const todays = byDate.get(day);
    let flow = 0;
    if (todays) for (const t of todays) flow += t.flowMinor;
    const snapshot = input.snapshots.get(day);
    if (snapshot !== undefined) out.push({ date: day, value: snapshot, flow, estimated: false });
    else {
      if (stale) {
        held = 0;
        for (let i = 0; i < quantities.length; i++) {
          const quantity = quantities[i]!;
          if (quantity === 0) continue;
          // Estimated anyway: rounding the sum once is as good as rounding each position.
          held += Math.round(quantity * cursors[i]!.on(day) * scale);
        }
        stale = false;
      }
      out.push({ date: day, value: cash + held, flow, estimated: true });
    }
    if (priceDays.has(day)) stale = true;
    if (!todays) continue;
    for (const t of todays) {
      cash += t.amountMinor;
      if (t.securityId && !input.cashSecurities.has(t.securityId) && t.quantity !== 0) {
        quantities[slots.get(t.securityId)!]! -= t.quantity;
        stale = true;
      }
    }
  }
  return out.reverse();
}
