/**
 * Issue 19: never lose or expose a ledger. Backup paths that would cost data are refused (through
 * the CLI and the services both), damaged ledgers are refused by name and never replaced, and
 * `coffer recover` keeps the damaged file and salvages what can still be read. After every
 * refused case the ledger's bytes are what they were.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import type { Core } from '../../src/main/services/core';
import { envPaths } from '../../src/main/services/paths';
import { recoverLedger } from '../../src/main/services/security/recover';
import {
  allTransactions,
  FIRST_PLATYPUS,
  forgetSecrets,
  openTestCore,
  startTestSimulator,
  tempDir,
} from '../integration/helpers';
import { runCli } from '../support/cli';
import { requireTestKeyring } from '../support/keyring';

let sim: RunningSimulator;
let dataDir: string;
let outside: string;
const dirs: string[] = [];

function newDir(prefix = 'coffer-safety-'): string {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
}

const ledgerFile = (dir: string) => envPaths(dir, 'demo').ledger;
const digest = (file: string) =>
  fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'absent';
/** The ledger as it is on disk: main file and WAL. */
const ledgerBytes = (dir: string) => `${digest(ledgerFile(dir))}/${digest(`${ledgerFile(dir)}-wal`)}`;

/** Every command here aims at the test's simulator. */
const cli = (args: string[]) => runCli([...args, '--plaid-url', sim.url]);

beforeAll(async () => {
  requireTestKeyring();
  sim = await startTestSimulator();
  process.env.PLAID_CLIENT_ID = sim.clientId;
  process.env.PLAID_SECRET = sim.secret;
  dataDir = newDir();
  outside = newDir('coffer-safety-out-');
  const core = await openTestCore({ dataDir, sim });
  await core.linkSandboxItem(FIRST_PLATYPUS);
  await core.close();
}, 120_000);

afterAll(async () => {
  delete process.env.PLAID_CLIENT_ID;
  delete process.env.PLAID_SECRET;
  for (const dir of dirs) {
    await forgetSecrets(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await sim?.close();
});

describe('backup paths: the bad-input corpus through the CLI', () => {
  const cases: Array<{ name: string; target: () => string; overwrite?: boolean; says: RegExp }> = [
    {
      name: 'onto the ledger in use',
      target: () => ledgerFile(dataDir),
      overwrite: true,
      says: /inside Coffer's data folder .* choose a place outside it/,
    },
    {
      name: 'a new file inside the data dir',
      target: () => path.join(dataDir, 'demo', 'backup.cfrbackup'),
      says: /inside Coffer's data folder/,
    },
    {
      name: 'through a link into the data dir',
      target: () => {
        const link = path.join(outside, 'sneaky');
        if (!fs.existsSync(link)) fs.symlinkSync(path.join(dataDir, 'demo'), link);
        return path.join(link, 'ledger.sqlite');
      },
      overwrite: true,
      says: /inside Coffer's data folder/,
    },
    {
      name: 'over a file that is not a backup, even with --overwrite',
      target: () => {
        const file = path.join(outside, 'notes.txt');
        fs.writeFileSync(file, 'precious notes');
        return file;
      },
      overwrite: true,
      says: /exists and is not a Coffer backup, so Coffer will not replace it/,
    },
    {
      name: '/etc/passwd with --overwrite',
      target: () => '/etc/passwd',
      overwrite: true,
      says: /\/etc\/passwd exists and is not a Coffer backup/,
    },
    { name: 'a device', target: () => '/dev/null', overwrite: true, says: /is not a regular file/ },
    {
      name: 'a /proc-style place',
      target: () => '/proc/self/coffer.cfrbackup',
      says: /could not write the backup to \/proc\/self\/coffer\.cfrbackup: .*Choose another folder/,
    },
    {
      name: 'a missing folder',
      target: () => '/no/such/folder/b.cfrbackup',
      says: /folder \/no\/such\/folder does not exist/,
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} with one sentence and leaves the ledger's bytes alone`, async () => {
      const target = c.target();
      const before = ledgerBytes(dataDir);
      const targetBefore = fs.existsSync(target) && fs.statSync(target).isFile() ? digest(target) : null;
      const args = [
        'backup',
        '--data-dir',
        dataDir,
        '--out',
        target,
        ...(c.overwrite ? ['--overwrite'] : []),
      ];
      const res = await cli(args);
      expect(res.code).toBe(1);
      expect(res.err).toHaveLength(1);
      expect(res.err[0]).toMatch(c.says);
      expect(res.err[0]).not.toMatch(/\bE[A-Z]{3,}\b|at .*\.ts:\d+/);
      expect(ledgerBytes(dataDir)).toBe(before);
      if (targetBefore !== null) expect(digest(target)).toBe(targetBefore);
    });
  }

  it('writes through a temporary file beside the target, then replaces an earlier backup only with --overwrite', async () => {
    const target = path.join(outside, 'good.cfrbackup');
    expect((await cli(['backup', '--data-dir', dataDir, '--out', target])).code).toBe(0);
    expect(fs.readdirSync(outside).filter((f) => f.includes('partial'))).toEqual([]);
    const again = await cli(['backup', '--data-dir', dataDir, '--out', target]);
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/already exists/);
    expect((await cli(['backup', '--data-dir', dataDir, '--out', target, '--overwrite'])).code).toBe(0);
  });
});

describe('data dirs are never guessed', () => {
  it('`accounts` on a missing data dir says so, exits non-zero and creates nothing', async () => {
    const missing = path.join(outside, 'no-such-dir');
    const res = await cli(['accounts', '--data-dir', missing]);
    expect(res.code).toBe(1);
    expect(res.err).toEqual([expect.stringContaining(`no Coffer data in ${missing}`)]);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('an empty --data-dir is refused before anything is written', async () => {
    const cwd = process.cwd();
    const before = fs.readdirSync(cwd).sort();
    const res = await cli(['accounts', '--data-dir', '']);
    expect(res.code).toBe(2);
    expect(res.err).toEqual([expect.stringMatching(/--data-dir must name a folder/)]);
    expect(fs.readdirSync(cwd).sort()).toEqual(before);
  });

  it('an environment with no ledger in an existing data dir is named', async () => {
    const res = await cli(['transactions', '--data-dir', dataDir, '--plaid-env', 'sandbox']);
    expect(res.code).toBe(1);
    expect(res.err).toEqual([expect.stringMatching(/no sandbox ledger in /)]);
    expect(fs.existsSync(path.join(dataDir, 'sandbox', 'ledger.sqlite'))).toBe(false);
  });
});

/** A copy of the linked data dir (same ledger id, so the same keychain entries). */
function copyOfDataDir(): string {
  const copy = newDir('coffer-safety-copy-');
  fs.cpSync(dataDir, copy, { recursive: true });
  return copy;
}

describe('damaged ledgers are refused by name, never replaced', () => {
  it('an empty (0-byte) ledger', async () => {
    const dir = copyOfDataDir();
    fs.truncateSync(ledgerFile(dir), 0);
    fs.rmSync(`${ledgerFile(dir)}-wal`, { force: true });
    const res = await cli(['accounts', '--data-dir', dir]);
    expect(res.code).toBe(1);
    expect(res.err).toHaveLength(1);
    expect(res.err[0]).toContain(ledgerFile(dir));
    expect(res.err[0]).toMatch(/is empty \(0 bytes\).*coffer recover.*coffer restore/);
    expect(fs.statSync(ledgerFile(dir)).size).toBe(0);
  });

  it('a ledger cut to half', async () => {
    const dir = copyOfDataDir();
    await fold(dir);
    const file = ledgerFile(dir);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const before = ledgerBytes(dir);
    const res = await cli(['transactions', '--data-dir', dir]);
    expect(res.code).toBe(1);
    expect(res.err).toHaveLength(1);
    expect(res.err[0]).toContain(file);
    expect(res.err[0]).toMatch(/damaged|cut short/);
    expect(res.err[0]).toMatch(/coffer recover/);
    expect(ledgerBytes(dir)).toBe(before);
  });
});

/** Folds the WAL into the ledger file, so cutting the file cuts the data. */
async function fold(dir: string): Promise<void> {
  const core: Core = await openTestCore({ dataDir: dir, sim });
  await core.close();
  const { openLedgerDb } = await import('../support/ledger-file');
  const db = openLedgerDb(dir, 'demo', { readonly: false });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('coffer recover', () => {
  it('keeps the half-cut original and salvages the readable rows into a ledger that opens', async () => {
    const dir = copyOfDataDir();
    const core = await openTestCore({ dataDir: dir, sim });
    const original = new Set((await allTransactions(core)).map((t) => t.id));
    await core.close();
    await fold(dir);
    const file = ledgerFile(dir);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const damaged = fs.readFileSync(file);

    const res = await cli(['recover', '--data-dir', dir]);
    expect(res.code).toBe(0);
    expect(res.err.at(-1)).toMatch(
      /Saved \d+ row\(s\) into a new ledger at .*; the damaged file is kept at /,
    );
    const kept = fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.damaged-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(file), kept[0])).equals(damaged)).toBe(true);

    const savedLine = res.out.find((l) => l.startsWith('transactions\t'));
    const saved = Number(savedLine?.split('\t')[1]);
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(original.size);
    expect(savedLine).toMatch(/partly unreadable/);

    const reopened = await openTestCore({ dataDir: dir, sim });
    try {
      const listed = await allTransactions(reopened);
      expect(listed.length).toBe(saved);
      expect(listed.every((t) => original.has(t.id))).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('on an empty ledger moves it aside and reports nothing saved', async () => {
    const dir = copyOfDataDir();
    fs.truncateSync(ledgerFile(dir), 0);
    fs.rmSync(`${ledgerFile(dir)}-wal`, { force: true });
    const result = await recoverLedger({ dataDir: dir, environment: 'demo', recoveryKey: null });
    expect(fs.existsSync(result.damagedKeptAt)).toBe(true);
    expect(result.tables.reduce((n, t) => n + t.saved, 0)).toBe(0);
  });
});
