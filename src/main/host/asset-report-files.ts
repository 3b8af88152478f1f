/**
 * Asset Report PDFs in the browser host: a download, so the tab never names a path on the user's
 * disk (the browser asks where, and whether to replace). The report is named by its id.
 */
import type { ServerResponse } from 'node:http';
import type { Core } from '../services/core-types';
import { AppError } from '../services/errors';

export const ASSET_REPORT_PDF_PATH = '/files/asset-report.pdf';

export async function sendAssetReportPdf(
  core: Core,
  url: URL,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const id = url.searchParams.get('id') ?? '';
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id))
    throw new AppError('INVALID_REQUEST', 'Name the Asset Report by its id.');
  if (!core.assetReports) throw new AppError('UNAVAILABLE', 'This Coffer host cannot serve Asset Reports.');
  const { bytes, fileName } = await core.assetReports.pdf(id);
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/pdf',
    'Content-Length': bytes.length,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  });
  res.end(bytes);
}
