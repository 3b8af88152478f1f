/** Suggestions and wording for the Settings' backup section; pure, so it is tested without a window. */

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Where a backup goes unless the user types another path: the data dir is the one folder the
 * renderer knows exists (backup.create needs an absolute path in an existing folder). The name
 * carries the environment and the local time so successive backups never collide.
 */
export function defaultBackupPath(dataDir: string, environment: string, now: Date): string {
  const stamp =
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
    `-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return fileInFolder(dataDir, `coffer-${environment}-${stamp}.cofferbackup`);
}

/** `name` inside `folder`, in the folder's own separator style (Windows or POSIX). */
export function fileInFolder(folder: string, name: string): string {
  const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(folder) && !folder.includes('/');
  const sep = windows ? '\\' : '/';
  const dir = folder.replace(/[\\/]+$/, '') || sep;
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** The same test the contract applies (UserFilePath), so the form can say so before calling. */
export function isAbsolutePath(p: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p) && !p.includes('\0');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
