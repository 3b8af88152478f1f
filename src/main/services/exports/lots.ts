/**
 * First-in-first-out lots of each position (one account, one security), pure. A share acquired for
 * cash costs the cash paid (Plaid's amount, commissions included); a sale's proceeds are the cash
 * received (commissions already taken). Shares held before the first transaction Plaid returned
 * form an opening lot whose cost and date are unknown, and so are shares that arrived without
 * cash (a transfer in, a stock distribution): a sale from such a lot has "basis unknown".
 */

export interface LotMove {
  id: string;
  date: string;
  accountId: string;
  securityId: string;
  /** Plaid's sign: + shares in, − shares out. */
  quantity: number;
  /** Plaid's sign: + cash leaves the account, − cash arrives. */
  amountMinor: number;
  currency: string;
}

export interface Lot {
  /** null: before the history Plaid returned. */
  acquired: string | null;
  quantity: number;
  /** null: unknown. */
  costMinor: number | null;
  moveId: string | null;
}

export interface SalePart {
  sale: LotMove;
  /** 1-based: the lots a sale drew from, in FIFO order. */
  part: number;
  quantity: number;
  acquired: string | null;
  proceedsMinor: number;
  costMinor: number | null;
  /** Held more than one year (a sale one year and one day after purchase is long-term). */
  longTerm: boolean | null;
}

/** Shares compared with this tolerance: quantities are Plaid's floats. */
const EPSILON = 1e-9;

export const positionKey = (accountId: string, securityId: string) => `${accountId}\u0000${securityId}`;

function addOneYear(date: string): string {
  const [y, m, d] = date.split('-');
  // 29 February plus a year is 1 March for the holding-period rule.
  return m === '02' && d === '29' ? `${Number(y) + 1}-03-01` : `${Number(y) + 1}-${m}-${d}`;
}

export function isLongTerm(acquired: string, sold: string): boolean {
  return sold > addOneYear(acquired);
}

/**
 * Walks the moves oldest first. `opening` is each position's quantity before the first move (the
 * shares of the unknown-basis opening lot). Calls `onSale` for every part of every sale, and
 * returns the lots left after the last move given.
 */
export function runLots(
  moves: readonly LotMove[],
  opening: ReadonlyMap<string, number>,
  onSale: (part: SalePart) => void = () => undefined,
): Map<string, Lot[]> {
  const lots = new Map<string, Lot[]>();
  for (const [key, quantity] of opening)
    if (quantity > EPSILON) lots.set(key, [{ acquired: null, quantity, costMinor: null, moveId: null }]);
  const sorted = [...moves].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const move of sorted) {
    if (Math.abs(move.quantity) < EPSILON) continue;
    const key = positionKey(move.accountId, move.securityId);
    const queue = lots.get(key) ?? [];
    lots.set(key, queue);
    if (move.quantity > 0) {
      queue.push({
        acquired: move.date,
        quantity: move.quantity,
        costMinor: move.amountMinor > 0 ? move.amountMinor : null,
        moveId: move.id,
      });
      continue;
    }
    let left = -move.quantity;
    let proceedsLeft = -move.amountMinor;
    let part = 0;
    while (left > EPSILON) {
      const lot = queue[0];
      // More sold than the history holds: the rest came from before it, basis unknown.
      const take = lot ? Math.min(lot.quantity, left) : left;
      const last = take >= left - EPSILON;
      const proceeds = last ? proceedsLeft : Math.round((-move.amountMinor * take) / -move.quantity);
      let cost: number | null = null;
      if (lot && lot.costMinor !== null) {
        const whole = take >= lot.quantity - EPSILON;
        cost = whole ? lot.costMinor : Math.round((lot.costMinor * take) / lot.quantity);
        lot.costMinor -= cost;
      }
      const acquired = lot ? lot.acquired : null;
      onSale({
        sale: move,
        part: ++part,
        quantity: take,
        acquired,
        proceedsMinor: proceeds,
        costMinor: cost,
        longTerm: acquired === null ? null : isLongTerm(acquired, move.date),
      });
      proceedsLeft -= proceeds;
      left -= take;
      if (lot) {
        lot.quantity -= take;
        if (lot.quantity <= EPSILON) queue.shift();
      }
    }
  }
  return lots;
}
