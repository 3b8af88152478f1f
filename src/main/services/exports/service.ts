/**
 * The `exports.*` calls: what to export, over which rows, into which file. Every kind checks its
 * rows exist before anything is written, so a refusal leaves no file. Where the file goes is never
 * the window's to say: the host's FilePicker (Electron's save dialog) chooses it, the browser host
 * streams the export as a download, the CLI passes its own path.
 */
import path from 'node:path';
import type { ExportKind, ExportRequest, ExportResult, exportCalls } from '../../../shared/contract/exports';
import type { EventName, EventPayload } from '../../../shared/events';
import type { ApiHandlers } from '../core-types';
import { AppError } from '../errors';
import type { Ledger } from '../ledger/ledger';
import type { FilePicker } from '../security/file-picker';
import { requireCategory } from '../transactions/categories';
import { writeFileAtomically } from './atomic-file';
import { countInvestmentRows } from './investment-rows';
import { holdingsFor, writeHoldingsCsv, writeInvestmentTransactionsCsv } from './investments-csv';
import { writeJournal } from './journal';
import type { PreparedExport } from './prepared';
import { listTaxMarks, setTaxMark, writeTaxSummary } from './tax-summary';
import { countExportRows, describeRange, type ExportFilter } from './transaction-rows';
import { writeTransactionsCsv } from './transactions-csv';

export interface ExportDeps {
  ledger: Ledger;
  /** Coffer's data folder: no export is written inside it (the backup's rule). */
  dataDir: string;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
}

/** The request's rows as a transactions filter: a year is its calendar days. */
export function exportFilter(req: ExportRequest): ExportFilter {
  const range =
    req.year !== undefined
      ? { dateFrom: `${req.year}-01-01`, dateTo: `${req.year}-12-31` }
      : { dateFrom: req.from, dateTo: req.to };
  return {
    ...range,
    accountIds: req.accountIds,
    categories: req.kind === 'transactions' ? req.categories : undefined,
    tags: req.kind === 'transactions' ? req.tags : undefined,
  };
}

const EXTENSION: Record<ExportKind, string> = {
  transactions: 'csv',
  'investment-transactions': 'csv',
  holdings: 'csv',
  'tax-summary': 'csv',
  hledger: 'journal',
  beancount: 'beancount',
};

/** `coffer-<kind>-<period>.<ext>`: what a save dialog or a download offers. */
export function exportFileName(req: ExportRequest): string {
  const period =
    req.year !== undefined
      ? String(req.year)
      : req.from || req.to
        ? `${req.from ?? 'start'}_${req.to ?? 'end'}`
        : 'all';
  return `coffer-${req.kind}-${period}.${EXTENSION[req.kind]}`;
}

export function exportMediaType(kind: ExportKind): string {
  return EXTENSION[kind] === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8';
}

function nothing(what: string, filter: ExportFilter): AppError {
  return new AppError('NOTHING_TO_EXPORT', `There are no ${what} ${describeRange(filter)} for this choice.`);
}

function countFor(deps: ExportDeps, req: ExportRequest, filter: ExportFilter): number {
  const db = deps.ledger.db;
  switch (req.kind) {
    case 'investment-transactions': {
      const n = countInvestmentRows(db, filter);
      if (n === 0) throw nothing('investment transactions', filter);
      return n;
    }
    case 'holdings': {
      const first = db
        .prepare(
          `SELECT min(d) FROM (SELECT min(date) AS d FROM investment_transactions
             UNION ALL SELECT min(date) FROM investment_valuations)`,
        )
        .pluck()
        .get() as string | null;
      const n =
        first === null || (filter.dateTo && filter.dateTo < first) ? 0 : holdingsFor(db, filter).length;
      if (n === 0)
        throw new AppError(
          'NOTHING_TO_EXPORT',
          `There are no holdings ${filter.dateTo ? `on ${filter.dateTo}` : 'in the ledger'} for this choice.`,
        );
      return n;
    }
    case 'transactions': {
      const n = countExportRows(db, filter);
      if (n === 0) throw nothing('transactions', filter);
      return n;
    }
    default: {
      // The tax summary and the journals: posted rows of both kinds.
      const n = countExportRows(db, { ...filter, pending: false }) + countInvestmentRows(db, filter);
      if (n === 0) throw nothing('transactions or investment transactions', filter);
      return n;
    }
  }
}

/** Checks there is something to export and readies it; nothing is written yet. */
export function prepareExport(
  deps: ExportDeps,
  req: ExportRequest,
  onProgress?: (rows: number, total: number) => void,
): PreparedExport {
  const db = deps.ledger.db;
  const filter = exportFilter(req);
  const total = countFor(deps, req, filter);
  const name = exportFileName(req);
  let last = 0;
  const progress = (rows: number) => {
    const now = Date.now();
    // Events at most every 250 ms, and always the last one.
    if (rows >= total || now - last >= 250) {
      last = now;
      deps.emit('export.progress', { name, rows, total });
    }
    onProgress?.(rows, total);
  };
  const csv = { bom: req.bom };
  return {
    name,
    kind: req.kind,
    total,
    produce: (sink) => {
      switch (req.kind) {
        case 'transactions':
          return writeTransactionsCsv(db, filter, sink, csv, progress);
        case 'investment-transactions':
          return writeInvestmentTransactionsCsv(db, filter, sink, csv, progress);
        case 'holdings':
          return writeHoldingsCsv(db, filter, sink, csv, progress);
        case 'tax-summary':
          return writeTaxSummary(db, filter, sink, progress);
        default:
          return writeJournal(db, filter, req.kind, sink, progress);
      }
    },
  };
}

/** Writes the export to a path (the CLI's, or the one a save dialog answered). */
export async function exportToFile(
  deps: ExportDeps,
  prepared: PreparedExport,
  target: string,
  overwrite: boolean,
): Promise<{ path: string; rows: number; bytes: number }> {
  let rows = 0;
  const written = await writeFileAtomically(target, overwrite, deps.dataDir, async (sink) => {
    rows = await prepared.produce(sink);
  });
  return { path: written.path, rows, bytes: written.bytes };
}

const NO_PICKER = 'This window cannot choose files here: in the browser, an export is a download.';

export function createExportService(
  deps: ExportDeps,
  picker: () => FilePicker | null,
): Pick<ApiHandlers, keyof typeof exportCalls> {
  const db = deps.ledger.db;
  return {
    'exports.write': async (req): Promise<ExportResult> => {
      const chooser = picker();
      if (!chooser) throw new AppError('NO_FILE_PICKER', NO_PICKER);
      // Nothing to export is said before the dialog opens, not after the user picked a place.
      const prepared = prepareExport(deps, req);
      const target = await chooser.saveExport(prepared.name, EXTENSION[req.kind]);
      if (target === null) return { status: 'cancelled' };
      // The dialog itself asked before replacing a file.
      const r = await exportToFile(deps, prepared, target, true);
      return { status: 'saved', name: path.basename(r.path), kind: req.kind, rows: r.rows, bytes: r.bytes };
    },
    'tax.marks': async () => ({ marks: listTaxMarks(db) }),
    'tax.setMark': async (req) => {
      requireCategory(db, req.categoryId);
      deps.ledger.write(() => setTaxMark(db, req.categoryId, req.mark));
      return { marks: listTaxMarks(db) };
    },
  };
}
