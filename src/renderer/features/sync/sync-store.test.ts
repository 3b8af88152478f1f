import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CofferApi, SyncResult } from '../../../shared/api';
import { createErrorsStore } from '../../ui/errors-store';
import { createSyncStore, WAITING_NOTE_MS } from './sync-store';

const timeout = {
  error_type: 'API_ERROR',
  error_code: 'PLAID_TIMEOUT',
  error_message: 'Plaid did not answer within 30 s.',
  display_message: 'Plaid did not answer within 30 s. Coffer will try again at the next sync.',
  request_id: null,
};

function syncWith(answer: Promise<{ results: SyncResult[] }>) {
  const api = { 'sync.run': () => answer } as unknown as CofferApi;
  return createSyncStore(api, createErrorsStore(), {
    institutionOf: () => 'First Platypus Bank',
    afterwards() {},
  });
}

describe('the sync status line while Plaid does not answer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says it is waiting for Plaid, then what Plaid’s silence came to', async () => {
    let finish: (v: { results: SyncResult[] }) => void = () => {};
    const sync = syncWith(new Promise((resolve) => (finish = resolve)));
    const running = sync.getState().run();
    expect(sync.getState().status?.text).toBe('Syncing…');
    vi.advanceTimersByTime(WAITING_NOTE_MS);
    expect(sync.getState().status?.text).toBe('Syncing — waiting for Plaid to answer…');

    // Progress means Plaid answered: the line shows it, and only a new silence brings the note back.
    sync.getState().progress({
      itemId: 'i1',
      institutionName: 'First Platypus Bank',
      phase: 'fetching',
      pages: 2,
      added: 1000,
      modified: 0,
      removed: 0,
    } as Parameters<ReturnType<typeof sync.getState>['progress']>[0]);
    expect(sync.getState().status?.text).toBe('Syncing First Platypus Bank: page 2, 1000 added…');
    vi.advanceTimersByTime(WAITING_NOTE_MS - 1);
    expect(sync.getState().status?.text).not.toMatch(/waiting/);
    vi.advanceTimersByTime(1);
    expect(sync.getState().status?.text).toBe(
      'Syncing First Platypus Bank: page 2, 1000 added — waiting for Plaid to answer…',
    );

    finish({
      results: [{ itemId: 'i1', status: 'error', error: timeout } as unknown as SyncResult],
    });
    await running;
    expect(sync.getState().status).toEqual({
      text: 'First Platypus Bank: Plaid did not answer within 30 s. Coffer will try again at the next sync.',
      tone: 'error',
    });
    // The finished sync's line is not overwritten by a late waiting note.
    vi.advanceTimersByTime(10 * WAITING_NOTE_MS);
    expect(sync.getState().status?.text).toMatch(/^First Platypus Bank: Plaid did not answer/);
  });
});
