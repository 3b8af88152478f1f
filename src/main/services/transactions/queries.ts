/**
 * Reading transactions: the filtered, keyset-paged list, one row, and the count and sum of a
 * filtered set. Read-only and ledger-only, so all of it works offline.
 *
 * Paging never sorts: the order (date DESC, transaction_id DESC) is an index, and the keyset
 * condition seeks into it. The count and sum are a separate call so a page never waits for them.
 */
import type { Transaction, TransactionFilter } from '../../../shared/api';
import { decodeCursor, encodeCursor } from '../ledger/cursor';
import { categoryName, UNCATEGORIZED } from './categories';
import { stmt, type Db } from './db';
import { lockedFields } from './edits';
import { summarize } from './totals';

type Params = Record<string, string | number>;

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

/** Words of a search, each prefix-matched, all required: `star cof` finds "Starbucks Coffee". */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w.toLowerCase()}"*`)
    .join(' ');
}

function list(prefix: string, values: readonly (string | number)[], params: Params): string {
  return values
    .map((v, i) => {
      params[`${prefix}${i}`] = v;
      return `@${prefix}${i}`;
    })
    .join(', ');
}

/** SQL conditions (over alias t) and their parameters for a filter. */
export function filterSql(
  f: TransactionFilter & { accountId?: string | null },
  scanForSearch = false,
): { where: string[]; params: Params } {
  const where: string[] = [];
  const params: Params = {};
  if (f.query !== undefined) {
    const match = ftsQuery(f.query);
    if (match !== null) {
      // The matches are read once; unary + keeps the planner from driving the query by rowid when
      // the page walks the date index instead.
      where.push(
        `${scanForSearch ? '+' : ''}t.rowid IN (SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH @fts)`,
      );
      params.fts = match;
    }
  }
  const accounts = [...(f.accountIds ?? []), ...(f.accountId ? [f.accountId] : [])];
  if (accounts.length > 0) where.push(`t.account_id IN (${list('acc', accounts, params)})`);
  const dateColumn = f.dateBasis === 'spending' ? 't.spend_date' : 't.date';
  if (f.dateFrom !== undefined) {
    where.push(`${dateColumn} >= @dateFrom`);
    params.dateFrom = f.dateFrom;
  }
  if (f.dateTo !== undefined) {
    where.push(`${dateColumn} <= @dateTo`);
    params.dateTo = f.dateTo;
  }
  if (f.amountMin !== undefined) {
    where.push(`t.amount_minor >= @amountMin`);
    params.amountMin = f.amountMin;
  }
  if (f.amountMax !== undefined) {
    where.push(`t.amount_minor <= @amountMax`);
    params.amountMax = f.amountMax;
  }
  if (f.categories !== undefined && f.categories.length > 0) {
    const ids = f.categories.filter((c) => c !== UNCATEGORIZED);
    const terms: string[] = [];
    if (ids.length > 0) {
      const inList = list('cat', ids, params);
      terms.push(
        `(t.is_split = 0 AND (t.category IN (${inList}) OR t.category_group IN (${inList})))`,
        `(t.is_split = 1 AND EXISTS (SELECT 1 FROM transaction_splits s WHERE s.transaction_id = t.transaction_id
           AND (coalesce(s.category, t.category) IN (${inList}) OR coalesce(s.category_group, t.category_group) IN (${inList}))))`,
      );
    }
    if (ids.length !== f.categories.length) terms.push(`t.category IS NULL`);
    where.push(`(${terms.join(' OR ')})`);
  }
  if (f.tags !== undefined && f.tags.length > 0) {
    where.push(
      `t.transaction_id IN (SELECT transaction_id FROM transaction_tags WHERE tag IN (${list('tag', f.tags, params)}))`,
    );
  }
  if (f.pending !== undefined) where.push(`t.pending = ${f.pending ? 1 : 0}`);
  if (f.excludeTransfers === true) where.push(`t.is_transfer = 0`);
  if (f.excluded !== undefined) where.push(`t.excluded = ${f.excluded ? 1 : 0}`);
  if (f.currency !== undefined) {
    where.push(`t.currency = @currency`);
    params.currency = f.currency;
  }
  return { where, params };
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
         WHERE transaction_id IN (${list('s', splitIds, params)}) ORDER BY transaction_id, idx`,
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

/**
 * A search reads its matches once (the FTS index yields them in rowid order, not date order). Few:
 * fetch and sort them. Many: walk the date index and keep rows in the match list, which stops
 * after a page; the crossover is where both read about as many rows.
 */
function searchPlan(db: Db, match: string, limit: number): { scan: boolean } {
  const rows = stmt(db, `SELECT count(*) FROM transactions_fts WHERE transactions_fts MATCH ?`)
    .pluck()
    .get(match) as number;
  if (rows < 2000) return { scan: false };
  const total = stmt(db, `SELECT max(rowid) FROM transactions`).pluck().get() as number | null;
  const density = rows / Math.max(1, total ?? 1);
  return { scan: limit / density < rows };
}

const SAMPLE = 1000;

/**
 * How a page is read. A dense filter (account, a big category, most searches) is fastest walking
 * the date index newest first until the page is full; a rare one (an exact amount, a rare word, an
 * old month) is fastest reading its own index and sorting the few matches. Statistics cannot tell
 * which, so the filter is tried on the SAMPLE rows just below the page's position: at ≥ 1 %
 * matches the walk reads at most ~100 rows per row shown.
 */
function pagePlan(
  db: Db,
  req: ListRequest,
  position: { date: string; id: string } | null,
): { scan: boolean } {
  const match = req.query === undefined ? null : ftsQuery(req.query);
  if (match !== null) return searchPlan(db, match, req.limit);
  const { where, params } = filterSql(req, true);
  if (where.length === 0) return { scan: false };
  const sampleParams: Params = { ...params, sample: SAMPLE };
  let below = '';
  if (position) {
    below = 'WHERE (date, transaction_id) < (@afterDate, @afterId)';
    sampleParams.afterDate = position.date;
    sampleParams.afterId = position.id;
  }
  const matches = stmt(
    db,
    `SELECT count(*) FROM (SELECT rowid AS rid FROM transactions INDEXED BY transactions_newest ${below}
       ORDER BY date DESC, transaction_id DESC LIMIT @sample) s
     JOIN transactions t ON t.rowid = s.rid WHERE ${where.join(' AND ')}`,
  )
    .pluck()
    .get(sampleParams) as number;
  return { scan: matches * 100 >= SAMPLE };
}

export function listTransactions(db: Db, req: ListRequest): TransactionPage {
  const position = req.after ? decodeCursor(req.after) : null;
  const plan = pagePlan(db, req, position);
  const { where, params } = filterSql(req, plan.scan);
  let total = -1;
  if (req.includeTotal !== false) {
    total = summarize(db, req).count;
  }
  const pageWhere = [...where];
  const pageParams: Params = { ...params, limit: req.limit + 1 };
  if (position) {
    // Row-value comparison keeps the (date DESC, id DESC) index usable for the seek.
    pageWhere.push('(t.date, t.transaction_id) < (@afterDate, @afterId)');
    pageParams.afterDate = position.date;
    pageParams.afterId = position.id;
  }
  const rows = stmt(
    db,
    `SELECT ${COLUMNS} FROM transactions t ${plan.scan ? 'INDEXED BY transactions_newest' : ''}
       ${whereClause(pageWhere)} ORDER BY t.date DESC, t.transaction_id DESC LIMIT @limit`,
  ).all(pageParams) as Row[];
  const page = rows.slice(0, req.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > req.limit && last ? encodeCursor({ date: last.date, id: last.transaction_id }) : null;
  return { transactions: toTransactions(db, page), next, total };
}

export function getTransaction(db: Db, id: string): Transaction | null {
  const row = stmt(db, `SELECT ${COLUMNS} FROM transactions t WHERE t.transaction_id = ?`).get(id) as
    Row | undefined;
  return row ? (toTransactions(db, [row])[0] ?? null) : null;
}
