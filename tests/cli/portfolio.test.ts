/** coffer holdings, investment-transactions and performance after a demo link, in their own processes. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inKeyringSession } from '../e2e/support/keyring-session';
import { runCoffer } from '../e2e/support/processes';

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);

describe('coffer CLI: portfolio commands (demo mode, keychain)', () => {
  let dataDir: string;
  let outDir: string;
  const read = (name: string) => readFileSync(path.join(outDir, name), 'utf8');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-cli-data-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'coffer-cli-out-'));
    const step = (name: string, args: string) =>
      `node bin/coffer.mjs ${args} --data-dir "$D" >"$O/${name}.out" 2>"$O/${name}.err"; echo $? >"$O/${name}.rc"`;
    const env: NodeJS.ProcessEnv = { ...process.env, D: dataDir, O: outDir };
    for (const k of ['PLAID_CLIENT_ID', 'PLAID_SECRET', 'PLAID_ENV', 'PLAID_BASE_URL']) delete env[k];
    const result = await inKeyringSession(
      [
        step('link', 'link --institution ins_109508'),
        step('holdings', 'holdings'),
        step('holdings-json', 'holdings --json'),
        step('itx', 'investment-transactions --from 2000-01-01 --json'),
        step('itx-none', 'investment-transactions --to 2000-01-01'),
        step('perf', 'performance --json'),
      ].join('\n'),
      env,
    );
    expect(result.code, result.output).toBe(0);
  }, 300_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('lists holdings with the cash position as cash, the JSON lines matching the columns', () => {
    expect(read('holdings.rc').trim(), read('holdings.err')).toBe('0');
    const rows = lines(read('holdings.out')).map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toHaveLength(12);
    expect(rows.some((r) => r[1] === 'cash')).toBe(true);
    const json = lines(read('holdings-json.out')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json.map((j) => j.value)).toEqual(rows.map((r) => r[6]));
    expect(json.filter((j) => j.is_cash).every((j) => j.ticker === 'CUR:USD')).toBe(true);
  });

  it('lists investment transactions in the date range, newest first', () => {
    const json = lines(read('itx.out')).map((l) => JSON.parse(l) as { date: string; subtype: string });
    expect(json.length).toBeGreaterThan(50);
    const dates = json.map((j) => j.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(read('itx-none.rc').trim()).toBe('0');
    expect(read('itx-none.out')).toBe('');
  });

  it('gives each account and the total five periods, each with a figure or a reason', () => {
    const json = lines(read('perf.out')).map(
      (l) =>
        JSON.parse(l) as {
          period: string;
          quality: string;
          twr_percent: string | null;
          reason: string | null;
        },
    );
    expect(json.length % 5).toBe(0);
    expect(json.length).toBeGreaterThanOrEqual(10);
    for (const p of json) {
      if (p.quality === 'unavailable') expect(p.reason).toBeTruthy();
      else expect(p.twr_percent).toMatch(/^-?\d+\.\d{2}$/);
    }
  });

  it('refuses a bad date with one line and status 2', async () => {
    for (const args of [
      ['investment-transactions', '--from', '2024-13-45'],
      ['investment-transactions', '--from', '2024-05-01', '--to', '2024-04-01'],
    ]) {
      const res = await runCoffer(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(lines(res.stderr), args.join(' ')).toHaveLength(1);
    }
  });
});
