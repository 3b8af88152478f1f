/**
 * The yearly tax summary from the ledger's posted transactions: interest income, fees, and the
 * totals of the categories the user marked deductible or charitable. One CSV: for each figure a
 * total line per currency (currencies are never added together), then the rows behind it, each
 * naming the figure. A split counts by its parts, so a part under a marked category counts alone.
 * Transfers between the user's own accounts are not income or expenses and never count.
 */
import type { TaxMark } from '../../../shared/contract/exports';
import { fromMinor } from '../../../shared/money';
import { nowIso, type Db } from '../ledger/statements';
import type { FileSink } from './atomic-file';
import { csvText, type Progress } from './transactions-csv';
import { exportRows, type ExportFilter, type ExportRow } from './transaction-rows';

export function listTaxMarks(db: Db): { categoryId: string; mark: TaxMark }[] {
  return (
    db.prepare(`SELECT category_id, mark FROM category_tax_marks ORDER BY category_id`).all() as {
      category_id: string;
      mark: TaxMark;
    }[]
  ).map((r) => ({ categoryId: r.category_id, mark: r.mark }));
}

/** null clears the mark. */
export function setTaxMark(db: Db, categoryId: string, mark: TaxMark | null): void {
  if (mark === null) db.prepare(`DELETE FROM category_tax_marks WHERE category_id = ?`).run(categoryId);
  else
    db.prepare(
      `INSERT INTO category_tax_marks (category_id, mark, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (category_id) DO UPDATE SET mark = excluded.mark, updated_at = excluded.updated_at`,
    ).run(categoryId, mark, nowIso());
}

interface Figure {
  name: string;
  source: string;
  /** +1: money in counts toward the figure; -1: money out does. */
  direction: 1 | -1;
  matches(row: ExportRow, marks: Map<string, TaxMark>): boolean;
}

const markOf = (row: ExportRow, marks: Map<string, TaxMark>) =>
  (row.categoryId !== null ? marks.get(row.categoryId) : undefined) ??
  (row.categoryGroup !== null ? marks.get(row.categoryGroup) : undefined);

export const FIGURES: readonly Figure[] = [
  {
    name: 'interest income',
    source: 'bank transactions in the category Interest earned',
    direction: 1,
    matches: (row) => row.categoryId === 'INCOME_INTEREST_EARNED',
  },
  {
    name: 'fees',
    source: 'bank transactions in the Bank fees group',
    direction: -1,
    matches: (row) => row.categoryGroup === 'BANK_FEES',
  },
  {
    name: 'deductible',
    source: 'transactions in the categories you marked deductible',
    direction: -1,
    matches: (row, marks) => markOf(row, marks) === 'deductible',
  },
  {
    name: 'charitable',
    source: 'transactions in the categories you marked charitable',
    direction: -1,
    matches: (row, marks) => markOf(row, marks) === 'charitable',
  },
];

export const TAX_COLUMNS = [
  'figure',
  'line',
  'source',
  'id',
  'date',
  'account',
  'name',
  'category',
  'amount (positive = counts toward the figure)',
  'currency',
] as const;

/** Writes the summary; returns the number of transaction rows listed under the figures. */
export async function writeTaxSummary(
  db: Db,
  filter: ExportFilter,
  sink: FileSink,
  progress: Progress,
): Promise<number> {
  const marks = new Map(listTaxMarks(db).map((m) => [m.categoryId, m.mark]));
  const behind = FIGURES.map(() => [] as ExportRow[]);
  let read = 0;
  for await (const batch of exportRows(db, { ...filter, pending: false })) {
    for (const row of batch) {
      if (row.transfer) continue;
      FIGURES.forEach((figure, i) => {
        if (figure.matches(row, marks)) behind[i].push(row);
      });
    }
    read += batch.length;
    progress(read);
    await sink.flush();
  }
  const lines: (string | number | null)[][] = [];
  let listed = 0;
  FIGURES.forEach((figure, i) => {
    const rows = behind[i];
    const totals = new Map<string, number>();
    for (const r of rows)
      totals.set(r.currency, (totals.get(r.currency) ?? 0) - figure.direction * r.amountMinor);
    if (totals.size === 0)
      lines.push([figure.name, 'total', figure.source, null, null, null, null, null, 0, null]);
    for (const [currency, minor] of [...totals].sort(([a], [b]) => a.localeCompare(b)))
      lines.push([
        figure.name,
        'total',
        figure.source,
        null,
        null,
        null,
        null,
        null,
        fromMinor(minor, currency),
        currency,
      ]);
    for (const r of rows)
      lines.push([
        figure.name,
        'row',
        null,
        r.splitPart === null ? r.transactionId : `${r.transactionId}/${r.splitPart}`,
        r.date,
        r.accountName,
        r.name,
        r.categoryName,
        fromMinor(-figure.direction * r.amountMinor, r.currency),
        r.currency,
      ]);
    listed += rows.length;
  });
  sink.write(csvText(lines, TAX_COLUMNS, { bom: false }));
  return listed;
}
