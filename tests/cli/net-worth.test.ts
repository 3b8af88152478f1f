/** `coffer accounts --refresh` and `coffer net-worth` in their own processes (demo mode, keychain). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCofferSteps, stepOutput } from '../support/cli-steps';

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);
const cents = (major: string) => Math.round(Number(major) * 100);

describe('coffer accounts --refresh and coffer net-worth', () => {
  let dataDir: string;
  let outDir: string;
  const read = (name: string) => stepOutput(outDir, name);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-nw-data-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'coffer-nw-out-'));
    const result = await runCofferSteps(dataDir, outDir, [
      ['link', 'link --institution ins_109508'],
      ['refresh', 'accounts --refresh'],
      ['nw', 'net-worth'],
      ['json', 'net-worth --json --from 2000-01-01'],
      ['bad', 'net-worth --from yesterday'],
    ]);
    expect(result.code, result.output).toBe(0);
  }, 300_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('refreshes the balances and keeps the columns of coffer accounts', () => {
    expect(read('refresh.rc').trim(), read('refresh.err')).toBe('0');
    const rows = lines(read('refresh.out')).map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row).toHaveLength(9);
  });

  it("prints one line per day whose last net worth is the accounts' balances added up", () => {
    expect(read('nw.rc').trim(), read('nw.err')).toBe('0');
    const days = lines(read('nw.out')).map((l) => l.split('\t'));
    expect(days.length).toBeGreaterThan(365);
    for (const [date, currency, assets, owed, net] of days) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(currency).toBe('USD');
      expect(cents(assets!) - cents(owed!)).toBe(cents(net!));
    }
    const accounts = lines(read('refresh.out')).map((l) => l.split('\t'));
    const signed = accounts.map((a) => (a[4] === 'credit' || a[4] === 'loan' ? -1 : 1) * cents(a[6]!));
    expect(cents(days[days.length - 1]![4]!)).toBe(signed.reduce((s, v) => s + v, 0));
    const json = lines(read('json.out')).map((l) => JSON.parse(l) as Record<string, string>);
    expect(json[json.length - 1]).toEqual({
      date: days[days.length - 1]![0],
      currency: 'USD',
      assets: days[days.length - 1]![2],
      liabilities: days[days.length - 1]![3],
      net_worth: days[days.length - 1]![4],
    });
  });

  it('refuses a date that is not one, in one line', () => {
    expect(read('bad.rc').trim()).not.toBe('0');
    expect(lines(read('bad.err'))).toEqual([
      expect.stringMatching(/^coffer net-worth: The from is not valid\.$/),
    ]);
  });
});
