import { createStore } from 'zustand/vanilla';
import type { CofferApi, LinkOutcome } from '../../../shared/api';
import { userMessage } from '../../../shared/plaid-error';
import type { ErrorsStore } from '../../ui/errors-store';
import type { StatusLine } from '../../ui/status-line';

export function linkOutcomeText(outcome: LinkOutcome): StatusLine {
  if (outcome.status === 'exited') {
    return outcome.error
      ? { text: userMessage(outcome.error), tone: 'error' }
      : { text: 'Link was closed before an account was linked.', tone: 'info' };
  }
  if (outcome.status === 'duplicate') {
    return { text: `These ${outcome.institutionName} accounts are already linked.`, tone: 'info' };
  }
  if (outcome.status === 'updated')
    return { text: `Reconnected ${outcome.institutionName}.`, tone: 'success', itemId: outcome.itemId };
  const accounts = `${outcome.accounts} account${outcome.accounts === 1 ? '' : 's'}`;
  const synced = outcome.sync?.status === 'ok' ? `, ${outcome.sync.added.toLocaleString()} transactions` : '';
  return {
    text: `Linked ${outcome.institutionName}: ${accounts}${synced}`,
    tone: 'success',
    itemId: outcome.itemId,
  };
}

/** A link that would duplicate an Item: nothing is created until the user answers. */
export type DuplicateLink = Extract<LinkOutcome, { status: 'duplicate' }>;

export interface LinkState {
  linking: boolean;
  status: StatusLine | null;
  duplicate: DuplicateLink | null;
  open(): Promise<void>;
  answerDuplicate(proceed: boolean): Promise<void>;
  /** Keeps the line only while what it describes holds: its Item is still linked, its error still the latest. */
  reconcile(present: { itemIds: string[]; newerError: boolean }): void;
}

export function createLinkStore(api: CofferApi, errors: ErrorsStore, deps: { afterwards(): void }) {
  const show = (outcome: LinkOutcome) =>
    ({
      status: linkOutcomeText(outcome),
      duplicate: outcome.status === 'duplicate' ? outcome : null,
    }) satisfies Partial<LinkState>;
  return createStore<LinkState>()((set, get) => ({
    linking: false,
    status: null,
    duplicate: null,
    reconcile({ itemIds, newerError }) {
      const status = get().status;
      if (!status || get().linking) return;
      const itemGone = status.itemId !== undefined && !itemIds.includes(status.itemId);
      if (itemGone || (newerError && status.tone === 'error')) set({ status: null });
    },
    async answerDuplicate(proceed) {
      const pending = get().duplicate;
      if (!pending || get().linking) return;
      set({
        linking: true,
        duplicate: null,
        status: { text: proceed ? 'Linking…' : 'Cancelling…', tone: 'info' },
      });
      try {
        set(show(await api['link.confirm']({ pendingId: pending.pendingId, proceed })));
      } catch (error) {
        set({ status: null });
        errors.getState().report(error);
      } finally {
        set({ linking: false });
        deps.afterwards();
      }
    },
    async open() {
      if (get().linking) return;
      set({ linking: true, duplicate: null, status: { text: 'Linking…', tone: 'info' } });
      try {
        set(show(await api['link.open']({})));
      } catch (error) {
        set({ status: null });
        errors.getState().report(error);
      } finally {
        set({ linking: false });
        deps.afterwards();
      }
    },
  }));
}
export type LinkStore = ReturnType<typeof createLinkStore>;
