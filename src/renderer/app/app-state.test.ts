import { describe, expect, it, vi } from 'vitest';
import type { CofferApi } from '../../shared/api';
import type { EventListener } from '../../shared/events';
import type { CofferClient } from '../api/client';
import { createAppState } from './app-state';
import { VIEWS } from './views';
import { viewReadyMark } from '../ui/view-ready';

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
    'notifications.list': { notifications: [] },
    'notifications.markSeen': {},
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
    inLane: () => api,
    backupFiles: null,
    exportFiles: null,
    systemNotifications: 'web',
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
  it('reloads the shared lists once per burst, the transactions list only once it was read; views never opened stay unread', async () => {
    vi.useFakeTimers();
    try {
      const { client, calls, emit } = fakeClient();
      const state = createAppState(client);
      await state.start();
      // The app opens on the dashboard: the list is read when its view is first shown.
      expect(calls).not.toContain('transactions.list');
      calls.length = 0;
      emit('ledger.changed', {} as never);
      emit('ledger.changed', {} as never);
      await vi.runAllTimersAsync();
      expect(calls.filter((c) => c === 'items.list')).toHaveLength(1);
      expect(new Set(calls)).toEqual(new Set(['items.list', 'accounts.list', 'categories.list']));

      state.shell.intents.showTransactions({ pending: true });
      await vi.runAllTimersAsync();
      calls.length = 0;
      emit('ledger.changed', {} as never);
      emit('ledger.changed', {} as never);
      await vi.runAllTimersAsync();
      expect(calls.filter((c) => c === 'transactions.list')).toHaveLength(1);
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

describe('reading ahead', () => {
  it('reads the transactions list once the opening view has drawn its data, not before', async () => {
    performance.clearMarks();
    const { client, calls } = fakeClient();
    const state = createAppState(client);
    await state.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).not.toContain('transactions.list');
    performance.mark(viewReadyMark('dashboard'));
    await vi.waitFor(() => expect(calls).toContain('transactions.list'));
    expect(calls).toContain('transactions.summary');
    // The view's code was asked for too; it finishes loading before the test ends.
    await import('../features/transactions/TransactionsView');
    state.stop();
    performance.clearMarks();
  });
});

describe('notifications', () => {
  const raised = {
    id: 'reauth-needed:i:login_required:2026-03-01',
    kind: 'reauth-needed' as const,
    title: 'First Platypus Bank needs you to sign in again',
    body: 'Sign in again.',
    target: 'upcoming-payments' as const,
    itemId: 'i',
    accountId: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    seenAt: null,
  };

  it('lists a raised notification until it is opened; a click on the system one opens its view and marks it seen', async () => {
    const { client, calls, emit } = fakeClient();
    const state = createAppState(client);
    await state.start();
    expect(calls).toContain('notifications.list');
    emit('notification.raised', raised);
    emit('notification.raised', raised);
    expect(state.shell.notifications.getState().unseen.map((n) => n.id)).toEqual([raised.id]);
    expect(state.shell.navigation.getState().view).not.toBe('upcoming-payments');

    emit('notification.activated', { id: raised.id, target: 'upcoming-payments' });
    await Promise.resolve();
    expect(state.shell.navigation.getState().view).toBe('upcoming-payments');
    expect(state.shell.notifications.getState().unseen).toEqual([]);
    expect(calls).toContain('notifications.markSeen');
    state.stop();
  });

  it('shows a web notification in the browser host once allowed, and its click opens the view', async () => {
    const shown: { title: string; options?: NotificationOptions; onclick: (() => void) | null }[] = [];
    class FakeNotification {
      static permission: NotificationPermission = 'granted';
      static requestPermission = async () => FakeNotification.permission;
      onclick: (() => void) | null = null;
      constructor(
        readonly title: string,
        readonly options?: NotificationOptions,
      ) {
        shown.push(this);
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    vi.stubGlobal('window', { focus: () => undefined });
    try {
      const { client, emit } = fakeClient();
      const state = createAppState(client);
      await state.start();
      emit('notification.raised', raised);
      expect(shown.map((n) => [n.title, n.options?.body])).toEqual([[raised.title, raised.body]]);
      shown[0]!.onclick?.();
      expect(state.shell.navigation.getState().view).toBe('upcoming-payments');

      FakeNotification.permission = 'denied';
      emit('notification.raised', { ...raised, id: 'other' });
      expect(shown).toHaveLength(1);
      state.stop();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
