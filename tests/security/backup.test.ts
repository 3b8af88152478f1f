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
import { dispatch } from '../../src/main/services/dispatch';
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

const errorOf = async (c: Core, name: string, payload: unknown) => {
  const envelope = await dispatch(c.handlers, name, payload);
  if (envelope.ok) throw new Error(`${name} unexpectedly succeeded`);
  return envelope.error;
};

describe('backup.create', () => {
  it('writes an encrypted backup with no account or institution name in it', async () => {
    const target = path.join(newDir(), 'ledger.cofferbackup');
    const result = await call<{ path: string; bytes: number; encrypted: boolean }>(core, 'backup.create', {
      path: target,
    });
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
    fs.writeFileSync(target, 'precious');
    expect(await errorOf(core, 'backup.create', { path: target })).toMatchObject({ code: 'BACKUP_EXISTS' });
    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
    await call(core, 'backup.create', { path: target, overwrite: true });
    expect(fs.readFileSync(target).subarray(0, 8).toString()).toBe('CFRBKP01');

    expect(await errorOf(core, 'backup.create', { path: 'relative/b.cofferbackup' })).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/path: expected an absolute path/),
    });
    expect(await errorOf(core, 'backup.create', { path: '/no/such/folder/b' })).toMatchObject({
      code: 'INVALID_PATH',
      message: 'The folder /no/such/folder does not exist.',
    });
    expect(await errorOf(core, 'backup.create', { path: dir })).toMatchObject({ code: 'INVALID_PATH' });
    expect(await errorOf(core, 'backup.create', { path: `${dir}/a\0b` })).toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });
});

describe('backup.restore', () => {
  it('puts back the ledger as it was at the backup, on the same machine, without the recovery key', async () => {
    const target = path.join(newDir(), 'same.cofferbackup');
    await call(core, 'backup.create', { path: target });
    // Change the ledger after the backup: the restore must undo it.
    await core.linkSandboxItem(FIRST_PLATYPUS);
    expect((await call<{ items: unknown[] }>(core, 'items.list')).items.length).toBe(2);
    const summary = await call<{ items: number; accounts: number; transactions: number }>(
      core,
      'backup.restore',
      {
        path: target,
      },
    );
    expect(summary).toMatchObject({ items: 1, accounts: accounts.length, transactions: txs.length });
    expect((await allTransactions(core)).map((t) => t.id).sort()).toEqual(txs.map((t) => t.id).sort());
  });

  it('restores on another machine with the recovery key, and only with it', async () => {
    const target = path.join(newDir(), 'move.cofferbackup');
    await call(core, 'backup.create', { path: target });
    const elsewhere = await openTestCore({ dataDir: newDir(), sim });
    try {
      expect(await call<{ accounts: Account[] }>(elsewhere, 'accounts.list')).toEqual({ accounts: [] });
      expect(await errorOf(elsewhere, 'backup.restore', { path: target })).toMatchObject({
        code: 'RECOVERY_KEY_NEEDED',
        message: expect.stringMatching(/give the recovery key/),
      });
      expect(
        await errorOf(elsewhere, 'backup.restore', {
          path: target,
          recoveryKey: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ',
        }),
      ).toMatchObject({ code: 'RECOVERY_KEY_WRONG' });
      const summary = await call<{ accounts: number }>(elsewhere, 'backup.restore', {
        path: target,
        recoveryKey,
      });
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
    expect(await errorOf(core, 'backup.restore', { path: path.join(dir, 'nope') })).toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
    fs.writeFileSync(path.join(dir, 'photo.jpg'), Buffer.alloc(4096, 7));
    expect(await errorOf(core, 'backup.restore', { path: path.join(dir, 'photo.jpg') })).toMatchObject({
      code: 'BACKUP_INVALID',
      message: expect.stringMatching(/is not a Coffer backup \(no backup header\)/),
    });
    const good = path.join(dir, 'good.cofferbackup');
    await call(core, 'backup.create', { path: good });
    const bytes = fs.readFileSync(good);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(path.join(dir, 'flipped.cofferbackup'), bytes);
    expect(
      await errorOf(core, 'backup.restore', { path: path.join(dir, 'flipped.cofferbackup') }),
    ).toMatchObject({
      code: 'BACKUP_INVALID',
      message: expect.stringMatching(/checksum does not match/),
    });
    fs.writeFileSync(path.join(dir, 'cut.cofferbackup'), bytes.subarray(0, bytes.length - 10));
    expect(await errorOf(core, 'backup.restore', { path: path.join(dir, 'cut.cofferbackup') })).toMatchObject(
      {
        code: 'BACKUP_INVALID',
      },
    );
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
