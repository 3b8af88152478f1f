/**
 * First run and environments against the simulator: the user's own keys are checked with Plaid
 * before anything is kept (wrong keys: Plaid's INVALID_API_KEYS, nothing saved), each environment
 * keeps its own ledger, the choice survives a restart, and deleting everything removes each Item at
 * Plaid first, then the environment's ledger, keychain entries and logs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startSimulator, type RunningSimulator } from '../../sim/index';
import { openCore } from '../../src/main/services/core';
import type { Core } from '../../src/main/services/core-types';
import { envPaths, readOrCreateLedgerId } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import {
  itemTokenPurpose,
  ledgerKeyPurpose,
  plaidClientPurpose,
} from '../../src/main/services/secrets/store';
import { openAppCore } from '../../src/main/services/setup/app-core';
import type { AppInfo, KeysStatus } from '../../src/shared/api';
import { requireTestKeyring } from '../support/keyring';
import { call, FIRST_PLATYPUS, forgetSecrets, SimAdmin, tempDir } from './helpers';

let sim: RunningSimulator;
let admin: SimAdmin;
let dataDir: string;
let core: Core;

// The simulator answers with the demo keys, so they stand for "the user's real sandbox keys" here.
const open = () =>
  openAppCore(
    { dataDir, environment: null, plaidUrl: sim.url, host: 'test', testing: { sleep: async () => {} } },
    openCore,
  );

async function keychainValue(purpose: string): Promise<string | null> {
  return (await openKeychain(readOrCreateLedgerId(dataDir))).store.get(purpose);
}

beforeAll(async () => {
  requireTestKeyring();
  for (const name of ['PLAID_CLIENT_ID', 'PLAID_SECRET']) delete process.env[name];
  dataDir = tempDir('coffer-setup-');
  sim = await startSimulator({ port: 0, statePath: path.join(dataDir, 'sim-state.json') });
  admin = new SimAdmin(sim);
  core = await open();
}, 60_000);

afterAll(async () => {
  await core?.close();
  await forgetSecrets(dataDir);
  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  await store.delete(plaidClientPurpose('sandbox'));
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('first run with your own Plaid keys', () => {
  it('opens on demo mode when nothing was chosen yet', () => {
    expect(core.info().environment).toBe('demo');
  });

  it('refuses a wrong secret with Plaid’s own error and keeps nothing', async () => {
    const refused = await call(core, 'setup.saveKeys', {
      environment: 'sandbox',
      clientId: DEMO_CREDENTIALS.clientId,
      secret: 'not-the-secret',
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      plaid: { error_type: 'INVALID_INPUT', error_code: 'INVALID_API_KEYS' },
    });
    expect(await keychainValue(plaidClientPurpose('sandbox'))).toBeNull();
    const status = await call<KeysStatus>(core, 'setup.keys');
    expect(status.environments.find((e) => e.environment === 'sandbox')?.saved).toBe(false);
  });

  it('cannot switch to sandbox before its keys are saved, and stays in demo', async () => {
    const refused = await call(core, 'setup.switchEnvironment', { environment: 'sandbox' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'PLAID_KEYS_MISSING' });
    expect(core.info().environment).toBe('demo');
    expect((await call<AppInfo>(core, 'app.info')).environment).toBe('demo');
  });

  it('keeps keys Plaid accepted, in the keychain only, and never answers the secret', async () => {
    const saved = await call(core, 'setup.saveKeys', {
      environment: 'sandbox',
      clientId: DEMO_CREDENTIALS.clientId,
      secret: DEMO_CREDENTIALS.secret,
    });
    expect(JSON.stringify(saved)).not.toContain(DEMO_CREDENTIALS.secret);
    expect(JSON.parse((await keychainValue(plaidClientPurpose('sandbox'))) ?? 'null')).toEqual(
      DEMO_CREDENTIALS,
    );
    const status = await call<KeysStatus>(core, 'setup.keys');
    expect(JSON.stringify(status)).not.toContain(DEMO_CREDENTIALS.secret);
    expect(status.environments.find((e) => e.environment === 'sandbox')?.saved).toBe(true);
  });

  it('switches to sandbox, which has a ledger of its own, and opens there after a restart', async () => {
    const info = await call<AppInfo>(core, 'setup.switchEnvironment', { environment: 'sandbox' });
    expect(info.environment).toBe('sandbox');
    await core.linkSandboxItem(FIRST_PLATYPUS);
    expect((await call<{ items: unknown[] }>(core, 'items.list')).items).toHaveLength(1);

    await call(core, 'setup.switchEnvironment', { environment: 'demo' });
    expect((await call<{ items: unknown[] }>(core, 'items.list')).items).toHaveLength(0);
    await call(core, 'setup.switchEnvironment', { environment: 'sandbox' });

    await core.close();
    core = await open();
    expect(core.info().environment).toBe('sandbox');
    expect((await call<{ items: unknown[] }>(core, 'items.list')).items).toHaveLength(1);
  }, 60_000);

  it('deletes everything: each Item removed at Plaid first, then ledger, keychain entries and logs', async () => {
    const { items } = await call<{ items: { id: string }[] }>(core, 'items.list');
    const token = await keychainValue(itemTokenPurpose(items[0]!.id));
    expect(token).not.toBeNull();
    const sandbox = envPaths(dataDir, 'sandbox');
    expect(fs.existsSync(sandbox.log)).toBe(true);

    const result = await call<{ removedItems: number; info: AppInfo }>(core, 'setup.deleteEverything', {
      confirm: 'DELETE',
    });
    expect(result.removedItems).toBe(1);
    expect(result.info.environment).toBe('demo');
    // Gone at Plaid: nothing stays billed.
    await expect(admin.plaid('/item/get', { access_token: token })).rejects.toThrow(
      /INVALID_ACCESS_TOKEN|ITEM_NOT_FOUND/,
    );
    expect(fs.existsSync(sandbox.dir)).toBe(false);
    for (const purpose of [
      itemTokenPurpose(items[0]!.id),
      ledgerKeyPurpose('sandbox'),
      plaidClientPurpose('sandbox'),
    ]) {
      expect(await keychainValue(purpose), purpose).toBeNull();
    }
    // The demo environment is untouched, and the app opens on it from now on.
    expect(fs.existsSync(envPaths(dataDir, 'demo').ledger)).toBe(true);
    await core.close();
    core = await open();
    expect(core.info().environment).toBe('demo');
  }, 60_000);

  it('refuses to delete without the typed confirmation', async () => {
    await expect(call(core, 'setup.deleteEverything', { confirm: 'yes' })).rejects.toThrow(/confirm/);
  });
});
