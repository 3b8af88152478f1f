import { describe, expect, it } from 'vitest';
import { syncProgressText, syncSummaryText } from './sync-text';

const base = {
  itemId: 'i1',
  institutionName: 'First Platypus Bank',
  pages: 2,
  added: 1000,
  modified: 0,
  removed: 0,
  error: null,
};

describe('sync text', () => {
  it('reads progress as phase and counts', () => {
    expect(syncProgressText({ ...base, phase: 'starting', pages: 0, added: 0 })).toBe(
      'Syncing First Platypus Bank…',
    );
    expect(syncProgressText({ ...base, phase: 'fetching' })).toBe(
      'Syncing First Platypus Bank: page 2, 1000 added…',
    );
    expect(syncProgressText({ ...base, phase: 'applying', modified: 3, removed: 1 })).toBe(
      'Syncing First Platypus Bank: page 2, 1000 added, 3 modified, 1 removed…',
    );
  });

  it("shows Plaid's display_message when a sync fails", () => {
    const error = {
      error_type: 'ITEM_ERROR',
      error_code: 'ITEM_LOGIN_REQUIRED',
      error_message: 'x',
      display_message: 'Sign in to your bank again.',
    };
    expect(syncProgressText({ ...base, phase: 'error', error })).toBe(
      'First Platypus Bank: Sign in to your bank again.',
    );
    const failed = {
      itemId: 'i1',
      status: 'error' as const,
      added: 0,
      modified: 0,
      removed: 0,
      pages: 0,
      error,
    };
    expect(syncSummaryText([failed], () => 'First Platypus Bank')).toBe(
      'First Platypus Bank: Sign in to your bank again.',
    );
  });

  it('sums a finished run', () => {
    const ok = {
      itemId: 'i1',
      status: 'ok' as const,
      added: 5,
      modified: 1,
      removed: 0,
      pages: 1,
      error: null,
    };
    expect(syncSummaryText([ok, { ...ok, itemId: 'i2' }], () => '')).toBe('Up to date: 10 added, 2 modified');
    expect(syncSummaryText([], () => '')).toMatch(/Nothing to sync/);
  });
});
