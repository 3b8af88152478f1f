import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../src/shared/api';
import { LINK_RESULT_CHANNEL } from '../../src/shared/bridge';
import { EVENT_CHANNEL } from '../../src/shared/events';
import type * as FakeElectron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

type Fn = (...args: unknown[]) => unknown;

let fake: typeof FakeElectron.fake;

/** Evaluates a preload afresh; the mocked 'electron' it sees is the fake read back here. */
async function loadPreload(path: '../../src/preload/index' | '../../src/preload/link') {
  vi.resetModules();
  fake = ((await import('electron')) as unknown as typeof FakeElectron).fake;
  fake.reset();
  await import(path);
}

function exposed(key: string): Record<string, Fn> {
  const api = fake.exposed.get(key);
  if (typeof api !== 'object' || api === null) throw new Error(`nothing exposed as ${key}`);
  return api as Record<string, Fn>;
}

describe('main window preload', () => {
  beforeEach(() => loadPreload('../../src/preload/index'));

  it('exposes exactly one function per contract call plus onEvent, and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['coffer']);
    const api = exposed('coffer');
    expect(Object.keys(api).sort()).toEqual([...callNames, 'onEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'call'])
      expect(api).not.toHaveProperty(generic);
  });

  it('sends each call on the channel named after it and returns main’s envelope', async () => {
    const api = exposed('coffer');
    const reply = await api['transactions.list']({ limit: 3 });
    expect(fake.invoked).toEqual([{ channel: 'transactions.list', args: [{ limit: 3 }] }]);
    expect(reply).toEqual({ ok: true, result: { echoed: 'transactions.list' } });
  });

  it('hands listeners plain {name, payload}, never the IPC event, and unsubscribes', () => {
    const api = exposed('coffer');
    const received: unknown[] = [];
    const unsubscribe = api.onEvent((message: unknown) => received.push(message)) as () => void;
    const listeners = fake.rendererListeners.get(EVENT_CHANNEL) ?? [];
    expect(listeners).toHaveLength(1);
    const ipcEvent = { sender: { secret: 'ipcRenderer' }, ports: [] };
    listeners[0](ipcEvent, { name: 'ledger.changed', payload: { reason: 'sync' }, extra: 'dropped' });
    expect(received).toEqual([{ name: 'ledger.changed', payload: { reason: 'sync' } }]);
    expect(JSON.stringify(received)).not.toContain('ipcRenderer');
    unsubscribe();
    expect(fake.rendererListeners.get(EVENT_CHANNEL)).toEqual([]);
  });
});

describe('Link window preload', () => {
  beforeEach(() => loadPreload('../../src/preload/link'));

  it('exposes only report(), which invokes the Link result channel', async () => {
    expect([...fake.exposed.keys()]).toEqual(['cofferLink']);
    const bridge = exposed('cofferLink');
    expect(Object.keys(bridge)).toEqual(['report']);
    const result = { kind: 'exit', error: null, metadata: { status: null } };
    await bridge.report(result);
    expect(fake.invoked).toEqual([{ channel: LINK_RESULT_CHANNEL, args: [result] }]);
  });
});
