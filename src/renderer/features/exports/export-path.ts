/** File names for the Export view's suggestions; pure, so it is tested without a window. */
import type { ExportKind } from '../../../shared/contract/exports';
import { fileInFolder } from '../settings/backup-path';

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
