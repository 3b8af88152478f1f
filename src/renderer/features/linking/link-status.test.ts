import { describe, expect, it } from 'vitest';
import type { CofferApi, LinkOutcome } from '../../../shared/api';
import { createLinkStore } from './link-store';
import { createErrorsStore } from '../../ui/errors-store';

function linkStore(outcome: LinkOutcome) {
  const api = { 'link.open': async () => outcome } as unknown as CofferApi;
  return createLinkStore(api, createErrorsStore(), { afterwards: () => undefined });
}

const linked: LinkOutcome = {
  status: 'linked',
  itemId: 'item-1',
  institutionName: 'First Platypus Bank',
  accounts: 8,
  sync: null,
};

describe('the Link status line describes the present', () => {
  it('goes when the Item it announced is removed, and stays while it is linked', async () => {
    const store = linkStore(linked);
    await store.getState().open();
    expect(store.getState().status).toMatchObject({ text: /^Linked First Platypus Bank/, itemId: 'item-1' });
    store.getState().reconcile({ itemIds: ['item-1'], newerError: false });
    expect(store.getState().status).not.toBeNull();
    store.getState().reconcile({ itemIds: [], newerError: false });
    expect(store.getState().status).toBeNull();
  });

  it("a failed Link's message gives way to a later error; a success does not", async () => {
    const failed = linkStore({
      status: 'exited',
      error: {
        error_type: 'ITEM_ERROR',
        error_code: 'INVALID_CREDENTIALS',
        error_message: 'x',
        display_message: 'The credentials were not correct.',
        request_id: null,
      },
    });
    await failed.getState().open();
    expect(failed.getState().status?.tone).toBe('error');
    failed.getState().reconcile({ itemIds: [], newerError: true });
    expect(failed.getState().status).toBeNull();

    const ok = linkStore(linked);
    await ok.getState().open();
    ok.getState().reconcile({ itemIds: ['item-1'], newerError: true });
    expect(ok.getState().status).not.toBeNull();
  });
});
