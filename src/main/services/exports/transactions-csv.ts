/**
 * The transactions CSV. Amounts are plain numbers in major units with the sign a person expects
 * (negative = money out, the opposite of Plaid's), stated in the column's name. Text cells that
 * a spreadsheet would evaluate (=, +, -, @, tab, CR and their full-width forms) are prefixed
 * with an apostrophe by csv-stringify's escape_formulas; numbers are never prefixed.
 */
import { stringify } from 'csv-stringify/sync';
import { fromMinor } from '../../../shared/money';
import type { Db } from '../ledger/statements';
import type { FileSink } from './atomic-file';
import { exportRows, type ExportFilter, type ExportRow } from './transaction-rows';

export const TRANSACTION_COLUMNS = [
  'id',
  'date',
  'authorized date',
  'account',
  'account id',
  'institution',
  'name',
  'merchant',
  'amount (negative = money out)',
  'currency',
  'category',
  'category id',
  'plaid category',
  'tags',
  'notes',
  'pending',
  'transfer',
  'split group',
  'split part',
] as const;

type Cell = string | number | boolean | null;

export function transactionCells(r: ExportRow): Cell[] {
  return [
    r.splitPart === null ? r.transactionId : `${r.transactionId}/${r.splitPart}`,
    r.date,
    r.authorizedDate,
    r.accountName,
    r.accountId,
    r.institution,
    r.name,
    r.merchant,
    fromMinor(-r.amountMinor, r.currency),
    r.currency,
    r.categoryName,
    r.categoryId,
    r.plaidCategory,
    r.tags.join(', '),
    r.note,
    r.pending,
    r.transfer,
    r.splitPart === null ? null : r.transactionId,
    r.splitPart,
  ];
}

export interface CsvOptions {
  bom: boolean;
}

/** csv-stringify's settings for every CSV Coffer writes. */
export function csvText(records: Cell[][], header: readonly string[] | null, options: CsvOptions): string {
  return stringify(records, {
    bom: header !== null && options.bom,
    header: header !== null,
    columns: header === null ? undefined : [...header],
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

export interface Progress {
  (rows: number): void;
}

/**
 * Streams batches of rows as one CSV (the header once, even with no rows), flushing and reporting
 * progress after each batch; returns the number of data rows.
 */
export async function writeCsvBatches<R>(
  batches: AsyncIterable<R[]>,
  columns: readonly string[],
  cells: (row: R) => Cell[],
  sink: FileSink,
  options: CsvOptions,
  progress: Progress,
): Promise<number> {
  let rows = 0;
  let header: readonly string[] | null = columns;
  for await (const batch of batches) {
    sink.write(csvText(batch.map(cells), header, options));
    header = null;
    rows += batch.length;
    progress(rows);
    await sink.flush();
  }
  if (header !== null) sink.write(csvText([], header, options));
  return rows;
}

/** Writes the CSV; returns the number of data rows. */
export function writeTransactionsCsv(
  db: Db,
  filter: ExportFilter,
  sink: FileSink,
  options: CsvOptions,
  progress: Progress,
): Promise<number> {
  return writeCsvBatches(
    exportRows(db, filter),
    TRANSACTION_COLUMNS,
    transactionCells,
    sink,
    options,
    progress,
  );
}
