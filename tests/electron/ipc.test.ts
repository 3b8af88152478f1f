import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { callNames, type Envelope } from '../../src/shared/api';
import type { ApiHandlers } from '../../src/main/services/core-types';
import { registerIpc, type IpcMainLike } from '../../src/main/electron/ipc';
import { APP_ORIGIN, senderRejection } from '../../src/main/electron/security';
import { frame, type FakeFrame } from './fake-electron';
import { stubHandlers } from '../support/stub-handlers';

type Invoke = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Envelope<unknown>>;

/** A tiny handler table standing in for the core: the real core is tested with its own suites. */
function fakeHandlers(seen: unknown[]): ApiHandlers {
  return {
    ...stubHandlers(),
    'app.info': async () => ({
      version: '0.0.0-test',
      environment: 'demo',
      dataDir: '/tmp/x',
      keychain: { available: false, message: null },
      notices: [],
    }),
    'items.list': async () => ({ items: [] }),
    'accounts.list': async () => ({ accounts: [] }),
    'transactions.list': async (req) => {
      seen.push(req);
      return { transactions: [], next: null, total: 0 };
    },
    'sync.run': async () => ({ results: [] }),
    'link.open': async () => ({ status: 'exited', error: null }),
  };
}

function setup() {
  const registered = new Map<string, Invoke>();
  const ipcMain: IpcMainLike = {
    handle: (channel: string, listener: (...args: never[]) => unknown) => {
      registered.set(channel, listener as unknown as Invoke);
    },
  };
  const seen: unknown[] = [];
  registerIpc(ipcMain, fakeHandlers(seen), (event) => senderRejection(event.senderFrame, [APP_ORIGIN]));
  const call = (name: string, senderFrame: FakeFrame | null, payload: unknown) => {
    const handler = registered.get(name);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler({ senderFrame, sender: { id: 1 } } as unknown as IpcMainInvokeEvent, payload);
  };
  return { registered, call, seen };
}

const appFrame = () => frame('app://coffer/index.html');

describe('registerIpc', () => {
  it('registers exactly one channel per contract call', () => {
    const { registered } = setup();
    expect([...registered.keys()].sort()).toEqual([...callNames].sort());
  });

  it('runs a valid call from the app window and applies the request defaults', async () => {
    const { call, seen } = setup();
    const reply = await call('transactions.list', appFrame(), { limit: 5 });
    expect(reply).toEqual({ ok: true, result: { transactions: [], next: null, total: 0 } });
    expect(seen).toEqual([{ limit: 5, after: null, accountId: null }]);
  });

  it.each([
    [
      'a foreign origin',
      frame('https://evil.test/index.html'),
      /origin https:\/\/evil\.test is not the app's/,
    ],
    ['a subframe of the app', frame('app://coffer/index.html', { parent: appFrame() }), /subframe/],
    ['a frame that is gone', null, /gone/],
    ['a detached frame', frame('app://coffer/index.html', { detached: true }), /detached/],
    ['a file:// page', frame('file:///home/u/evil.html'), /not the app's/],
  ])('refuses %s before looking at the payload', async (_label, senderFrame, reason) => {
    const { call, seen } = setup();
    const reply = await call('transactions.list', senderFrame, { limit: 5 });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('FORBIDDEN_SENDER');
    expect(reply.error.message).toMatch(/^Refused transactions\.list: /);
    expect(reply.error.message).toMatch(reason);
    expect(seen).toEqual([]);
  });

  it.each([
    [{ limit: 'lots' }, /^The limit is missing or of the wrong kind\.$/],
    [{ limit: 0 }, /^The limit is too small: at least 1\.$/],
    [{ limit: 5, evil: true }, /does not know \(evil\)/],
    ['not an object', /^The request is not an object\.$/],
  ])('refuses the invalid payload %j with one sentence naming the field', async (payload, detail) => {
    const { call, seen } = setup();
    const reply = await call('transactions.list', appFrame(), payload);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('INVALID_REQUEST');
    expect(reply.error.message).toMatch(detail);
    expect(seen).toEqual([]);
  });
});
