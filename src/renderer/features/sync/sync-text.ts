import type { SyncResult } from '../../../shared/api';
import type { EventPayload } from '../../../shared/events';
import { userMessage } from '../../../shared/plaid-error';

type SyncProgress = EventPayload<'sync.progress'>;

const count = (n: number) => String(n);

function changes(p: { added: number; modified: number; removed: number }): string {
  const parts = [`${count(p.added)} added`];
  if (p.modified > 0) parts.push(`${count(p.modified)} modified`);
  if (p.removed > 0) parts.push(`${count(p.removed)} removed`);
  return parts.join(', ');
}

/** "Syncing First Platypus Bank: page 2, 1,000 added…" */
export function syncProgressText(p: SyncProgress): string {
  switch (p.phase) {
    case 'starting':
      return `Syncing ${p.institutionName}…`;
    case 'fetching':
    case 'applying':
      return `Syncing ${p.institutionName}: page ${p.pages}, ${changes(p)}…`;
    case 'done':
      return `Synced ${p.institutionName}: ${changes(p)}`;
    case 'error':
      return `${p.institutionName}: ${userMessage(p.error)}`;
  }
}

/** One line for a finished `sync.run`. */
export function syncSummaryText(results: SyncResult[], institutionOf: (itemId: string) => string): string {
  if (results.length === 0) return 'Nothing to sync yet — link an account first.';
  const failed = results.filter((r) => r.status === 'error');
  if (failed.length > 0) {
    return failed.map((r) => `${institutionOf(r.itemId)}: ${userMessage(r.error)}`).join(' ');
  }
  const total = results.reduce(
    (sum, r) => ({
      added: sum.added + r.added,
      modified: sum.modified + r.modified,
      removed: sum.removed + r.removed,
    }),
    { added: 0, modified: 0, removed: 0 },
  );
  return `Up to date: ${changes(total)}`;
}
