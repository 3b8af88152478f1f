import { describe, expect, it, vi } from 'vitest';
import type { CofferApi } from '../../shared/api';
import type { EventListener } from '../../shared/events';
import type { CofferClient } from '../api/client';
import { createAppState } from './app-state';
import { VIEWS } from './views';

/** A client whose calls are recorded and answer empty lists; events are pushed by the test. */
function fakeClient() {
  const calls: string[] = [];
  const answers: Record<string, unknown> = {
    'app.info': {
      version: '0',
      environment: 'demo',
      dataDir: '/d',
      keychain: { available: true, message: null },
      notices: [],
    },
    'items.list': { items: [] },
    'accounts.list': { accounts: [] },
    'categories.list': { categories: [] },
    'transactions.list': { transactions: [], next: null, total: null },
    'transactions.summary': { count: 0, byCurrency: [] },
    'recurring.list': { streams: [], updatedAt: null },
    'preferences.get': { theme: 'system' },
  };
  const api = new Proxy(
    {},
    {
      get: (_t, name: string) => async () => {
        calls.push(name);
        return answers[name];
      },
    },
  ) as CofferApi;
  let listener: EventListener | null = null;
  const client: CofferClient = {
    api,
    backupFiles: null,
    onEvent(l) {
      listener = l;
      return () => (listener = null);
    },
    close() {},
  };
  return { client, calls, emit: (...args: Parameters<EventListener>) => listener?.(...args) };
}

describe('the view registry', () => {
  it('gives every view its own id', () => {
    const ids = VIEWS.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('mounts every registered view, in registry order', () => {
    const state = createAppState(fakeClient().client);
    expect(state.views.map((v) => v.id)).toEqual(VIEWS.map((v) => v.id));
    state.stop();
  });
});

describe('after ledger.changed', () => {
  it('reloads the shared lists and the transactions list once per burst; views never opened stay unread', async () => {
    vi.useFakeTimers();
    try {
      const { client, calls, emit } = fakeClient();
      const state = createAppState(client);
      await state.start();
      calls.length = 0;
      emit('ledger.changed', {} as never);
      emit('ledger.changed', {} as never);
      await vi.runAllTimersAsync();
      expect(calls.filter((c) => c === 'items.list')).toHaveLength(1);
      expect(new Set(calls)).toEqual(
        new Set([
          'items.list',
          'accounts.list',
          'categories.list',
          'transactions.list',
          'transactions.summary',
        ]),
      );
      state.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
