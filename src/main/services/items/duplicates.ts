/**
 * The duplicate guard: Link's onSuccess metadata (institution and the chosen accounts) compared
 * with the accounts already linked there, before anything is exchanged. Plaid bills every Item,
 * and a second Item for the same login doubles every transaction in the ledger.
 */
import type { Ledger } from '../ledger/ledger';
import { activeAccountsByInstitution } from './lifecycle-store';

export interface LinkedAccountHint {
  name: string;
  mask: string | null;
}

export interface Duplicate {
  existingItemId: string;
  matches: LinkedAccountHint[];
}

const norm = (s: string | null) => (s ?? '').trim().toLowerCase();

/** The Item that already holds any of these accounts (same name and mask) at this institution, if one does. */
export function findDuplicate(
  ledger: Ledger,
  institutionId: string,
  accounts: readonly LinkedAccountHint[],
): Duplicate | null {
  const linked = activeAccountsByInstitution(ledger, institutionId);
  const byItem = new Map<string, LinkedAccountHint[]>();
  for (const wanted of accounts) {
    const same = linked.filter(
      (a) => norm(a.name) === norm(wanted.name) && norm(a.mask) === norm(wanted.mask),
    );
    for (const a of same) {
      const list = byItem.get(a.itemId) ?? [];
      if (!list.some((m) => m.name === wanted.name && m.mask === wanted.mask))
        list.push({ name: wanted.name, mask: wanted.mask });
      byItem.set(a.itemId, list);
    }
  }
  let best: Duplicate | null = null;
  for (const [existingItemId, matches] of byItem) {
    if (!best || matches.length > best.matches.length) best = { existingItemId, matches };
  }
  return best;
}
