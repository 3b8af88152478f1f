/**
 * Export files appear whole or not at all: the content goes to a hidden temporary file in the
 * target's own folder (so the final rename never crosses a file system) and is moved into place
 * only after it is complete and flushed. Without `overwrite`, the move is a hard link, which the
 * kernel refuses atomically when the name exists, so a file that appeared meanwhile is never
 * replaced either.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { checkBackupTarget } from '../security/backup';

/** Writes into the temporary file, in order; the chunks are buffered into large writes. */
export interface FileSink {
  write(text: string): void;
  /** Lets the event loop run (progress events, other calls) between batches. */
  flush(): Promise<void>;
}

const BUFFER_BYTES = 1 << 20;

function existsError(target: string): AppError {
  return new AppError('EXPORT_EXISTS', `${target} already exists; choose another name or allow overwriting.`);
}

/** An absolute path in an existing folder, not over a non-file, and not over a file unless allowed. */
export function checkExportTarget(target: string, overwrite: boolean): string {
  try {
    return checkBackupTarget(target, overwrite);
  } catch (error) {
    if (error instanceof AppError && error.code === 'BACKUP_EXISTS') throw existsError(path.resolve(target));
    throw error;
  }
}

function place(partial: string, target: string, overwrite: boolean): void {
  if (overwrite) {
    fs.renameSync(partial, target);
    return;
  }
  try {
    fs.linkSync(partial, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existsError(target);
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    if (fs.existsSync(target)) throw existsError(target);
    fs.renameSync(partial, target);
    return;
  }
  fs.unlinkSync(partial);
}

function writeError(target: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError('INVALID_PATH', `Coffer may not write in ${path.dirname(target)}.`);
  if (code === 'ENOSPC')
    return new AppError('DISK_FULL', `The disk holding ${target} is full; nothing was written.`);
  return new AppError('EXPORT_FAILED', `The export failed and nothing was written: ${String(error)}`);
}

/**
 * Runs `produce` against a temporary file and moves the result to `target`; on any failure the
 * temporary file is removed and `target` is untouched.
 */
export async function writeFileAtomically(
  target: string,
  overwrite: boolean,
  produce: (sink: FileSink) => Promise<void>,
): Promise<{ path: string; bytes: number }> {
  const resolved = checkExportTarget(target, overwrite);
  const partial = path.join(
    path.dirname(resolved),
    `.${path.basename(resolved)}.${randomBytes(6).toString('hex')}.partial`,
  );
  let fd: number | null = null;
  try {
    fd = fs.openSync(partial, 'wx', 0o600);
    const handle = fd;
    let pending: string[] = [];
    let pendingBytes = 0;
    let bytes = 0;
    const drain = () => {
      if (pending.length === 0) return;
      const buffer = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingBytes = 0;
      let offset = 0;
      while (offset < buffer.length) offset += fs.writeSync(handle, buffer, offset);
      bytes += buffer.length;
    };
    const sink: FileSink = {
      write(text) {
        pending.push(text);
        pendingBytes += text.length;
        if (pendingBytes >= BUFFER_BYTES) drain();
      },
      async flush() {
        drain();
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
    };
    await produce(sink);
    drain();
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    fd = null;
    place(partial, resolved, overwrite);
    return { path: resolved, bytes };
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw writeError(resolved, error);
  }
}
