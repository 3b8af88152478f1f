/**
 * The investment CSVs: investment transactions in the transactions CSV's conventions (amounts
 * negative = money out of the account, fees positive = paid), and holdings at a date with their
 * cost basis and where that basis comes from.
 */
import { fromMinor } from '../../../shared/money';
import type { Db } from '../ledger/statements';
import type { FileSink } from './atomic-file';
import { holdingsAt, investmentRows, type HoldingAt, type InvestmentRow } from './investment-rows';
import { csvText, writeCsvBatches, type CsvOptions, type Progress } from './transactions-csv';
import type { ExportFilter } from './transaction-rows';

export const INVESTMENT_COLUMNS = [
  'id',
  'date',
  'account',
  'account id',
  'security',
  'ticker',
  'security id',
  'name',
  'type',
  'subtype',
  'quantity (negative = shares out)',
  'price',
  'amount (negative = money out)',
  'fees (positive = paid)',
  'currency',
] as const;

function investmentCells(r: InvestmentRow) {
  return [
    r.id,
    r.date,
    r.accountName,
    r.accountId,
    r.securityName,
    r.ticker,
    r.securityId,
    r.name,
    r.type,
    r.subtype,
    r.quantity,
    r.price,
    fromMinor(-r.amountMinor, r.currency),
    r.feesMinor === null ? null : fromMinor(r.feesMinor, r.currency),
    r.currency,
  ];
}

export function writeInvestmentTransactionsCsv(
  db: Db,
  filter: ExportFilter,
  sink: FileSink,
  options: CsvOptions,
  progress: Progress,
): Promise<number> {
  return writeCsvBatches(
    investmentRows(db, filter),
    INVESTMENT_COLUMNS,
    investmentCells,
    sink,
    options,
    progress,
  );
}

export const HOLDING_COLUMNS = [
  'as of',
  'account',
  'account id',
  'security',
  'ticker',
  'security id',
  'cash',
  'quantity',
  'price',
  'price date',
  'value',
  'cost basis',
  'cost basis source',
  'currency',
] as const;

function holdingCells(h: HoldingAt) {
  return [
    h.asOf,
    h.accountName,
    h.accountId,
    h.securityName,
    h.ticker,
    h.securityId,
    h.isCash,
    h.quantity,
    h.price,
    h.priceDate,
    h.valueMinor === null ? null : fromMinor(h.valueMinor, h.currency),
    h.costBasisMinor === null ? null : fromMinor(h.costBasisMinor, h.currency),
    h.basisSource,
    h.currency,
  ];
}

export function holdingsFor(db: Db, filter: ExportFilter): HoldingAt[] {
  return holdingsAt(db, filter.dateTo ?? null, filter.accountIds);
}

export async function writeHoldingsCsv(
  db: Db,
  filter: ExportFilter,
  sink: FileSink,
  options: CsvOptions,
  progress: Progress,
): Promise<number> {
  const holdings = holdingsFor(db, filter);
  sink.write(csvText(holdings.map(holdingCells), HOLDING_COLUMNS, options));
  progress(holdings.length);
  return holdings.length;
}
