/**
 * Issue 6, item 1: the ledger is encrypted at rest with a key from the keychain; a wrong or
 * missing key is refused clearly and leaves the file as it was; a plain ledger is encrypted in
 * place; the recovery key reopens a ledger whose keychain entry is lost.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import { main } from '../../src/cli/main';
import type { Core } from '../../src/main/services/core';
import { openLedger } from '../../src/main/services/ledger/ledger';
import { ledgerFileKind } from '../../src/main/services/ledger/ledger-file';
import { readOrCreateLedgerId } from '../../src/main/services/paths';
import { DEMO_UNENCRYPTED_NOTICE, RECOVERY_KEY_NOTICE } from '../../src/main/services/security/ledger-access';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import { ledgerKeyPurpose } from '../../src/main/services/secrets/store';
import type { Account, AppInfo, Transaction } from '../../src/shared/api';
import {
  allTransactions,
  call,
  FIRST_PLATYPUS,
  forgetSecrets,
  openTestCore,
  startTestSimulator,
  tempDir,
} from '../integration/helpers';
import { requireTestKeyring } from '../support/keyring';
import { insertItem, upsertAccounts } from '../../src/main/services/items/store';

let sim: RunningSimulator;
const dirs: string[] = [];

beforeAll(async () => {
  requireTestKeyring();
  sim = await startTestSimulator();
});
afterAll(async () => {
  for (const dir of dirs) {
    await forgetSecrets(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await sim?.close();
});

function newDataDir(): string {
  const dir = tempDir('coffer-sec-');
  dirs.push(dir);
  return dir;
}

const ledgerFile = (dataDir: string) => path.join(dataDir, 'demo', 'ledger.sqlite');

function fingerprint(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const dir = path.join(dataDir, 'demo');
  for (const name of fs.readdirSync(dir).sort()) {
    if (name === 'logs') continue;
    out[name] = createHash('sha256')
      .update(fs.readFileSync(path.join(dir, name)))
      .digest('hex');
  }
  return out;
}

async function linkedCore(dataDir: string): Promise<{ core: Core; accounts: Account[]; txs: Transaction[] }> {
  const core = await openTestCore({ dataDir, sim });
  const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
  expect(outcome.status).toBe('linked');
  await call(core, 'sync.run', {});
  const { accounts } = await call<{ accounts: Account[] }>(core, 'accounts.list');
  return { core, accounts, txs: await allTransactions(core) };
}

async function setKeychainKey(dataDir: string, hex: string | null): Promise<void> {
  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  if (hex === null) await store.delete(ledgerKeyPurpose('demo'));
  else await store.set(ledgerKeyPurpose('demo'), hex);
}

describe('ledger encrypted at rest', () => {
  it('holds no merchant name or account name on disk, in the ledger or its -wal, after a sync', async () => {
    const dataDir = newDataDir();
    const { core, accounts, txs } = await linkedCore(dataDir);
    try {
      const merchants = [...new Set(txs.map((t) => t.merchantName).filter((m): m is string => !!m))];
      const names = [...new Set(txs.map((t) => t.name))];
      const accountNames = accounts.map((a) => a.name);
      expect(txs.length).toBeGreaterThan(10);
      expect(merchants.length).toBeGreaterThan(0);
      expect(accountNames.length).toBeGreaterThan(0);

      const files = [ledgerFile(dataDir), `${ledgerFile(dataDir)}-wal`].filter((f) => fs.existsSync(f));
      expect(files.length).toBe(2); // WAL mode: the sync's pages are in the -wal until a checkpoint
      const leaks = files.flatMap((file) => {
        const bytes = fs.readFileSync(file);
        return [...merchants, ...names, ...accountNames, 'First Platypus Bank']
          .filter((s) => bytes.includes(Buffer.from(s, 'utf8')))
          .map((s) => `${s} in ${path.basename(file)}`);
      });
      expect(leaks).toEqual([]);
      expect(ledgerFileKind(ledgerFile(dataDir))).toBe('encrypted');
    } finally {
      await core.close();
    }
    const closed = fs.readFileSync(ledgerFile(dataDir));
    expect(closed.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(closed.includes(Buffer.from(accounts[0].name))).toBe(false);
  });

  it('would show those names in an unencrypted ledger (the check above can fail)', () => {
    const dir = newDataDir();
    const plain = openLedger(path.join(dir, 'plain.sqlite'));
    plain.write(() =>
      insertItem(plain, { itemId: 'i', institutionId: null, institutionName: 'First Platypus Bank' }),
    );
    plain.close();
    expect(fs.readFileSync(path.join(dir, 'plain.sqlite')).includes('First Platypus Bank')).toBe(true);
  });
});

describe('wrong or missing key', () => {
  it('refuses a wrong key with a clear error and leaves every file byte for byte as it was', async () => {
    const dataDir = newDataDir();
    const { core } = await linkedCore(dataDir);
    await core.close();
    const before = fingerprint(dataDir);
    const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
    const rightKey = await store.get(ledgerKeyPurpose('demo'));

    await setKeychainKey(dataDir, randomBytes(32).toString('hex'));
    const error = await openTestCore({ dataDir, sim }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe('LEDGER_KEY_WRONG');
    expect(error?.message).toMatch(
      /does not open the ledger .*nothing was changed.*coffer unlock --recovery-key/,
    );
    expect(fingerprint(dataDir)).toEqual(before);
    expect(fs.existsSync(`${ledgerFile(dataDir)}-wal`)).toBe(false);

    await setKeychainKey(dataDir, rightKey);
    const again = await openTestCore({ dataDir, sim });
    expect((await allTransactions(again)).length).toBeGreaterThan(10);
    await again.close();
  });

  it('refuses a missing key without making a new one, and the recovery key brings the ledger back', async () => {
    const dataDir = newDataDir();
    const { core, txs } = await linkedCore(dataDir);
    const { recoveryKey } = await call<{ recoveryKey: string }>(core, 'security.recoveryKey');
    await core.close();
    const before = fingerprint(dataDir);

    await setKeychainKey(dataDir, null);
    await expect(openTestCore({ dataDir, sim })).rejects.toMatchObject({
      code: 'LEDGER_KEY_MISSING',
      message: expect.stringMatching(/encrypted and its key is not in the keychain.*nothing was changed/),
    });
    expect(fingerprint(dataDir)).toEqual(before);
    const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
    expect(await store.get(ledgerKeyPurpose('demo'))).toBeNull();

    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await main(['unlock', '--data-dir', dataDir, '--recovery-key', 'AAAA-BBBB'], io)).toBe(1);
    expect(err.join('\n')).toMatch(/not a recovery key/);
    const wrong = 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ';
    expect(await main(['unlock', '--data-dir', dataDir, '--recovery-key', wrong], io)).toBe(1);
    expect(err.join('\n')).toMatch(/does not belong to this ledger/);
    // Typed back in lower case with spaces: still accepted.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    expect(await main(['unlock', '--data-dir', dataDir, '--recovery-key', typed], io)).toBe(0);
    expect(out.join('\n')).toMatch(/ledger key is back in the keychain/);

    const reopened = await openTestCore({ dataDir, sim });
    expect((await allTransactions(reopened)).map((t) => t.id).sort()).toEqual(txs.map((t) => t.id).sort());
    await reopened.close();
  });
});

describe('an unencrypted ledger from before', () => {
  it('is encrypted in place on open, keeping every row and leaving no plaintext copy', async () => {
    const dataDir = newDataDir();
    readOrCreateLedgerId(dataDir);
    fs.mkdirSync(path.join(dataDir, 'demo'), { recursive: true });
    const plain = openLedger(ledgerFile(dataDir));
    plain.write(() => {
      insertItem(plain, {
        itemId: 'item-old',
        institutionId: null,
        institutionName: 'Plaintext Credit Union',
      });
      upsertAccounts(plain, [
        {
          accountId: 'acc-old',
          itemId: 'item-old',
          name: 'Plaintext Marker Checking',
          officialName: null,
          mask: '1234',
          type: 'depository',
          subtype: 'checking',
          currency: 'USD',
          currentMinor: 12_345,
          availableMinor: null,
          limitMinor: null,
        },
      ]);
    });
    plain.close();
    expect(ledgerFileKind(ledgerFile(dataDir))).toBe('plain');

    const core = await openTestCore({ dataDir, sim });
    try {
      const { accounts } = await call<{ accounts: Account[] }>(core, 'accounts.list');
      expect(accounts.map((a) => [a.name, a.currentMinor])).toEqual([['Plaintext Marker Checking', 12_345]]);
      expect((await call<AppInfo>(core, 'app.info')).notices).toContain(RECOVERY_KEY_NOTICE);
    } finally {
      await core.close();
    }
    expect(ledgerFileKind(ledgerFile(dataDir))).toBe('encrypted');
    const leftovers = fs.readdirSync(path.join(dataDir, 'demo')).filter((f) => f.includes('encrypting'));
    expect(leftovers).toEqual([]);
    for (const file of fs.readdirSync(path.join(dataDir, 'demo'))) {
      const full = path.join(dataDir, 'demo', file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes('Plaintext Marker')).toBe(false);
    }
  });
});

describe('the recovery key', () => {
  it('is shown until acknowledged, then never again', async () => {
    const dataDir = newDataDir();
    const core = await openTestCore({ dataDir, sim });
    try {
      const first = await call<{ ledgerEncrypted: boolean; recoveryKey: string | null }>(
        core,
        'security.recoveryKey',
      );
      expect(first.ledgerEncrypted).toBe(true);
      expect(first.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect((await call<AppInfo>(core, 'app.info')).notices).toContain(RECOVERY_KEY_NOTICE);
      expect(await call(core, 'security.acknowledgeRecoveryKey')).toEqual({ acknowledged: true });
      expect(await call(core, 'security.recoveryKey')).toEqual({ ledgerEncrypted: true, recoveryKey: null });
      expect((await call<AppInfo>(core, 'app.info')).notices).not.toContain(RECOVERY_KEY_NOTICE);
      const recoveryJson = fs.readFileSync(path.join(dataDir, 'demo', 'ledger-key.recovery.json'), 'utf8');
      expect(recoveryJson).not.toContain(first.recoveryKey!);
    } finally {
      await core.close();
    }
    const again = await openTestCore({ dataDir, sim });
    expect(await call(again, 'security.recoveryKey')).toEqual({ ledgerEncrypted: true, recoveryKey: null });
    await again.close();
  });

  it('is printed by `coffer recovery-key` until `--acknowledge`', async () => {
    const dataDir = newDataDir();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const common = ['--data-dir', dataDir, '--plaid-url', sim.url];
    process.env.PLAID_CLIENT_ID = sim.clientId;
    process.env.PLAID_SECRET = sim.secret;
    try {
      // The ledger (and its recovery key) exists once something made it: recovery-key makes nothing.
      expect(await main(['recovery-key', ...common], io)).toBe(1);
      expect(err.at(-1)).toMatch(/no Coffer data in /);
      await (await openTestCore({ dataDir, sim })).close();
      expect(await main(['recovery-key', ...common], io)).toBe(0);
      expect(out[0]).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
      expect(await main(['recovery-key', '--acknowledge', ...common], io)).toBe(0);
      expect(await main(['recovery-key', ...common], io)).toBe(1);
      expect(err.join('\n')).toMatch(/already acknowledged/);
    } finally {
      delete process.env.PLAID_CLIENT_ID;
      delete process.env.PLAID_SECRET;
    }
  });
});

describe('demo without a keychain', () => {
  it('keeps its ledger unencrypted and says so (nowhere safe to keep a key)', () => {
    const dataDir = newDataDir();
    const script = path.join(dataDir, 'probe.mts');
    const here = import.meta.dirname;
    fs.writeFileSync(
      script,
      `import { openCore } from ${JSON.stringify(path.join(here, '../../src/main/services/core.ts'))};
       const core = await openCore({ dataDir: ${JSON.stringify(dataDir)}, environment: 'demo', host: 'test',
         plaidUrl: ${JSON.stringify(sim.url)}, credentials: ${JSON.stringify({ clientId: sim.clientId, secret: sim.secret })} });
       const key = await core.handlers['security.recoveryKey']({});
       console.log(JSON.stringify({ notices: core.info().notices, key }));
       await core.close();`,
    );
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { notices: string[]; key: unknown };
    // One notice for the missing keychain, naming what demo loses: the ledger is not encrypted.
    expect(result.notices.filter((n) => /its ledger is not encrypted/.test(n))).toHaveLength(1);
    expect(result.notices).not.toContain(DEMO_UNENCRYPTED_NOTICE);
    expect(result.key).toEqual({ ledgerEncrypted: false, recoveryKey: null });
    expect(ledgerFileKind(ledgerFile(dataDir))).toBe('plain');
  });
});
