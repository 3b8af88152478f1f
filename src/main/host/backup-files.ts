/**
 * Backups in the browser host: a backup is a download and a restore an upload, so the tab never
 * names a path on the user's disk. An upload waits in the environment's private folder until
 * `backup.choose` takes it (through this host's FilePicker), which checks it before any restore.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../services/core-types';
import { AppError } from '../services/errors';
import { MAX_BACKUP_BYTES } from '../services/security/backup';
import type { FilePicker } from '../services/security/handlers';

export const BACKUP_FILE_PATH = '/files/backup';

/** What the host's pages may hand over as a file name (shown back, never used as a path). */
function displayName(header: string | string[] | undefined): string {
  let raw = '';
  try {
    raw = typeof header === 'string' ? decodeURIComponent(header) : '';
  } catch {
    raw = '';
  }
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .slice(0, 255);
  return clean || 'the uploaded backup';
}

export class HostBackupFiles {
  private upload: { file: string; name: string } | null = null;

  constructor(private readonly core: Core) {}

  readonly picker: FilePicker = {
    saveBackup: async () => {
      throw new AppError(
        'USE_DOWNLOAD',
        'In the browser, a backup is a download: use "Download a backup" in Settings.',
      );
    },
    saveExport: async () => {
      throw new AppError(
        'USE_DOWNLOAD',
        'In the browser, an export is a download: use Export in the Export view.',
      );
    },
    openBackup: async () => {
      const upload = this.upload;
      this.upload = null;
      if (!upload) throw new AppError('NO_UPLOAD', 'Choose a backup file to upload first.');
      return { ...upload, temporary: true };
    },
  };

  /** GET: the backup as an attachment. The private copy is unlinked once open: nothing stays behind. */
  async download(res: ServerResponse, headers: Record<string, string>): Promise<void> {
    const snapshot = this.core.backups.snapshot();
    let stream: fs.ReadStream;
    let size: number;
    try {
      size = fs.statSync(snapshot.file).size;
      stream = fs.createReadStream(snapshot.file);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
    } finally {
      snapshot.dispose();
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/octet-stream',
      'Content-Length': size,
      'Content-Disposition': `attachment; filename="${snapshot.name}"`,
      'Cache-Control': 'no-store',
    });
    await pipeline(stream, res);
  }

  /** POST: the raw file; it replaces an earlier upload that was never chosen. */
  async receive(req: IncomingMessage): Promise<void> {
    const file = this.core.backups.uploadPath();
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > MAX_BACKUP_BYTES)
          done(new AppError('BACKUP_INVALID', 'This file is too large to be a Coffer backup.'));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(req, limit, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
    this.dispose();
    this.upload = { file, name: displayName(req.headers['x-coffer-file-name']) };
  }

  dispose(): void {
    if (this.upload) fs.rmSync(this.upload.file, { force: true });
    this.upload = null;
  }
}
