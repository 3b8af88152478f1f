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
import { checkAbsolutePath, refuseInsideDataDir } from '../security/backup-target';

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

/**
 * An absolute path in an existing folder, outside the data dir (the backup's rules), not over a
 * non-file, and not over a file unless allowed.
 */
export function checkExportTarget(target: string, overwrite: boolean, dataDir: string): string {
  checkAbsolutePath(target);
  const resolved = path.resolve(target);
  refuseInsideDataDir(resolved, dataDir);
  const dir = path.dirname(resolved);
  const dirStat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw new AppError('INVALID_PATH', `The folder ${dir} does not exist.`);
  if (!dirStat.isDirectory()) throw new AppError('INVALID_PATH', `${dir} is not a folder.`);
  const existing = fs.lstatSync(resolved, { throwIfNoEntry: false });
  if (existing && !existing.isFile())
    throw new AppError('INVALID_PATH', `${resolved} exists and is not a regular file; choose another name.`);
  if (existing && !overwrite) throw existsError(resolved);
  return resolved;
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
  // ENOENT: a folder that refuses new files (/proc, /sys) or vanished while writing.
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT')
    return new AppError('INVALID_PATH', `Coffer may not write in ${path.dirname(target)}.`);
  if (code === 'ENOSPC')
    return new AppError('DISK_FULL', `The disk holding ${target} is full; nothing was written.`);
  return new AppError('EXPORT_FAILED', `The export failed and nothing was written: ${String(error)}`);
}

function partialPath(resolved: string): string {
  return path.join(
    path.dirname(resolved),
    `.${path.basename(resolved)}.${randomBytes(6).toString('hex')}.partial`,
  );
}

/** Bytes already in memory (a PDF) written the same way: whole at `target`, or nothing. */
export function writeBytesAtomically(
  target: string,
  overwrite: boolean,
  dataDir: string,
  bytes: Uint8Array,
): { path: string; bytes: number } {
  const resolved = checkExportTarget(target, overwrite, dataDir);
  const partial = partialPath(resolved);
  try {
    const fd = fs.openSync(partial, 'wx', 0o600);
    try {
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    place(partial, resolved, overwrite);
    return { path: resolved, bytes: bytes.length };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw writeError(resolved, error);
  }
}

/**
 * Runs `produce` against a temporary file and moves the result to `target`; on any failure the
 * temporary file is removed and `target` is untouched.
 */
export async function writeFileAtomically(
  target: string,
  overwrite: boolean,
  dataDir: string,
  produce: (sink: FileSink) => Promise<void>,
): Promise<{ path: string; bytes: number }> {
  const resolved = checkExportTarget(target, overwrite, dataDir);
  const partial = partialPath(resolved);
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
