import { describe, expect, it } from 'vitest';
import type { CofferApi, LinkOutcome } from '../../../shared/api';
import { createLinkStore } from '../linking/link-store';
import { createErrorsStore } from '../../ui/errors-store';
import { createItemActionsStore, REMEDY_LABEL, showsOwnRemoveButton } from './item-actions';

/** Records the calls the stores make and answers them as given. */
function recordingApi(answers: Partial<Record<keyof CofferApi, unknown>>) {
  const calls: [string, unknown][] = [];
  const api = new Proxy(
    {},
    {
      get: (_t, name: string) => async (req: unknown) => {
        calls.push([name, req]);
        return answers[name as keyof CofferApi];
      },
    },
  ) as CofferApi;
  return { api, calls };
}

describe('item actions', () => {
  it('Reconnect opens update mode for that Item and reports the outcome', async () => {
    const { api, calls } = recordingApi({
      'link.open': { status: 'updated', itemId: 'i1', institutionName: 'Bank', sync: null },
    });
    let reloads = 0;
    const store = createItemActionsStore(api, createErrorsStore(), { afterwards: () => reloads++ });
    await store.getState().run('i1', 'reconnect');
    expect(calls).toEqual([['link.open', { itemId: 'i1' }]]);
    expect(store.getState().status.i1).toEqual({ text: 'Reconnected Bank.', tone: 'success' });
    expect(store.getState().busyItemId).toBeNull();
    expect(reloads).toBe(1);
  });

  it('Retry syncs that Item and shows what Plaid said when it fails again', async () => {
    const { api, calls } = recordingApi({
      'sync.run': {
        results: [
          {
            itemId: 'i1',
            status: 'error',
            added: 0,
            modified: 0,
            removed: 0,
            pages: 0,
            error: {
              error_type: 'INSTITUTION_ERROR',
              error_code: 'INSTITUTION_DOWN',
              error_message: 'down',
              display_message: null,
            },
          },
        ],
      },
    });
    const store = createItemActionsStore(api, createErrorsStore(), { afterwards: () => {} });
    await store.getState().run('i1', 'retry');
    expect(calls).toEqual([['sync.run', { itemId: 'i1' }]]);
    expect(store.getState().status.i1.text).toMatch(/isn't responding/);
  });

  it('Remove asks first, then removes with the chosen history option', async () => {
    const { api, calls } = recordingApi({ 'items.remove': { itemId: 'i1', keptHistory: false } });
    const store = createItemActionsStore(api, createErrorsStore(), { afterwards: () => {} });
    await store.getState().run('i1', 'remove');
    expect(calls).toEqual([]);
    expect(store.getState().confirmingRemoval).toBe('i1');
    await store.getState().remove('i1', false);
    expect(calls).toEqual([['items.remove', { itemId: 'i1', keepHistory: false }]]);
    expect(store.getState().confirmingRemoval).toBeNull();
  });
});

describe('the duplicate guard in the link store', () => {
  const duplicate: LinkOutcome = {
    status: 'duplicate',
    pendingId: 'p'.repeat(32),
    institutionName: 'Bank',
    existingItemId: 'i1',
    matches: [{ name: 'Checking', mask: '0000' }],
  };

  it('holds the duplicate until the user answers, and cancelling creates nothing', async () => {
    const { api, calls } = recordingApi({
      'link.open': duplicate,
      'link.confirm': { status: 'exited', error: null },
    });
    const store = createLinkStore(api, createErrorsStore(), { afterwards: () => {} });
    await store.getState().open();
    expect(store.getState().duplicate).toEqual(duplicate);
    await store.getState().answerDuplicate(false);
    expect(calls.at(-1)).toEqual(['link.confirm', { pendingId: 'p'.repeat(32), proceed: false }]);
    expect(store.getState().duplicate).toBeNull();
  });
});

describe('one remove button per Item', () => {
  it('hides the Item’s own "Remove…" while its banner offers removal, with the same label', () => {
    expect(showsOwnRemoveButton({ remedy: 'remove', removedAt: null })).toBe(false);
    expect(REMEDY_LABEL.remove).toBe('Remove…');
    expect(showsOwnRemoveButton({ remedy: 'reconnect', removedAt: null })).toBe(true);
    expect(showsOwnRemoveButton({ remedy: null, removedAt: null })).toBe(true);
    // A disconnected Item's button deletes its kept history: the banner offers no such thing.
    expect(showsOwnRemoveButton({ remedy: 'remove', removedAt: '2026-01-01T00:00:00Z' })).toBe(true);
  });
});
