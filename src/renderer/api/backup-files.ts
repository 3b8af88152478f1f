/**
 * Backups in the browser host: the tab downloads a backup and uploads one to restore, so it never
 * names a path on the user's disk. (In Electron the main process's dialogs do this; there is none.)
 */
import { AppErrorShape } from '../../shared/api';
import { CofferApiError } from './errors';

export interface BackupFileTransfer {
  /** Saves a fresh backup through the browser's download; resolves with the file name offered. */
  download(): Promise<string>;
  /** Hands a backup to the host, for `backup.choose` to check. */
  upload(file: File): Promise<void>;
  /** Saves an Asset Report's PDF through the browser's download; resolves with the file name offered. */
  downloadAssetReportPdf(assetReportId: string): Promise<string>;
}

const PATH = '/files/backup';
const ASSET_REPORT_PDF_PATH = '/files/asset-report.pdf';

/** The host's error envelope as the app's error (any answer that is not one: a transport error). */
export async function hostFailure(response: Response): Promise<CofferApiError> {
  const body: unknown = await response.json().catch(() => null);
  const shaped = AppErrorShape.safeParse((body as { error?: unknown } | null)?.error);
  return new CofferApiError(
    shaped.success
      ? shaped.data
      : { code: 'TRANSPORT', message: `Coffer's local server answered ${response.status}.`, plaid: null },
  );
}

export function hostBackupFiles(
  token: string | null,
  doFetch: typeof fetch,
  doc: Document,
): BackupFileTransfer {
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  /** GETs a file from the host and hands it to the browser's download. */
  const save = async (url: string, fallbackName: string): Promise<string> => {
    const response = await doFetch(url, { headers: auth, cache: 'no-store' });
    if (!response.ok) throw await hostFailure(response);
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
    const objectUrl = URL.createObjectURL(await response.blob());
    try {
      const link = doc.createElement('a');
      link.href = objectUrl;
      link.download = name;
      doc.body.append(link);
      link.click();
      link.remove();
    } finally {
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    }
    return name;
  };
  return {
    download: () => save(PATH, 'coffer.cfrbackup'),
    downloadAssetReportPdf: (id) =>
      save(`${ASSET_REPORT_PDF_PATH}?id=${encodeURIComponent(id)}`, 'asset-report.pdf'),
    async upload(file) {
      const response = await doFetch(PATH, {
        method: 'POST',
        headers: {
          ...auth,
          'Content-Type': 'application/octet-stream',
          'X-Coffer-File-Name': encodeURIComponent(file.name),
        },
        body: file,
        cache: 'no-store',
      });
      if (!response.ok) throw await hostFailure(response);
    },
  };
}
