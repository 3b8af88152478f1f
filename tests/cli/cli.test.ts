import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCofferSteps } from '../support/cli-steps';
import { runCoffer } from '../e2e/support/processes';
import { leaksInDir } from '../e2e/support/secrets-scan';

const COMMANDS = ['serve', 'link', 'sync', 'accounts', 'transactions', 'sim'];
const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);

describe('coffer CLI: usage', () => {
  it('--help lists every command and the common flags, and exits 0', async () => {
    const res = await runCoffer(['--help']);
    expect(res.code).toBe(0);
    for (const c of COMMANDS) expect(res.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    for (const flag of ['--data-dir', '--plaid-env', '--plaid-url']) expect(res.stdout).toContain(flag);
  });

  it('--help works on every command', async () => {
    for (const c of COMMANDS) {
      const res = await runCoffer([c, '--help']);
      expect(res.code, c).toBe(0);
      expect(res.stdout, c).toContain(`Usage: coffer ${c}`);
      expect(res.stdout, c).toContain('--plaid-url');
    }
  });

  it('refuses an unknown command with one line on stderr and a non-zero status', async () => {
    const res = await runCoffer(['nonsense-command']);
    expect(res.code).not.toBe(0);
    expect(lines(res.stderr)).toEqual([expect.stringContaining("unknown command 'nonsense-command'")]);
    expect(res.stdout).toBe('');
  });

  it('refuses unknown flags and bad values with one line each', async () => {
    for (const args of [
      ['sync', '--bogus'],
      ['transactions', '--limit', 'many'],
      ['accounts', '--plaid-env', 'staging'],
    ]) {
      const res = await runCoffer(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(lines(res.stderr), args.join(' ')).toHaveLength(1);
    }
  });

  it('refuses to link in production with one clear line', async () => {
    const res = await runCoffer(['link', '--plaid-env', 'production', '--data-dir', tmpdir()]);
    expect(res.code).toBe(1);
    expect(lines(res.stderr)).toEqual([expect.stringMatching(/demo and sandbox only/)]);
  });
});

describe('coffer CLI: link, sync, transactions in three processes (demo mode, keychain)', () => {
  let dataDir: string;
  let outDir: string;
  const read = (name: string) => readFileSync(path.join(outDir, name), 'utf8');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-cli-data-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'coffer-cli-out-'));
    const result = await runCofferSteps(dataDir, outDir, [
      ['link', 'link --institution ins_109508'],
      ['sync', 'sync'],
      ['tx', 'transactions --limit 1200'],
      ['json', 'transactions --limit 5 --json'],
      ['accounts', 'accounts'],
    ]);
    expect(result.code, result.output).toBe(0);
  }, 300_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('links the Item and syncs it again from a second process', () => {
    expect(read('link.rc').trim(), read('link.err')).toBe('0');
    expect(read('link.out')).toMatch(/^linked \S+ \(First Platypus Bank\): \d+ accounts$/m);
    expect(read('sync.rc').trim(), read('sync.err')).toBe('0');
    expect(read('sync.out')).toMatch(/^sync \S+: ok/m);
  });

  it("lists the Item's transactions from a third process, 8 tab-separated fields each", () => {
    expect(read('tx.rc').trim(), read('tx.err')).toBe('0');
    const rows = lines(read('tx.out')).map((l) => l.split('\t'));
    // More than one page of the contract (1000) proves the paging.
    expect(rows.length).toBe(1200);
    for (const row of rows) {
      expect(row).toHaveLength(8);
      const [id, date, account, name, amount, currency, pending] = row;
      expect(id).toMatch(/^\w{10,}$/);
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(account.length).toBeGreaterThan(0);
      expect(name.length).toBeGreaterThan(0);
      expect(amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(currency).toBe('USD');
      expect(['true', 'false']).toContain(pending);
    }
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    const dates = rows.map((r) => r[1]);
    expect([...dates].sort().reverse()).toEqual(dates);

    const accountNames = new Set(lines(read('accounts.out')).map((l) => l.split('\t')[2]));
    expect(accountNames.size).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(accountNames).toContain(row[2]);
  });

  it('prints the same transactions as JSON lines with --json', () => {
    const json = lines(read('json.out')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const tsv = lines(read('tx.out'))
      .slice(0, 5)
      .map((l) => l.split('\t'));
    expect(json.map((j) => j.transaction_id)).toEqual(tsv.map((r) => r[0]));
    expect(json.map((j) => j.amount)).toEqual(tsv.map((r) => r[4]));
  });

  it('writes no token and no secret into the data dir', () => {
    expect(leaksInDir(dataDir, ['coffer-demo-secret'])).toEqual([]);
  });
});
