/**
 * Search as you type sends a request per keystroke. A running SQLite query cannot be interrupted,
 * but a request that has not started yet can be dropped once a newer one of the same kind from
 * the same window has arrived: its answer would be thrown away by the window anyway, and running
 * it would delay the answer the person is waiting for.
 *
 * A window names the kind in the `X-Coffer-Lane` header (its own random id and what the request
 * is, e.g. `<window>/transactions-filter`); requests without one are never dropped.
 */
export const LANE_HEADER = 'x-coffer-lane';

const LANE_PATTERN = /^[A-Za-z0-9._:/-]{1,120}$/;

/** The contract's error code of a request dropped this way; the window ignores it. */
export const SUPERSEDED = 'SUPERSEDED';

export class Lanes {
  private next = 0;
  private readonly newest = new Map<string, number>();

  /**
   * Registers a request of `lane` for `call`; the answer says, once everything already received
   * has been read, whether a newer request of the same lane and call came in meanwhile.
   */
  enter(lane: string | string[] | undefined, call: string): Ticket {
    if (typeof lane !== 'string' || !LANE_PATTERN.test(lane)) return OPEN_TICKET;
    const key = `${lane}\n${call}`;
    const mine = ++this.next;
    this.newest.set(key, mine);
    return {
      superseded: async () => {
        // Requests that arrived while a query held the thread are parsed in this same turn of the
        // event loop; waiting for its check phase lets them register first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        return this.newest.get(key) !== mine;
      },
      leave: () => {
        if (this.newest.get(key) === mine) this.newest.delete(key);
      },
    };
  }

  /** Lanes with a request in flight (bounded by the windows open). */
  get size(): number {
    return this.newest.size;
  }
}

export interface Ticket {
  superseded(): Promise<boolean>;
  leave(): void;
}

const OPEN_TICKET: Ticket = { superseded: async () => false, leave: () => {} };
