/**
 * Asset Report rows (migration 0016): what the ledger keeps of each report until the user removes
 * it. Never its token (the keychain holds that).
 */
import type { AssetReportStatus, AssetReportSummary } from '../../../shared/contract/assets';
import { PlaidErrorShape } from '../../../shared/plaid-error';
import type { Ledger } from '../ledger/ledger';
import { nowIso, stmt } from '../ledger/statements';

export interface AssetReportRow {
  assetReportId: string;
  itemIds: string[];
  daysRequested: number;
  status: AssetReportStatus;
  error: PlaidErrorShape | null;
  /** Plaid's report object once ready. */
  report: unknown;
  generatedAt: string | null;
  refreshedFrom: string | null;
  createdAt: string;
}

interface DbRow {
  asset_report_id: string;
  item_ids_json: string;
  days_requested: number;
  status: AssetReportStatus;
  error_json: string | null;
  report_json: string | null;
  generated_at: string | null;
  refreshed_from: string | null;
  created_at: string;
}

function fromDb(r: DbRow): AssetReportRow {
  const error = r.error_json ? PlaidErrorShape.safeParse(JSON.parse(r.error_json)) : null;
  return {
    assetReportId: r.asset_report_id,
    itemIds: JSON.parse(r.item_ids_json) as string[],
    daysRequested: r.days_requested,
    status: r.status,
    error: error?.success ? error.data : null,
    report: r.report_json ? (JSON.parse(r.report_json) as unknown) : null,
    generatedAt: r.generated_at,
    refreshedFrom: r.refreshed_from,
    createdAt: r.created_at,
  };
}

const COLUMNS = `asset_report_id, item_ids_json, days_requested, status, error_json, report_json, generated_at,
  refreshed_from, created_at`;

export function insertAssetReport(
  ledger: Ledger,
  row: { assetReportId: string; itemIds: string[]; daysRequested: number; refreshedFrom: string | null },
): void {
  const now = nowIso();
  stmt(
    ledger.db,
    `INSERT INTO asset_reports (asset_report_id, item_ids_json, days_requested, status, refreshed_from,
       created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)
     ON CONFLICT (asset_report_id) DO NOTHING`,
  ).run(row.assetReportId, JSON.stringify(row.itemIds), row.daysRequested, row.refreshedFrom, now, now);
}

export function markReady(ledger: Ledger, id: string, report: unknown, generatedAt: string): void {
  stmt(
    ledger.db,
    `UPDATE asset_reports SET status = 'ready', error_json = NULL, report_json = ?, generated_at = ?,
       updated_at = ? WHERE asset_report_id = ?`,
  ).run(JSON.stringify(report), generatedAt, nowIso(), id);
}

export function markFailed(ledger: Ledger, id: string, error: PlaidErrorShape): void {
  stmt(
    ledger.db,
    `UPDATE asset_reports SET status = 'failed', error_json = ?, updated_at = ? WHERE asset_report_id = ?`,
  ).run(JSON.stringify(error), nowIso(), id);
}

export function deleteAssetReport(ledger: Ledger, id: string): void {
  stmt(ledger.db, `DELETE FROM asset_reports WHERE asset_report_id = ?`).run(id);
}

export function assetReportRow(ledger: Ledger, id: string): AssetReportRow | null {
  const row = stmt(ledger.db, `SELECT ${COLUMNS} FROM asset_reports WHERE asset_report_id = ?`).get(id) as
    DbRow | undefined;
  return row ? fromDb(row) : null;
}

export function assetReportRows(ledger: Ledger): AssetReportRow[] {
  return (
    stmt(
      ledger.db,
      `SELECT ${COLUMNS} FROM asset_reports ORDER BY created_at DESC, asset_report_id`,
    ).all() as DbRow[]
  ).map(fromDb);
}

export function summaryOf(
  row: AssetReportRow,
  institutionName: (itemId: string) => string,
): AssetReportSummary {
  return {
    assetReportId: row.assetReportId,
    items: row.itemIds.map((itemId) => ({ itemId, institutionName: institutionName(itemId) })),
    daysRequested: row.daysRequested,
    status: row.status,
    error: row.error,
    createdAt: row.createdAt,
    generatedAt: row.generatedAt,
    refreshedFrom: row.refreshedFrom,
  };
}
