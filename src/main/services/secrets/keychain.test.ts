import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Entry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTestKeyring } from '../../../../tests/support/keyring';
import { openKeychain } from './keychain';
import { memorySecretStore } from './store';

const ledgerA = randomUUID();
const ledgerB = randomUUID();

beforeAll(() => requireTestKeyring());
afterAll(async () => {
  for (const id of [ledgerA, ledgerB]) {
    const { store } = await openKeychain(id);
    await store.delete('item:x');
  }
});

describe('keychain', () => {
  it('is available in the test session and stores, reads and deletes secrets', async () => {
    const { store, status } = await openKeychain(ledgerA);
    expect(status).toEqual({ available: true, message: null });
    expect(store.kind).toBe('keychain');
    expect(await store.get('item:x')).toBeNull();
    await store.set('item:x', 'access-demo-token-a');
    expect(await store.get('item:x')).toBe('access-demo-token-a');
    await store.delete('item:x');
    expect(await store.get('item:x')).toBeNull();
    await store.delete('item:x');
  });

  it('keeps two data dirs apart: same purpose, different ledger ids', async () => {
    const a = (await openKeychain(ledgerA)).store;
    const b = (await openKeychain(ledgerB)).store;
    await a.set('item:x', 'token-of-a');
    await b.set('item:x', 'token-of-b');
    expect(await a.get('item:x')).toBe('token-of-a');
    expect(await b.get('item:x')).toBe('token-of-b');
  });

  it('names entries service Coffer, account <ledgerId>/<purpose>, in the Secret Service', async () => {
    const { store } = await openKeychain(ledgerA);
    await store.set('item:x', 'named-token');
    const raw = new Entry('Coffer', `${ledgerA}/item:x`, { linux: { store: 'secret-service' } });
    expect(raw.getPassword()).toBe('named-token');
  });

  it('reports a missing keychain with a fix-it sentence instead of falling back', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-nokeychain-'));
    const script = path.join(dir, 'probe.mts');
    fs.writeFileSync(
      script,
      `import { openKeychain } from ${JSON.stringify(path.join(here, 'keychain.ts'))};
       const { status } = await openKeychain('${ledgerA}');
       console.log(JSON.stringify(status));`,
    );
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const out = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      available: false,
      message:
        'No keychain is available (Secret Service): start gnome-keyring or KWallet, or run inside a desktop session; sandbox and production need it.',
    });
  });
});

describe('memory store', () => {
  it('holds secrets only for its own lifetime', async () => {
    const one = memorySecretStore();
    await one.set('item:y', 'v');
    expect(await one.get('item:y')).toBe('v');
    expect(await memorySecretStore().get('item:y')).toBeNull();
  });
});
