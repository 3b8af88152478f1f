/**
 * Exports in the browser host: the tab posts what to export and saves the answer through the
 * browser's download, so it never names a path on the user's disk. (In Electron the main
 * process's save dialog chooses the file; there is none.)
 */
import type { CallRequest } from '../../shared/api';
import { hostFailure } from './backup-files';

export interface ExportDownload {
  /** Streams the export from the host and offers it as a download; resolves with its name and rows. */
  download(request: CallRequest<'exports.write'>): Promise<{ name: string; rows: number }>;
}

const PATH = '/files/export';

export function hostExportDownload(
  token: string | null,
  doFetch: typeof fetch,
  doc: Document,
): ExportDownload {
  return {
    async download(request) {
      const response = await doFetch(PATH, {
        method: 'POST',
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(request),
        cache: 'no-store',
      });
      if (!response.ok) throw await hostFailure(response);
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'coffer-export';
      // A response cut short (the export failed mid-way) rejects here: no half file is offered.
      const url = URL.createObjectURL(await response.blob());
      try {
        const link = doc.createElement('a');
        link.href = url;
        link.download = name;
        doc.body.append(link);
        link.click();
        link.remove();
      } finally {
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      return { name, rows: Number(response.headers.get('X-Coffer-Total') ?? 0) };
    },
  };
}
