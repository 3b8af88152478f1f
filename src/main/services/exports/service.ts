/**
 * The `exports.*` calls: what to export, over which rows, into which file. Every kind checks its
 * rows exist and the target is allowed before anything is written, so a refusal leaves no file.
 */
import type { ExportRequest, ExportResult, exportCalls } from '../../../shared/contract/exports';
import type { EventName, EventPayload } from '../../../shared/events';
import type { ApiHandlers } from '../core-types';
import type { Ledger } from '../ledger/ledger';
import { checkExportTarget, writeFileAtomically } from './atomic-file';
import { writeJournal } from './journal';
import { listTaxMarks, setTaxMark, writeTaxSummary } from './tax-summary';
import { requireCategory } from '../transactions/categories';
import { requireSomeTransactions, type ExportFilter } from './transaction-rows';
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

/** Progress events at most every 250 ms, and always the last one. */
function progressEmitter(deps: ExportDeps, path: string, total: number) {
  let last = 0;
  return (rows: number) => {
    const now = Date.now();
    if (rows < total && now - last < 250) return;
    last = now;
    deps.emit('export.progress', { path, rows, total });
  };
}

export async function runExport(
  deps: ExportDeps,
  req: ExportRequest,
  onProgress?: (rows: number, total: number) => void,
): Promise<ExportResult> {
  const db = deps.ledger.db;
  const filter = exportFilter(req);
  const total = requireSomeTransactions(db, filter);
  const target = checkExportTarget(req.path, req.overwrite, deps.dataDir);
  const emit = progressEmitter(deps, target, total);
  const progress = (rows: number) => {
    emit(rows);
    onProgress?.(rows, total);
  };
  let rows = 0;
  const written = await writeFileAtomically(target, req.overwrite, deps.dataDir, async (sink) => {
    if (req.kind === 'transactions')
      rows = await writeTransactionsCsv(db, filter, sink, { bom: req.bom }, progress);
    else if (req.kind === 'tax-summary') rows = await writeTaxSummary(db, filter, sink, progress);
    else rows = await writeJournal(db, filter, req.kind, sink, progress);
  });
  return { path: written.path, kind: req.kind, rows, bytes: written.bytes };
}

export function createExportService(deps: ExportDeps): Pick<ApiHandlers, keyof typeof exportCalls> {
  const db = deps.ledger.db;
  return {
    'exports.write': (req) => runExport(deps, req),
    'tax.marks': async () => ({ marks: listTaxMarks(db) }),
    'tax.setMark': async (req) => {
      requireCategory(db, req.categoryId);
      deps.ledger.write(() => setTaxMark(db, req.categoryId, req.mark));
      return { marks: listTaxMarks(db) };
    },
  };
}
