/** File names for the Export view's suggestions; pure, so it is tested without a window. */
import type { ExportKind } from '../../../shared/contract/exports';

const EXTENSION: Record<ExportKind, string> = {
  transactions: 'csv',
  'tax-summary': 'csv',
  hledger: 'journal',
  beancount: 'beancount',
};

/** `<folder>/coffer-<kind>-<period>.<ext>` in the folder's own separator style. */
export function suggestedExportPath(folder: string, kind: ExportKind, period: string): string {
  const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(folder) && !folder.includes('/');
  const sep = windows ? '\\' : '/';
  const dir = folder.replace(/[\\/]+$/, '') || sep;
  const name = `coffer-${kind}-${period}.${EXTENSION[kind]}`;
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}
