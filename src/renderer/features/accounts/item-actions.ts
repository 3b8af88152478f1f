import { createStore } from 'zustand/vanilla';
import type { CofferApi, Item, ItemRemedy, LinkOutcome } from '../../../shared/api';
import { userMessage } from '../../../shared/plaid-error';
import type { StatusLine } from '../../ui/status-line';
import type { ErrorsStore } from '../../ui/errors-store';

/** What the banner's button says for each remedy. */
export const REMEDY_LABEL: Record<ItemRemedy, string> = {
  reconnect: 'Reconnect',
  add_accounts: 'Add accounts',
  remove: 'Remove…',
  retry: 'Retry',
};

/**
 * Whether the Item's own "Remove…" button shows: not when its health banner already offers removal
 * (the same confirmation), so an Item never shows two remove buttons.
 */
export function showsOwnRemoveButton(item: Pick<Item, 'remedy' | 'removedAt'>): boolean {
  return item.removedAt !== null || item.remedy !== 'remove';
}

export function updateOutcomeText(outcome: LinkOutcome): StatusLine {
  if (outcome.status === 'updated') {
    const failed = outcome.sync?.status === 'error';
    return failed
      ? { text: `Reconnected; the sync failed: ${userMessage(outcome.sync?.error ?? null)}`, tone: 'error' }
      : { text: `Reconnected ${outcome.institutionName}.`, tone: 'success' };
  }
  if (outcome.status === 'exited' && outcome.error)
    return { text: userMessage(outcome.error), tone: 'error' };
  return { text: 'Reconnecting was cancelled.', tone: 'info' };
}

export interface ItemActionsState {
  /** The Item an action is running for, if any (one at a time: update mode shows one Link). */
  busyItemId: string | null;
  /** The Item whose removal is being confirmed. */
  confirmingRemoval: string | null;
  status: Record<string, StatusLine>;
  run(itemId: string, remedy: ItemRemedy): Promise<void>;
  askRemove(itemId: string | null): void;
  remove(itemId: string, keepHistory: boolean): Promise<void>;
}

/** The per-Item actions: update mode (reconnect, add accounts), retry, and removal with keep-or-purge. */
export function createItemActionsStore(api: CofferApi, errors: ErrorsStore, deps: { afterwards(): void }) {
  return createStore<ItemActionsState>()((set, get) => {
    const say = (itemId: string, line: StatusLine) =>
      set((s) => ({ status: { ...s.status, [itemId]: line } }));
    async function busy(itemId: string, work: () => Promise<void>) {
      if (get().busyItemId) return;
      set({ busyItemId: itemId });
      try {
        await work();
      } catch (error) {
        errors.getState().report(error);
      } finally {
        set({ busyItemId: null });
        deps.afterwards();
      }
    }
    return {
      busyItemId: null,
      confirmingRemoval: null,
      status: {},
      async run(itemId, remedy) {
        if (remedy === 'remove') return get().askRemove(itemId);
        await busy(itemId, async () => {
          if (remedy === 'retry') {
            say(itemId, { text: 'Trying again…', tone: 'info' });
            const [result] = (await api['sync.run']({ itemId })).results;
            say(
              itemId,
              result?.status === 'error'
                ? { text: userMessage(result.error), tone: 'error' }
                : { text: 'Up to date.', tone: 'success' },
            );
            return;
          }
          say(itemId, { text: 'Reconnecting…', tone: 'info' });
          say(itemId, updateOutcomeText(await api['link.open']({ itemId })));
        });
      },
      askRemove(itemId) {
        set({ confirmingRemoval: itemId });
      },
      async remove(itemId, keepHistory) {
        set({ confirmingRemoval: null });
        await busy(itemId, async () => {
          await api['items.remove']({ itemId, keepHistory });
        });
      },
    };
  });
}
export type ItemActionsStore = ReturnType<typeof createItemActionsStore>;
