/**
 * Reading transactions: the filtered, keyset-paged list, one row, and the count and sum of a
 * filtered set. Read-only and ledger-only, so all of it works offline.
 *
 * Paging never sorts a filter's matches: the order (date DESC, transaction_id DESC) is an index
 * (also after a category, group or account), the keyset condition seeks into it, and the reads of
 * several such indexes are merged (a few pages of rowids). The count and sum are a separate call
 * so a page never waits for them.
 */
import type { Transaction, TransactionFilter } from '../../../shared/api';
import { decodeCursor, encodeCursor } from './cursor';
import { categoryName, UNCATEGORIZED } from './categories';
import { stmt, type Db } from '../ledger/statements';
import { lockedFields } from './edits';
import { filterSql, ftsQuery, sqlList, type Params } from './filter-sql';
import { searchRows, type SearchRows } from './search-cache';
import { summarize } from './totals';
import { indexOrNewest, isDeferred } from '../ledger/schema-state';
import { probeSearch } from './search-probe';

export interface ListRequest extends TransactionFilter {
  limit: number;
  after: string | null;
  /** The foundation's single-account filter, kept for its callers. */
  accountId?: string | null;
  includeTotal?: boolean;
}

export interface TransactionPage {
  transactions: Transaction[];
  next: string | null;
  total: number;
}

const whereClause = (where: readonly string[]) => (where.length > 0 ? `WHERE ${where.join(' AND ')}` : '');

const COLUMNS = `t.transaction_id, t.account_id, t.date, t.authorized_date, t.name,
  t.custom_name, t.merchant_name, t.amount_minor, t.currency, t.pending, t.pending_transaction_id,
  t.category_primary, t.category_detailed, t.category, t.category_group, t.user_category, t.rule_category,
  t.note, t.excluded, t.is_transfer, t.locked, t.is_split, t.review_pending_minor,
  (SELECT group_concat(g.tag, char(31)) FROM transaction_tags g WHERE g.transaction_id = t.transaction_id) AS tags`;

interface Row {
  transaction_id: string;
  account_id: string;
  date: string;
  authorized_date: string | null;
  name: string;
  custom_name: string | null;
  merchant_name: string | null;
  amount_minor: number;
  currency: string;
  pending: number;
  pending_transaction_id: string | null;
  category_primary: string | null;
  category_detailed: string | null;
  category: string | null;
  category_group: string | null;
  user_category: string | null;
  rule_category: string | null;
  note: string | null;
  excluded: number;
  is_transfer: number;
  locked: number;
  is_split: number;
  review_pending_minor: number | null;
  tags: string | null;
}

/** Account names, read once per call: a handful of rows, cheaper than a join the planner may misuse. */
function accountNames(db: Db): Map<string, string> {
  const rows = stmt(db, `SELECT account_id, name FROM accounts`).raw().all() as [string, string][];
  return new Map(rows);
}

function toTransactions(db: Db, rows: readonly Row[]): Transaction[] {
  const names = new Map<string, string>();
  const accounts = rows.length > 0 ? accountNames(db) : new Map<string, string>();
  const splitIds = rows.filter((r) => r.is_split === 1).map((r) => r.transaction_id);
  const parts = new Map<string, Transaction['splits']>();
  if (splitIds.length > 0) {
    const params: Params = {};
    const found = db
      .prepare(
        `SELECT transaction_id, amount_minor, category, note FROM transaction_splits
         WHERE transaction_id IN (${sqlList('s', splitIds, params)}) ORDER BY transaction_id, idx`,
      )
      .all(params) as {
      transaction_id: string;
      amount_minor: number;
      category: string | null;
      note: string | null;
    }[];
    for (const p of found) {
      const into = parts.get(p.transaction_id) ?? [];
      into.push({
        amountMinor: p.amount_minor,
        category: p.category,
        categoryName: categoryName(db, p.category, names),
        note: p.note,
      });
      parts.set(p.transaction_id, into);
    }
  }
  return rows.map((r) => ({
    id: r.transaction_id,
    accountId: r.account_id,
    accountName: accounts.get(r.account_id) ?? 'Unknown account',
    date: r.date,
    authorizedDate: r.authorized_date,
    name: r.custom_name ?? r.name,
    merchantName: r.merchant_name,
    amountMinor: r.amount_minor,
    currency: r.currency,
    pending: r.pending === 1,
    categoryPrimary: r.category_primary,
    categoryDetailed: r.category_detailed,
    originalName: r.name,
    category: r.category,
    categoryName: categoryName(db, r.category, names),
    categoryGroup: r.category_group,
    categorySource:
      r.user_category !== null ? 'user' : r.rule_category !== null ? 'rule' : r.category ? 'plaid' : null,
    note: r.note,
    tags: r.tags ? r.tags.split('\u001f').sort() : [],
    excluded: r.excluded === 1,
    transfer: r.is_transfer === 1,
    locked: lockedFields(r.locked),
    splits: parts.get(r.transaction_id) ?? [],
    review:
      r.review_pending_minor === null
        ? null
        : {
            reason: 'amount_changed',
            pendingAmountMinor: r.review_pending_minor,
            differenceMinor: r.amount_minor - r.review_pending_minor,
          },
    pendingTransactionId: r.pending_transaction_id,
  }));
}

const SAMPLE = 1000;
/** Below this many matches a search reads its matches and sorts them instead of walking the date index. */
const FEW_MATCHES = 2000;

/**
 * The slice of the list order a page may come from: below `upper` (the cursor, or the top of a
 * posting-date range when that is lower: the range is then a seek, never a filter) and, for
 * ordered walks, not below `lowerDate`. A spending range cannot bound posting dates by its end
 * (a purchase posts days later) but can by its start: a row's spending date is its authorized
 * date, which precedes its posting — except for rows authorized after they posted, which `late`
 * says to read apart, from their own (normally empty) index.
 */
interface Window {
  upper: { date: string; id: string } | null;
  lowerDate: string | null;
  late: boolean;
}

function pageWindow(req: ListRequest, position: { date: string; id: string } | null): Window {
  let upper = position;
  const spending = req.dateBasis === 'spending';
  if (!spending && req.dateTo !== undefined) {
    // (dateTo + ' ', '') sorts above every row dated dateTo and below every later one.
    const top = `${req.dateTo} `;
    if (!upper || top < upper.date) upper = { date: top, id: '' };
  }
  return { upper, lowerDate: req.dateFrom ?? null, late: spending && req.dateFrom !== undefined };
}

function windowSql(w: Window, alias: string, params: Params): { upper: string[]; lower: string[] } {
  const upper: string[] = [];
  const lower: string[] = [];
  if (w.upper) {
    // Row-value comparison keeps the (…, date DESC, id DESC) indexes usable for the seek.
    upper.push(`(${alias}.date, ${alias}.transaction_id) < (@upperDate, @upperId)`);
    params.upperDate = w.upper.date;
    params.upperId = w.upper.id;
  }
  if (w.lowerDate !== null) {
    lower.push(`${alias}.date >= @lowerDate`);
    params.lowerDate = w.lowerDate;
  }
  return { upper, lower };
}

/** Rowids of one ordered read: an index walked in list order, stopping after a page. */
function branch(db: Db, index: string, terms: readonly string[]): string {
  return `SELECT rid FROM (SELECT t.rowid AS rid FROM transactions t INDEXED BY ${indexOrNewest(db, index)}
    ${whereClause(terms)} ORDER BY t.date DESC, t.transaction_id DESC LIMIT @limit)`;
}

/**
 * How a page is read when it has no index of its own. A dense filter is fastest walking the date
 * index newest first until the page is full; a rare one (an exact amount, a rare word, an old
 * month) is fastest reading its own index and sorting the few matches. Statistics cannot tell
 * which, so the filter is tried on the SAMPLE rows the walk would read first: at ≥ 1 % matches
 * (or if the window holds fewer rows) the walk reads at most ~100 rows per row shown.
 */
function walkPays(db: Db, where: readonly string[], params: Params, w: Window): boolean {
  if (where.length === 0) return true;
  const sampleParams: Params = { ...params, sample: SAMPLE };
  const bounds = windowSql(w, 'w', sampleParams);
  const first = `SELECT w.rowid AS rid FROM transactions w INDEXED BY transactions_newest
    ${whereClause([...bounds.upper, ...bounds.lower])} ORDER BY w.date DESC, w.transaction_id DESC LIMIT @sample`;
  // Index only: a window smaller than the sample is walked whatever the filter.
  const seen = stmt(db, `SELECT count(*) FROM (${first})`).pluck().get(sampleParams) as number;
  if (seen < SAMPLE) return true;
  // CROSS JOIN: the sample's rows, not a scan of some wide range of the filter's own index.
  const hits = (sample: number) =>
    stmt(
      db,
      `SELECT count(*) FROM (${first}) s CROSS JOIN transactions t ON t.rowid = s.rid WHERE ${where.join(' AND ')}`,
    )
      .pluck()
      .get({ ...sampleParams, sample }) as number;
  // A tenth of the sample first: a dense filter (≥ 10 %) is told apart for a tenth of the reads.
  if (hits(SAMPLE / 10) * 10 >= SAMPLE / 10) return true;
  return hits(SAMPLE) * 100 >= SAMPLE;
}

/**
 * The ordered reads whose union holds the page: each walks an index in list order from the
 * window's top and stops after a page, so merging them sorts at most a few pages of rowids.
 * Categories and accounts have such indexes (one read per value); other filters walk the date
 * index. A read pays only while the rest of the filter is not rare among the rows it walks
 * (sampled); otherwise null: the planner reads the rare filter's own index and sorts.
 */
function branches(
  db: Db,
  req: ListRequest,
  search: SearchRows | null,
  w: Window,
  params: Params,
): string[] | null {
  const {
    where,
    params: filterParams,
    at,
  } = filterSql(req, {
    scanForSearch: true,
    search: search ?? undefined,
  });
  Object.assign(params, filterParams);
  const bounds = windowSql(w, 't', params);
  // A posting-date range is the window itself: its terms are left out (the planner would take the
  // range's top as the seek instead of the cursor), and there is no need to sample them.
  const implied = new Set(req.dateBasis === 'spending' ? [] : at.dates);
  const ordered = [...where.filter((_, i) => !implied.has(i)), ...bounds.upper, ...bounds.lower];
  const out: string[] = [];
  const categories = req.categories ?? [];
  const accounts = [...new Set([...(req.accountIds ?? []), ...(req.accountId ? [req.accountId] : [])])];
  const driver = search !== null ? -1 : at.categories >= 0 ? at.categories : at.accounts;
  const rest = where.filter((_, i) => i !== driver && !implied.has(i));
  if (search !== null) {
    // Few matches: read them and sort. Many: walk the date index, keeping rows in the match set.
    if (search.count < FEW_MATCHES) return null;
    out.push(branch(db, 'transactions_newest', ordered));
  } else if (driver >= 0) {
    if (rest.length > 0 && !walkPays(db, rest, params, w)) return null;
    if (driver === at.categories) {
      // Unsplit rows from the category and group indexes; split rows (few) match by their parts.
      const ids = categories.filter((c) => c !== UNCATEGORIZED);
      ids.forEach((id, i) => {
        params[`bc${i}`] = id;
        out.push(
          branch(db, 'transactions_by_category', [`t.category = @bc${i}`, 't.is_split = 0', ...ordered]),
        );
        out.push(
          branch(db, 'transactions_by_group', [`t.category_group = @bc${i}`, 't.is_split = 0', ...ordered]),
        );
      });
      if (ids.length > 0) out.push(branch(db, 'transactions_split', ['t.is_split = 1', ...ordered]));
      if (ids.length !== categories.length) {
        out.push(branch(db, 'transactions_by_category', ['t.category IS NULL', ...ordered]));
      }
    } else {
      accounts.forEach((id, i) => {
        params[`ba${i}`] = id;
        out.push(branch(db, 'transactions_by_account', [`t.account_id = @ba${i}`, ...ordered]));
      });
    }
  } else if (walkPays(db, rest, params, w)) {
    out.push(branch(db, 'transactions_newest', ordered));
  } else return null;
  if (w.late) {
    out.push(
      branch(db, 'transactions_authorized_late', ['t.authorized_date > t.date', ...where, ...bounds.upper]),
    );
  }
  return out;
}

/**
 * The page of a search read from the newest rows the rest of the filter keeps (search-probe.ts),
 * as rowids in list order; null where that does not pay: a rare word, a rest of the filter too
 * rare to walk the date index for, a spending window (its late rows are read apart), or a load
 * that has deferred the full-text index (the probe would find rows the index does not yet hold).
 */
function probedPage(db: Db, req: ListRequest, match: string, w: Window): number[] | null {
  if (w.late || isDeferred(db)) return null;
  const { where, params, at } = filterSql({ ...req, query: undefined });
  const bounds = windowSql(w, 't', params);
  const implied = new Set(req.dateBasis === 'spending' ? [] : at.dates);
  const rest = where.filter((_, i) => !implied.has(i));
  if (rest.length > 0 && !walkPays(db, rest, params, w)) return null;
  return probeSearch(db, match, [...rest, ...bounds.upper, ...bounds.lower], params, req.limit + 1);
}

export function listTransactions(db: Db, req: ListRequest): TransactionPage {
  const position = req.after ? decodeCursor(req.after) : null;
  const match = req.query === undefined ? null : ftsQuery(req.query);
  let total = -1;
  if (req.includeTotal !== false) {
    total = summarize(db, req).count;
  }
  const w = pageWindow(req, position);
  const params: Params = { limit: req.limit + 1 };
  const probed = match === null ? null : probedPage(db, req, match, w);
  const search = match === null || probed !== null ? null : searchRows(db, match);
  const reads = probed === null ? branches(db, req, search, w, params) : null;
  let sql: string;
  if (probed !== null) {
    sql = `SELECT ${COLUMNS} FROM transactions t WHERE t.rowid IN (SELECT value FROM json_each(@probed))
      ORDER BY t.date DESC, t.transaction_id DESC`;
    params.probed = JSON.stringify(probed);
    delete params.limit;
  } else if (reads !== null) {
    sql = `SELECT ${COLUMNS} FROM transactions t NOT INDEXED WHERE t.rowid IN (${reads.join(' UNION ALL ')})
      ORDER BY t.date DESC, t.transaction_id DESC LIMIT @limit`;
  } else {
    const { where, params: filterParams } = filterSql(req, { search: search ?? undefined });
    Object.assign(params, filterParams);
    const bounds = windowSql(w, 't', params);
    sql = `SELECT ${COLUMNS} FROM transactions t ${whereClause([...where, ...bounds.upper])}
      ORDER BY t.date DESC, t.transaction_id DESC LIMIT @limit`;
  }
  const rows = stmt(db, sql).all(params) as Row[];
  const page = rows.slice(0, req.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > req.limit && last ? encodeCursor({ date: last.date, id: last.transaction_id }) : null;
  return { transactions: toTransactions(db, page), next, total };
}

/** The ids of an Item's transactions, in id order. */
export function transactionIds(db: Db, itemId: string): string[] {
  return stmt(db, `SELECT transaction_id FROM transactions WHERE item_id = ? ORDER BY transaction_id`)
    .pluck()
    .all(itemId) as string[];
}

export function getTransaction(db: Db, id: string): Transaction | null {
  const row = stmt(db, `SELECT ${COLUMNS} FROM transactions t WHERE t.transaction_id = ?`).get(id) as
    Row | undefined;
  return row ? (toTransactions(db, [row])[0] ?? null) : null;
}
