/**
 * The rules for a file path the user gave (the CLI, or a dialog of the main process). The app
 * never writes where a mistake would cost data: inside its own data dir, onto a ledger or any file
 * that is not already a Coffer backup (even with overwrite), onto a device, FIFO, folder or link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

export const BACKUP_MAGIC = Buffer.from('CFRBKP01', 'latin1');

function fail(code: string, message: string): never {
  throw new AppError(code, message);
}

function realDir(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** True when the file starts with a Coffer backup's header. */
export function hasBackupHeader(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(BACKUP_MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(BACKUP_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

export function checkAbsolutePath(file: string): void {
  if (!path.isAbsolute(file) || file.includes('\0')) fail('INVALID_PATH', 'Give an absolute file path.');
}

/** Refuses a path in the data dir, wherever links lead; `file` is the path as the user gave it. */
export function refuseInsideDataDir(file: string, dataDir: string): void {
  const real = path.join(realDir(path.dirname(file)), path.basename(file));
  if (isInside(real, realDir(dataDir)) || isInside(path.resolve(file), path.resolve(dataDir))) {
    fail(
      'PATH_IN_DATA_DIR',
      `${file} is inside Coffer's data folder ${dataDir}, where it could replace the ledger; choose a place outside it.`,
    );
  }
}

/** Where a backup may be written: the resolved path, or an AppError naming the file and what to do. */
export function checkBackupTarget(target: string, overwrite: boolean, dataDir: string): string {
  checkAbsolutePath(target);
  const resolved = path.resolve(target);
  refuseInsideDataDir(resolved, dataDir);
  const dir = path.dirname(resolved);
  const dirStat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) fail('INVALID_PATH', `The folder ${dir} does not exist.`);
  if (!dirStat.isDirectory()) fail('INVALID_PATH', `${dir} is not a folder.`);
  const existing = fs.lstatSync(resolved, { throwIfNoEntry: false });
  if (existing) {
    if (!existing.isFile())
      fail('INVALID_PATH', `${resolved} exists and is not a regular file; choose another name.`);
    if (!hasBackupHeader(resolved)) {
      fail(
        'NOT_A_BACKUP',
        `${resolved} exists and is not a Coffer backup, so Coffer will not replace it; choose another name.`,
      );
    }
    if (!overwrite)
      fail('BACKUP_EXISTS', `${resolved} already exists; choose another name or allow overwriting.`);
  }
  return resolved;
}
