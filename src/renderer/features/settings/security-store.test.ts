import { describe, expect, it } from 'vitest';
import type { CofferApi } from '../../../shared/api';
import { CofferApiError } from '../../api/errors';
import { createSecurityStore } from './security-store';

const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';

function fakeApi(overrides: Partial<Record<keyof CofferApi, unknown>> = {}) {
  let pending: string | null = KEY;
  const calls: string[] = [];
  const api = {
    'security.recoveryKey': async () => {
      calls.push('recoveryKey');
      return { ledgerEncrypted: true, recoveryKey: pending };
    },
    'security.acknowledgeRecoveryKey': async () => {
      calls.push('acknowledge');
      const had = pending !== null;
      pending = null;
      return { acknowledged: had };
    },
    'backup.create': async (req: { path: string; overwrite: boolean }) => {
      calls.push(`create ${req.path} ${req.overwrite}`);
      return { path: req.path, bytes: 4096, createdAt: '2026-11-25T12:00:00.000Z', encrypted: true };
    },
    'backup.restore': async (req: { path: string; recoveryKey: string | null }) => {
      calls.push(`restore ${req.path} ${req.recoveryKey}`);
      return {
        path: req.path,
        createdAt: '2026-11-25T12:00:00.000Z',
        schemaVersion: 9,
        items: 1,
        accounts: 3,
        transactions: 600,
      };
    },
    ...overrides,
  } as unknown as CofferApi;
  return { api, calls };
}

function setup(overrides: Partial<Record<keyof CofferApi, unknown>> = {}) {
  const { api, calls } = fakeApi(overrides);
  const effects = { info: 0, ledger: 0 };
  const store = createSecurityStore(api, {
    infoChanged: () => effects.info++,
    ledgerChanged: () => effects.ledger++,
  });
  return { store, calls, effects };
}

const holdsKey = (state: object) => JSON.stringify(state).includes(KEY);

describe('security store', () => {
  it('keeps whether the key is pending, never the key itself', async () => {
    const { store } = setup();
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, ledgerEncrypted: true, keyPending: true });
    expect(holdsKey(store.getState())).toBe(false);

    expect(await store.getState().reveal()).toBe(KEY);
    expect(holdsKey(store.getState())).toBe(false);
  });

  it('acknowledging clears the pending state and reloads the notices', async () => {
    const { store, calls, effects } = setup();
    await store.getState().load();
    expect(await store.getState().acknowledge()).toBe(true);
    expect(store.getState().keyPending).toBe(false);
    expect(effects.info).toBe(1);
    expect(calls).toContain('acknowledge');

    expect(await store.getState().reveal()).toBeNull();
    expect(store.getState().keyError).toMatch(/already saved/);
  });

  it('says an unencrypted ledger has no key', async () => {
    const { store } = setup({
      'security.recoveryKey': async () => ({ ledgerEncrypted: false, recoveryKey: null }),
    });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ ledgerEncrypted: false, keyPending: false });
    expect(await store.getState().reveal()).toBeNull();
    expect(store.getState().keyError).toMatch(/not encrypted/);
  });

  it('creates a backup once at a time and keeps its result', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { store, calls } = setup({
      'backup.create': async (req: { path: string }) => {
        await gate;
        return { path: req.path, bytes: 10, createdAt: 'now', encrypted: true };
      },
    });
    const first = store.getState().createBackup('/tmp/a.cofferbackup', false);
    expect(store.getState().creating).toBe(true);
    expect(await store.getState().createBackup('/tmp/b.cofferbackup', false)).toBe(false);
    expect(await store.getState().restore('/tmp/a.cofferbackup', null)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(store.getState()).toMatchObject({
      creating: false,
      lastBackup: { path: '/tmp/a.cofferbackup', bytes: 10 },
      backupError: null,
    });
    expect(calls.filter((c) => c.startsWith('restore'))).toEqual([]);
  });

  it('shows a failed backup with its code and message', async () => {
    const { store } = setup({
      'backup.create': async () => {
        throw new CofferApiError({ code: 'BACKUP_EXISTS', message: '/tmp/a exists', plaid: null });
      },
    });
    expect(await store.getState().createBackup('/tmp/a', false)).toBe(false);
    expect(store.getState().backupError).toEqual({ code: 'BACKUP_EXISTS', text: '/tmp/a exists' });
  });

  it('a restore reloads the lists; a failed one keeps its error code', async () => {
    const { store, calls, effects } = setup();
    expect(await store.getState().restore('/tmp/a.cofferbackup', null)).toBe(true);
    expect(calls).toContain('restore /tmp/a.cofferbackup null');
    expect(store.getState().lastRestore).toMatchObject({ transactions: 600 });
    expect(effects).toEqual({ info: 1, ledger: 1 });

    const failing = setup({
      'backup.restore': async () => {
        throw new CofferApiError({ code: 'RECOVERY_KEY_NEEDED', message: 'give the key', plaid: null });
      },
    });
    expect(await failing.store.getState().restore('/tmp/a', null)).toBe(false);
    expect(failing.store.getState().restoreError).toEqual({
      code: 'RECOVERY_KEY_NEEDED',
      text: 'give the key',
    });
    expect(failing.effects.ledger).toBe(0);
  });
});
