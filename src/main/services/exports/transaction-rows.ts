/**
 * The ledger's transactions for an export, oldest first, one row per split part, read in
 * batches. Each batch is one `.iterate()` cursor over a keyset page, closed before the batch is
 * handed out: the connection is free between batches, so the app's other calls (on the same
 * connection) keep answering during a long export, and memory holds one batch at a time.
 */
import type { TransactionFilter } from '../../../shared/api';
import { AppError } from '../errors';
import type { Db } from '../ledger/statements';
import { categoryName, listUserCategories } from '../transactions/categories';
import { filterSql } from '../transactions/filter-sql';

export interface ExportRow {
  transactionId: string;
  date: string;
  authorizedDate: string | null;
  accountId: string;
  accountName: string;
  institution: string;
  name: string;
  merchant: string | null;
  /** Plaid's sign: positive = money out of the account. The split part's amount for a part. */
  amountMinor: number;
  currency: string;
  categoryId: string | null;
  categoryName: string | null;
  /** The category's group (a PFC primary, or the group a user category was created under). */
  categoryGroup: string | null;
  plaidCategory: string | null;
  tags: string[];
  note: string | null;
  pending: boolean;
  transfer: boolean;
  /** Set on a split transaction's parts: its 1-based part number. */
  splitPart: number | null;
  /** The other half of a detected transfer between the user's own accounts. */
  pair: { transactionId: string; accountId: string; date: string; pending: boolean } | null;
}

interface RawRow {
  transaction_id: string;
  date: string;
  authorized_date: string | null;
  account_id: string;
  account_name: string;
  institution_name: string;
  name: string;
  merchant_name: string | null;
  amount_minor: number;
  currency: string;
  category: string | null;
  category_group: string | null;
  category_detailed: string | null;
  note: string | null;
  pending: number;
  is_transfer: number;
  tags: string | null;
  idx: number | null;
  part_minor: number | null;
  part_category: string | null;
  part_group: string | null;
  part_note: string | null;
  pair_id: string | null;
  pair_account: string | null;
  pair_date: string | null;
  pair_pending: number | null;
}

/** Tags are joined with a character a tag cannot hold (the contract trims them, NUL never typed). */
const TAG_SEPARATOR = '\u001f';

export type ExportFilter = Pick<
  TransactionFilter,
  'accountIds' | 'dateFrom' | 'dateTo' | 'categories' | 'tags' | 'pending'
>;

function filterWhere(filter: ExportFilter) {
  const { where, params } = filterSql(filter);
  return { where: where.length > 0 ? where.join(' AND ') : '1', params };
}

/** How many rows the export will hold: a split transaction counts its parts. */
export function countExportRows(db: Db, filter: ExportFilter): number {
  const { where, params } = filterWhere(filter);
  const sql = `SELECT coalesce(sum(CASE WHEN t.is_split = 0 THEN 1 ELSE
      (SELECT count(*) FROM transaction_splits s WHERE s.transaction_id = t.transaction_id) END), 0) AS n
    FROM transactions t WHERE ${where}`;
  return (db.prepare(sql).get(params) as { n: number }).n;
}

/** The export's date range in words, for "nothing to export" messages. */
export function describeRange(filter: ExportFilter): string {
  if (filter.dateFrom && filter.dateTo) {
    const year = filter.dateFrom.slice(0, 4);
    if (filter.dateFrom === `${year}-01-01` && filter.dateTo === `${year}-12-31`) return `in ${year}`;
    return `from ${filter.dateFrom} to ${filter.dateTo}`;
  }
  if (filter.dateFrom) return `from ${filter.dateFrom}`;
  if (filter.dateTo) return `up to ${filter.dateTo}`;
  return 'in the ledger';
}

export function requireSomeTransactions(db: Db, filter: ExportFilter): number {
  const total = countExportRows(db, filter);
  if (total === 0)
    throw new AppError(
      'NOTHING_TO_EXPORT',
      `There are no transactions ${describeRange(filter)} for this choice.`,
    );
  return total;
}

/** Yields batches of export rows; `batch` counts transactions, a split adds its parts to its batch. */
export async function* exportRows(db: Db, filter: ExportFilter, batch = 2000): AsyncGenerator<ExportRow[]> {
  const names = new Map<string, string>();
  for (const c of listUserCategories(db)) names.set(c.id, c.name);
  const label = (id: string | null) =>
    id === null ? null : (names.get(id) ?? (id.startsWith('user:') ? id : categoryName(db, id, names)));
  const { where, params } = filterWhere(filter);
  const page = db.prepare(
    `SELECT t.transaction_id, t.date, t.authorized_date, t.account_id, a.name AS account_name,
       i.institution_name, coalesce(t.custom_name, t.name) AS name, t.merchant_name, t.amount_minor,
       t.currency, t.category, t.category_group, t.category_detailed, t.note, t.pending, t.is_transfer,
       (SELECT group_concat(g.tag, '${TAG_SEPARATOR}') FROM transaction_tags g
         WHERE g.transaction_id = t.transaction_id) AS tags,
       s.idx, s.amount_minor AS part_minor, s.category AS part_category, s.category_group AS part_group, s.note AS part_note,
       p.transaction_id AS pair_id, p.account_id AS pair_account, p.date AS pair_date, p.pending AS pair_pending
     FROM (SELECT t.* FROM transactions t WHERE ${where} AND (t.date, t.transaction_id) > (@afterDate, @afterId)
           ORDER BY t.date, t.transaction_id LIMIT @batch) t
     JOIN accounts a ON a.account_id = t.account_id
     JOIN items i ON i.item_id = t.item_id
     LEFT JOIN transactions p ON p.transaction_id = t.transfer_pair_id
     LEFT JOIN transaction_splits s ON t.is_split = 1 AND s.transaction_id = t.transaction_id
     ORDER BY t.date, t.transaction_id, s.idx`,
  );
  let afterDate = '';
  let afterId = '';
  for (;;) {
    const rows: ExportRow[] = [];
    let transactions = 0;
    for (const raw of page.iterate({ ...params, afterDate, afterId, batch }) as IterableIterator<RawRow>) {
      if (raw.transaction_id !== afterId || raw.date !== afterDate) transactions++;
      afterDate = raw.date;
      afterId = raw.transaction_id;
      const part = raw.idx !== null;
      const category = part ? (raw.part_category ?? raw.category) : raw.category;
      rows.push({
        transactionId: raw.transaction_id,
        date: raw.date,
        authorizedDate: raw.authorized_date,
        accountId: raw.account_id,
        accountName: raw.account_name,
        institution: raw.institution_name,
        name: raw.name,
        merchant: raw.merchant_name,
        amountMinor: part ? (raw.part_minor ?? 0) : raw.amount_minor,
        currency: raw.currency,
        categoryId: category,
        categoryName: label(category),
        categoryGroup: part ? (raw.part_group ?? raw.category_group) : raw.category_group,
        plaidCategory: raw.category_detailed,
        tags: raw.tags ? raw.tags.split(TAG_SEPARATOR).sort() : [],
        note: part ? (raw.part_note ?? raw.note) : raw.note,
        pending: raw.pending === 1,
        transfer: raw.is_transfer === 1,
        splitPart: part ? (raw.idx ?? 0) + 1 : null,
        pair:
          raw.pair_id === null
            ? null
            : {
                transactionId: raw.pair_id,
                accountId: raw.pair_account ?? '',
                date: raw.pair_date ?? '',
                pending: raw.pair_pending === 1,
              },
      });
    }
    if (rows.length > 0) yield rows;
    if (transactions < batch) return;
  }
}
