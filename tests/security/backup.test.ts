/**
 * Issue 6, item 1: encrypted backup and restore, from the Settings' contract calls and the CLI.
 * A backup holds no plaintext, restores on the same ledger without further ado, and on another
 * machine (another data dir: another ledger id, another key) with the recovery key only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import { main } from '../../src/cli/main';
import type { Core } from '../../src/main/services/core';
import type { Account, Transaction } from '../../src/shared/api';
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

let sim: RunningSimulator;
let dataDir: string;
let core: Core;
let recoveryKey: string;
let accounts: Account[];
let txs: Transaction[];
const dirs: string[] = [];

function newDir(): string {
  const dir = tempDir('coffer-backup-');
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  requireTestKeyring();
  sim = await startTestSimulator();
  dataDir = newDir();
  core = await openTestCore({ dataDir, sim });
  await core.linkSandboxItem(FIRST_PLATYPUS);
  await call(core, 'sync.run', {});
  recoveryKey = (await call<{ recoveryKey: string }>(core, 'security.recoveryKey')).recoveryKey;
  accounts = (await call<{ accounts: Account[] }>(core, 'accounts.list')).accounts;
  txs = await allTransactions(core);
});
afterAll(async () => {
  await core?.close();
  for (const dir of dirs) {
    await forgetSecrets(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await sim?.close();
});

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

describe('backup.create', () => {
  it('writes an encrypted backup with no account or institution name in it', async () => {
    const target = path.join(newDir(), 'ledger.cofferbackup');
    const result = core.backups.createAt(target, false);
    expect(result).toMatchObject({ path: target, encrypted: true });
    const bytes = fs.readFileSync(target);
    expect(bytes.length).toBe(result.bytes);
    expect(accounts.length).toBeGreaterThan(0);
    for (const name of [...accounts.map((a) => a.name), 'First Platypus Bank', recoveryKey]) {
      expect(bytes.includes(Buffer.from(name))).toBe(false);
    }
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['ledger.cofferbackup']);
  });

  it('refuses to overwrite unless asked, and refuses paths it cannot use', async () => {
    const dir = newDir();
    const target = path.join(dir, 'b.cofferbackup');
    core.backups.createAt(target, false);
    const first = fs.readFileSync(target);
    expect(thrown(() => core.backups.createAt(target, false))).toMatchObject({ code: 'BACKUP_EXISTS' });
    expect(fs.readFileSync(target).equals(first)).toBe(true);
    core.backups.createAt(target, true);
    expect(fs.readFileSync(target).subarray(0, 8).toString()).toBe('CFRBKP01');

    expect(thrown(() => core.backups.createAt('relative/b.cofferbackup', false))).toMatchObject({
      code: 'INVALID_PATH',
      message: 'Give an absolute file path.',
    });
    expect(thrown(() => core.backups.createAt('/no/such/folder/b', false))).toMatchObject({
      code: 'INVALID_PATH',
      message: 'The folder /no/such/folder does not exist.',
    });
    expect(thrown(() => core.backups.createAt(dir, false))).toMatchObject({ code: 'INVALID_PATH' });
    expect(thrown(() => core.backups.createAt(`${dir}/a\0b`, false))).toMatchObject({ code: 'INVALID_PATH' });
  });
});

describe('backup.restore', () => {
  it('puts back the ledger as it was at the backup, on the same machine, without the recovery key', async () => {
    const target = path.join(newDir(), 'same.cofferbackup');
    core.backups.createAt(target, false);
    // Change the ledger after the backup: the restore must undo it.
    await core.linkSandboxItem(FIRST_PLATYPUS);
    expect((await call<{ items: unknown[] }>(core, 'items.list')).items.length).toBe(2);
    const summary = await core.backups.restoreFrom(target, null);
    expect(summary).toMatchObject({ items: 1, accounts: accounts.length, transactions: txs.length });
    expect((await allTransactions(core)).map((t) => t.id).sort()).toEqual(txs.map((t) => t.id).sort());
  });

  it('restores on another machine with the recovery key, and only with it', async () => {
    const target = path.join(newDir(), 'move.cofferbackup');
    core.backups.createAt(target, false);
    const elsewhere = await openTestCore({ dataDir: newDir(), sim });
    try {
      expect(await call<{ accounts: Account[] }>(elsewhere, 'accounts.list')).toEqual({ accounts: [] });
      await expect(elsewhere.backups.restoreFrom(target, null)).rejects.toMatchObject({
        code: 'RECOVERY_KEY_NEEDED',
        message: expect.stringMatching(/give the recovery key/),
      });
      await expect(
        elsewhere.backups.restoreFrom(target, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ'),
      ).rejects.toMatchObject({ code: 'RECOVERY_KEY_WRONG' });
      const summary = await elsewhere.backups.restoreFrom(target, recoveryKey);
      expect(summary.accounts).toBe(accounts.length);
      const moved = await call<{ accounts: Account[] }>(elsewhere, 'accounts.list');
      expect(moved.accounts.map((a) => a.id).sort()).toEqual(accounts.map((a) => a.id).sort());
      expect((await allTransactions(elsewhere)).length).toBe(txs.length);
    } finally {
      await elsewhere.close();
    }
  });

  it('answers a missing, foreign or damaged file with a clear error and changes nothing', async () => {
    const dir = newDir();
    const before = (await call<{ accounts: Account[] }>(core, 'accounts.list')).accounts;
    await expect(core.backups.restoreFrom(path.join(dir, 'nope'), null)).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
    fs.writeFileSync(path.join(dir, 'photo.jpg'), Buffer.alloc(4096, 7));
    await expect(core.backups.restoreFrom(path.join(dir, 'photo.jpg'), null)).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
      message: expect.stringMatching(/is not a Coffer backup \(no backup header\)/),
    });
    const good = path.join(dir, 'good.cofferbackup');
    core.backups.createAt(good, false);
    const bytes = fs.readFileSync(good);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(path.join(dir, 'flipped.cofferbackup'), bytes);
    await expect(
      core.backups.restoreFrom(path.join(dir, 'flipped.cofferbackup'), null),
    ).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
      message: expect.stringMatching(/checksum does not match/),
    });
    fs.writeFileSync(path.join(dir, 'cut.cofferbackup'), bytes.subarray(0, bytes.length - 10));
    await expect(core.backups.restoreFrom(path.join(dir, 'cut.cofferbackup'), null)).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });
    expect((await call<{ accounts: Account[] }>(core, 'accounts.list')).accounts).toEqual(before);
  });
});

describe('CLI', () => {
  it('`coffer backup --out` and `coffer restore --from --recovery-key` move a ledger between data dirs', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const source = newDir();
    const target = newDir();
    const file = path.join(newDir(), 'cli.cofferbackup');
    process.env.PLAID_CLIENT_ID = sim.clientId;
    process.env.PLAID_SECRET = sim.secret;
    try {
      const seeded = await openTestCore({ dataDir: source, sim });
      await seeded.linkSandboxItem(FIRST_PLATYPUS);
      const key = (await call<{ recoveryKey: string }>(seeded, 'security.recoveryKey')).recoveryKey;
      const names = (await call<{ accounts: Account[] }>(seeded, 'accounts.list')).accounts.map(
        (a) => a.name,
      );
      await seeded.close();

      const common = ['--plaid-url', sim.url];
      expect(await main(['backup', '--data-dir', source, '--out', file, ...common], io)).toBe(0);
      expect(out.at(-1)).toMatch(/^backup written: .*cli\.cofferbackup \(\d+ bytes, encrypted\)$/);
      expect(await main(['restore', '--data-dir', target, '--from', file, ...common], io)).toBe(1);
      expect(err.at(-1)).toMatch(/coffer restore: .*give the recovery key/);
      expect(
        await main(['restore', '--data-dir', target, '--from', file, '--recovery-key', key, ...common], io),
      ).toBe(0);
      expect(out.at(-1)).toMatch(/^restored .*: 1 item\(s\), \d+ account\(s\), \d+ transaction\(s\)$/);
      const restored = await openTestCore({ dataDir: target, sim });
      const got = (await call<{ accounts: Account[] }>(restored, 'accounts.list')).accounts.map(
        (a) => a.name,
      );
      await restored.close();
      expect(got.sort()).toEqual(names.sort());
      expect(await main(['backup', '--data-dir', source, ...common], io)).toBe(2);
      expect(err.at(-1)).toMatch(/--out FILE is required/);
    } finally {
      delete process.env.PLAID_CLIENT_ID;
      delete process.env.PLAID_SECRET;
    }
  });
});
