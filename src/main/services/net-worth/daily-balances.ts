/**
 * One balance per account per day, kept in daily_balances. On a day with a snapshot the balance is
 * the snapshot; before a snapshot it is walked back from it through the transactions posted
 * between (backward from the current balance); after the last snapshot it is walked forward from
 * it. An account's history starts at its first posted transaction or its first snapshot, whichever
 * comes first, so an account without transactions (a loan, a brokerage account) has none before
 * its first snapshot, unless a value source (value-source.ts) knows its earlier days: Investments
 * for a brokerage account, the amortisation for a loan (loan-estimate.ts); those days are marked
 * estimated. A change on one day moves only the days between the snapshots around it, which is all
 * `refreshDirtyBalances` recomputes; an account a source values is rebuilt whole, since a sync
 * can move every reconstructed day.
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import { dayNumber, isoDay, maxDate, minDate } from './days';
import { snapshotsByDay } from './snapshots';
import type { AccountValues, AccountValueSource, SourcedValue } from './value-source';

/** Balances that grow when money is spent: what is owed on cards and loans. */
export const LIABILITY_TYPES: readonly string[] = ['credit', 'loan'];

export interface BalanceRange {
  from: string;
  to: string;
}

export interface RebuildOptions {
  /** The last day with a balance: today as the bank counts it. */
  today: string;
  sources?: readonly AccountValueSource[];
}

/** Days written. */
export function rebuildAllDailyBalances(ledger: Ledger, options: RebuildOptions): number {
  const ids = stmt(ledger.db, `SELECT account_id FROM accounts ORDER BY account_id`)
    .pluck()
    .all() as string[];
  return ledger.write(() => {
    const values = openSources(ledger, options);
    let days = 0;
    for (const id of ids) days += rebuildAccount(ledger, id, null, options, values).days;
    ledger.db.prepare(`DELETE FROM daily_balances_dirty`).run();
    ledger.db.prepare(`DELETE FROM net_worth_daily`).run();
    totalDays(ledger, '0000-00-00', '9999-99-99');
    return days;
  });
}

/** Recomputes the days that changed transactions or new snapshots touched, and only those. Days written. */
export function refreshDirtyBalances(ledger: Ledger, options: RebuildOptions): number {
  return ledger.write(() => {
    const dirty = ledger.db
      .prepare(`SELECT account_id, from_date, to_date FROM daily_balances_dirty`)
      .all() as {
      account_id: string;
      from_date: string;
      to_date: string;
    }[];
    const values = openSources(ledger, options);
    let days = 0;
    let touched: BalanceRange | null = null;
    for (const d of dirty) {
      const range = { from: d.from_date, to: d.to_date };
      const done = rebuildAccount(ledger, d.account_id, range, options, values);
      days += done.days;
      touched = touched
        ? { from: minDate(touched.from, done.span.from), to: maxDate(touched.to, done.span.to) }
        : done.span;
    }
    ledger.db.prepare(`DELETE FROM daily_balances_dirty`).run();
    if (touched) totalDays(ledger, touched.from, touched.to);
    return days;
  });
}

function openSources(ledger: Ledger, options: RebuildOptions): AccountValues[] {
  return (options.sources ?? []).map((source) => source.open(ledger));
}

/** Marks the days a new snapshot of these accounts moves. Inside the caller's write transaction. */
export function markSnapshotDirty(ledger: Ledger, accountIds: readonly string[], asOf: string): void {
  const mark = stmt(
    ledger.db,
    `INSERT INTO daily_balances_dirty (account_id, from_date, to_date) VALUES (?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET from_date = min(from_date, excluded.from_date),
       to_date = max(to_date, excluded.to_date)`,
  );
  for (const id of accountIds) mark.run(id, asOf, asOf);
}

interface AccountFacts {
  type: string;
  liability: boolean;
  firstPosted: string | null;
}

function accountFacts(ledger: Ledger, accountId: string): AccountFacts | null {
  const row = stmt(
    ledger.db,
    `SELECT a.type, (SELECT min(date) FROM transactions t WHERE t.account_id = a.account_id AND t.pending = 0)
       AS first_posted
     FROM accounts a WHERE a.account_id = ?`,
  ).get(accountId) as { type: string; first_posted: string | null } | undefined;
  return row
    ? { type: row.type, liability: LIABILITY_TYPES.includes(row.type), firstPosted: row.first_posted }
    : null;
}

/**
 * Rewrites the account's daily balances over `changed` widened to the snapshots around it (the
 * whole history when null). Inside the caller's write transaction. Returns the days written.
 */
function rebuildAccount(
  ledger: Ledger,
  accountId: string,
  changed: BalanceRange | null,
  options: RebuildOptions,
  values: readonly AccountValues[],
): { days: number; span: BalanceRange } {
  const facts = accountFacts(ledger, accountId);
  const snapshots = snapshotsByDay(ledger, accountId);
  const snapshotDays = [...snapshots.keys()];
  const clear = stmt(ledger.db, `DELETE FROM daily_balances WHERE account_id = ? AND date BETWEEN ? AND ?`);
  if (!facts || snapshotDays.length === 0) {
    const had = stmt(
      ledger.db,
      `SELECT min(date) AS f, max(date) AS t FROM daily_balances WHERE account_id = ?`,
    ).get(accountId) as { f: string | null; t: string | null };
    clear.run(accountId, '0000-00-00', '9999-99-99');
    return { days: 0, span: { from: had.f ?? '9999-99-99', to: had.t ?? '0000-00-00' } };
  }
  const firstSnapshot = snapshotDays[0]!;
  const sourced = sourcedBefore(accountId, firstSnapshot, values);
  const firstSourced = sourced.keys().next().value;
  const range = firstSourced === undefined ? changed : null;
  let start = facts.firstPosted ? minDate(facts.firstPosted, firstSnapshot) : firstSnapshot;
  if (firstSourced !== undefined) start = minDate(start, firstSourced);
  const end = maxDate(options.today, snapshotDays[snapshotDays.length - 1]!);
  // Days outside the account's history (a removed first transaction, a clock that went back) go.
  const outside = stmt(
    ledger.db,
    `SELECT min(date) AS f, max(date) AS t FROM daily_balances WHERE account_id = ? AND (date < ? OR date > ?)`,
  ).get(accountId, start, end) as { f: string | null; t: string | null };
  stmt(ledger.db, `DELETE FROM daily_balances WHERE account_id = ? AND (date < ? OR date > ?)`).run(
    accountId,
    start,
    end,
  );

  let from = start;
  let to = end;
  if (range) {
    const before = snapshotDays.filter((d) => d < range.from).pop();
    const after = snapshotDays.find((d) => d >= range.to);
    from = before ? maxDate(before, start) : start;
    to = after ? minDate(after, end) : end;
  }
  const balances = balancesBetween(ledger, accountId, facts.liability, snapshots, from, to, sourced);
  clear.run(accountId, from, to);
  const insert = stmt(
    ledger.db,
    `INSERT INTO daily_balances (account_id, date, balance_minor, estimated) VALUES (?, ?, ?, ?)`,
  );
  for (const [date, minor, estimated] of balances) insert.run(accountId, date, minor, estimated ? 1 : 0);
  return {
    days: balances.length,
    span: { from: outside.f ? minDate(outside.f, from) : from, to: outside.t ? maxDate(outside.t, to) : to },
  };
}

const LIABILITY_LIST = LIABILITY_TYPES.map((t) => `'${t}'`).join(', ');

/** Adds the daily balances of [from, to] up again into net_worth_daily. */
function totalDays(ledger: Ledger, from: string, to: string): void {
  stmt(ledger.db, `DELETE FROM net_worth_daily WHERE date BETWEEN ? AND ?`).run(from, to);
  stmt(
    ledger.db,
    `INSERT INTO net_worth_daily (date, currency, assets_minor, liabilities_minor, estimated)
     SELECT d.date, a.currency,
       sum(CASE WHEN a.type IN (${LIABILITY_LIST}) THEN 0 ELSE d.balance_minor END),
       sum(CASE WHEN a.type IN (${LIABILITY_LIST}) THEN d.balance_minor ELSE 0 END),
       max(d.estimated)
     FROM daily_balances d JOIN accounts a ON a.account_id = d.account_id
     WHERE d.date BETWEEN ? AND ?
     GROUP BY d.date, a.currency`,
  ).run(from, to);
}

/** The first source's values of the days before the account's first snapshot, oldest first. */
function sourcedBefore(
  accountId: string,
  firstSnapshot: string,
  sources: readonly AccountValues[],
): Map<string, SourcedValue> {
  for (const source of sources) {
    const values = source(accountId, firstSnapshot);
    if (values)
      return new Map([...values].filter(([d]) => d < firstSnapshot).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return new Map();
}

/** [date, balance, estimated] for each day of [from, to] the account has a balance. */
function balancesBetween(
  ledger: Ledger,
  accountId: string,
  liability: boolean,
  snapshots: Map<string, number>,
  from: string,
  to: string,
  sourced: ReadonlyMap<string, SourcedValue>,
): [string, number, boolean][] {
  const flows = new Map(
    (
      stmt(
        ledger.db,
        `SELECT date, sum(amount_minor) AS flow FROM transactions
         WHERE account_id = ? AND pending = 0 AND date > ? AND date <= ? GROUP BY date`,
      ).all(accountId, from, to) as { date: string; flow: number }[]
    ).map((r) => [r.date, r.flow]),
  );
  // Plaid's amounts are positive when money leaves: that lowers a deposit and raises a debt.
  const k = liability ? 1 : -1;
  const first = dayNumber(from);
  const last = dayNumber(to);
  const dates = Array.from({ length: last - first + 1 }, (_, i) => isoDay(first + i));
  const out: (number | null)[] = new Array<number | null>(dates.length).fill(null);
  // Backward from each snapshot down to the previous one.
  let anchor: number | null = null;
  for (let i = dates.length - 1; i >= 0; i--) {
    const snap = snapshots.get(dates[i]!);
    if (snap !== undefined) anchor = snap;
    else if (anchor !== null) anchor -= k * (flows.get(dates[i + 1]!) ?? 0);
    out[i] = anchor;
  }
  // Forward from the last snapshot to the end (`from` is always a snapshot day or the history's start).
  let lastKnown: number | null = null;
  for (let i = 0; i < dates.length; i++) {
    const snap = snapshots.get(dates[i]!);
    if (snap !== undefined) lastKnown = snap;
    else if (out[i] === null && lastKnown !== null) {
      lastKnown += k * (flows.get(dates[i]!) ?? 0);
      out[i] = lastKnown;
    }
  }
  const result: [string, number, boolean][] = [];
  for (let i = 0; i < dates.length; i++) {
    // Before the first snapshot a source's value wins over a walk through cash transactions alone.
    const source = sourced.get(dates[i]!);
    if (source) result.push([dates[i]!, source.valueMinor, source.estimated]);
    else if (out[i] !== null && out[i] !== undefined) result.push([dates[i]!, out[i]!, false]);
  }
  return result;
}
