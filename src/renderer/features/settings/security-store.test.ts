import { describe, expect, it } from 'vitest';
import type { CofferApi } from '../../../shared/api';
import type { BackupFileTransfer } from '../../api/backup-files';
import { CofferApiError } from '../../api/errors';
import { createSecurityStore } from './security-store';

const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
const CONTENTS = {
  name: 'a.cfrbackup',
  createdAt: '2026-11-25T12:00:00.000Z',
  items: 1,
  accounts: 3,
  transactions: 600,
};

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
    'backup.create': async (req: object) => {
      calls.push(`create ${JSON.stringify(req)}`);
      return {
        status: 'saved',
        name: 'a.cfrbackup',
        bytes: 4096,
        createdAt: '2026-11-25T12:00:00.000Z',
        encrypted: true,
      };
    },
    'backup.choose': async (req: { recoveryKey: string | null }) => {
      calls.push(`choose ${req.recoveryKey}`);
      return { status: 'ready', restoreId: 'f'.repeat(32), ...CONTENTS };
    },
    'backup.restore': async (req: { restoreId: string; recoveryKey: string | null }) => {
      calls.push(`restore ${req.restoreId} ${req.recoveryKey}`);
      return {
        ...CONTENTS,
        schemaVersion: 9,
      };
    },
    ...overrides,
  } as unknown as CofferApi;
  return { api, calls };
}

function setup(
  overrides: Partial<Record<keyof CofferApi, unknown>> = {},
  backupFiles: BackupFileTransfer | null = null,
) {
  const { api, calls } = fakeApi(overrides);
  const effects = { info: 0, ledger: 0 };
  const store = createSecurityStore(api, {
    backupFiles,
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

  it('creates a backup once at a time, naming no path (the main process asks where)', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { store, calls } = setup({
      'backup.create': async (req: object) => {
        calls.push(`create ${JSON.stringify(req)}`);
        await gate;
        return { status: 'saved', name: 'a.cfrbackup', bytes: 10, createdAt: 'now', encrypted: true };
      },
    });
    const first = store.getState().createBackup();
    expect(store.getState().creating).toBe(true);
    expect(await store.getState().createBackup()).toBe(false);
    expect(await store.getState().chooseBackup(null, null)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(store.getState()).toMatchObject({
      creating: false,
      lastBackup: { status: 'saved', name: 'a.cfrbackup', bytes: 10 },
      backupError: null,
    });
    expect(calls).toEqual(['create {}']);
  });

  it('in the browser, a backup is a download and a restore an upload checked before it is asked for', async () => {
    const moved: string[] = [];
    const files: BackupFileTransfer = {
      download: async () => {
        moved.push('download');
        return 'coffer-demo.cfrbackup';
      },
      upload: async (file) => {
        moved.push(`upload ${file.name}`);
      },
      downloadAssetReportPdf: async () => 'asset-report.pdf',
    };
    const { store, calls } = setup({}, files);
    expect(store.getState().inBrowser).toBe(true);
    expect(await store.getState().createBackup()).toBe(true);
    expect(store.getState().lastBackup).toEqual({ status: 'downloaded', name: 'coffer-demo.cfrbackup' });
    expect(await store.getState().chooseBackup(null, null)).toBe(false);
    const file = new File(['x'], 'mine.cfrbackup');
    expect(await store.getState().chooseBackup(file, null)).toBe(true);
    expect(store.getState().chosen).toMatchObject({ restoreId: 'f'.repeat(32), transactions: 600 });
    expect(moved).toEqual(['download', 'upload mine.cfrbackup']);
    expect(calls).toEqual(['choose null']);
  });

  it('shows a failed backup with its code and message', async () => {
    const { store } = setup({
      'backup.create': async () => {
        throw new CofferApiError({ code: 'NOT_A_BACKUP', message: '/tmp/a is not a backup', plaid: null });
      },
    });
    expect(await store.getState().createBackup()).toBe(false);
    expect(store.getState().backupError).toEqual({ code: 'NOT_A_BACKUP', text: '/tmp/a is not a backup' });
  });

  it('restores only a chosen, checked backup; a restore reloads the lists; a failed check keeps its code', async () => {
    const { store, calls, effects } = setup();
    expect(await store.getState().restore(null)).toBe(false);
    expect(await store.getState().chooseBackup(null, null)).toBe(true);
    expect(await store.getState().restore(null)).toBe(true);
    expect(calls).toContain(`restore ${'f'.repeat(32)} null`);
    expect(store.getState().lastRestore).toMatchObject({ transactions: 600 });
    expect(store.getState().chosen).toBeNull();
    expect(effects).toEqual({ info: 1, ledger: 1 });

    const failing = setup({
      'backup.choose': async () => {
        throw new CofferApiError({ code: 'RECOVERY_KEY_NEEDED', message: 'give the key', plaid: null });
      },
    });
    expect(await failing.store.getState().chooseBackup(null, null)).toBe(false);
    expect(failing.store.getState().restoreError).toEqual({
      code: 'RECOVERY_KEY_NEEDED',
      text: 'give the key',
    });
    expect(failing.store.getState().chosen).toBeNull();
    expect(failing.effects.ledger).toBe(0);
  });
});
