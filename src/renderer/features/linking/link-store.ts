import { createStore } from 'zustand/vanilla';
import type { CofferApi, LinkOutcome } from '../../../shared/api';
import type { EventPayload } from '../../../shared/events';
import { userMessage } from '../../../shared/plaid-error';
import { syncProgressText, syncSummaryText } from '../sync/sync-text';
import type { ErrorsStore } from '../../ui/errors-store';

export type StatusTone = 'info' | 'success' | 'error';
export interface StatusLine {
  text: string;
  tone: StatusTone;
}

export interface SyncState {
  running: boolean;
  status: StatusLine | null;
  run(): Promise<void>;
  progress(p: EventPayload<'sync.progress'>): void;
}

export function createSyncStore(
  api: CofferApi,
  errors: ErrorsStore,
  deps: { institutionOf(itemId: string): string; afterwards(): void },
) {
  return createStore<SyncState>()((set, get) => ({
    running: false,
    status: null,
    async run() {
      if (get().running) return;
      set({ running: true, status: { text: 'Syncing…', tone: 'info' } });
      try {
        const { results } = await api['sync.run']({ itemId: null });
        const failed = results.some((r) => r.status === 'error');
        set({
          status: { text: syncSummaryText(results, deps.institutionOf), tone: failed ? 'error' : 'success' },
        });
      } catch (error) {
        set({ status: null });
        errors.getState().report(error);
      } finally {
        set({ running: false });
        deps.afterwards();
      }
    },
    progress(p) {
      const tone: StatusTone = p.phase === 'error' ? 'error' : p.phase === 'done' ? 'success' : 'info';
      set({ status: { text: syncProgressText(p), tone } });
    },
  }));
}

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
    return { text: `Reconnected ${outcome.institutionName}.`, tone: 'success' };
  const accounts = `${outcome.accounts} account${outcome.accounts === 1 ? '' : 's'}`;
  const synced = outcome.sync?.status === 'ok' ? `, ${outcome.sync.added.toLocaleString()} transactions` : '';
  return { text: `Linked ${outcome.institutionName}: ${accounts}${synced}`, tone: 'success' };
}

/** A link that would duplicate an Item: nothing is created until the user answers. */
export type DuplicateLink = Extract<LinkOutcome, { status: 'duplicate' }>;

export interface LinkState {
  linking: boolean;
  status: StatusLine | null;
  duplicate: DuplicateLink | null;
  open(): Promise<void>;
  answerDuplicate(proceed: boolean): Promise<void>;
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
