/**
 * Exports in the browser host are downloads: the tab posts what to export and the host streams
 * the file back as an attachment, so the tab never names a path on the user's disk. Nothing to
 * export is answered before any byte is sent; a failure mid-way cuts the response, which the tab's
 * download then reports as failed (never a half file kept as whole).
 */
import type { ServerResponse } from 'node:http';
import { ExportRequest } from '../../shared/contract/exports';
import type { Core } from '../services/core-types';
import { AppError, describeRequestIssue } from '../services/errors';
import { exportMediaType } from '../services/exports/service';

export const EXPORT_FILE_PATH = '/files/export';

export async function sendExport(
  core: Core,
  payload: unknown,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const parsed = ExportRequest.safeParse(payload ?? {});
  if (!parsed.success) throw new AppError('INVALID_REQUEST', describeRequestIssue(parsed.error.issues[0]!));
  const prepared = core.exports.prepare(parsed.data);
  res.writeHead(200, {
    ...headers,
    'Content-Type': exportMediaType(prepared.kind),
    'Content-Disposition': `attachment; filename="${prepared.name}"`,
    'Cache-Control': 'no-store',
    'X-Coffer-Total': String(prepared.total),
  });
  let pending: string[] = [];
  const drain = async () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    if (!res.write(text)) await new Promise<void>((resolve) => res.once('drain', resolve));
  };
  try {
    await prepared.produce({
      write: (text) => {
        pending.push(text);
      },
      flush: drain,
    });
    await drain();
    res.end();
  } catch {
    res.destroy();
  }
}
