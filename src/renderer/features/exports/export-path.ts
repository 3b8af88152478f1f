/** File names for the Export view's suggestions; pure, so it is tested without a window. */
import type { ExportKind } from '../../../shared/contract/exports';

const EXTENSION: Record<ExportKind, string> = {
  transactions: 'csv',
  'tax-summary': 'csv',
  hledger: 'journal',
  beancount: 'beancount',
};

/** `<folder>/coffer-<kind>-<period>.<ext>`. */
export function suggestedExportPath(folder: string, kind: ExportKind, period: string): string {
  return fileInFolder(folder, `coffer-${kind}-${period}.${EXTENSION[kind]}`);
}

/** `name` inside `folder`, in the folder's own separator style (Windows or POSIX). */
function fileInFolder(folder: string, name: string): string {
  const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(folder) && !folder.includes('/');
  const sep = windows ? '\\' : '/';
  const dir = folder.replace(/[\\/]+$/, '') || sep;
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** The same test the contract applies (ExportFilePath), so the form can say so before calling. */
export function isAbsolutePath(p: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p) && !p.includes('\0');
}
