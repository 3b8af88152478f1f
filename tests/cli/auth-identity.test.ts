/** `coffer auth` and `coffer identity` in their own processes (demo mode, keychain). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../e2e/support/secrets-scan';
import { leaksInDir } from '../e2e/support/secrets-scan';
import { runCofferSteps, stepOutput } from '../support/cli-steps';

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);

describe('coffer auth and coffer identity', () => {
  let dataDir: string;
  let outDir: string;
  const read = (name: string) => stepOutput(outDir, name);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-auth-data-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'coffer-auth-out-'));
    const result = await runCofferSteps(dataDir, outDir, [
      ['plain', 'link --institution ins_109508'],
      ['lacking', 'auth'],
      ['both', 'link --institution ins_109512 --products auth,identity'],
      ['masked', 'auth'],
      ['reveal', 'auth --reveal --json'],
      ['revealTsv', 'auth --reveal'],
      ['identity', 'identity'],
      ['identityJson', 'identity --json'],
    ]);
    expect(result.code, result.output).toBe(0);
  }, 300_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('prints masks only without --reveal, and names the Item that lacks Auth with how to add it', () => {
    expect(read('lacking.rc').trim(), read('lacking.err')).toBe('0');
    expect(read('lacking.err')).toMatch(
      /First Platypus Bank \(\S+\): auth is not added; add it with `coffer items add-product \S+ auth`/,
    );
    expect(read('masked.rc').trim(), read('masked.err')).toBe('0');
    const rows = lines(read('masked.out')).map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row).toHaveLength(7);
      expect(row[3]).toBe('masked');
      expect(row[4]).toMatch(/^•••• \d{4}$/);
    }
  });

  it('--reveal prints the full numbers of the Item that has Auth, once, and they are written nowhere', () => {
    expect(read('reveal.rc').trim(), read('reveal.err')).toBe('0');
    const revealed = lines(read('reveal.out'))
      .map(
        (l) => JSON.parse(l) as { institutionName: string; kind: string; account?: string; routing?: string },
      )
      .filter((r) => r.institutionName === 'Houndstooth Bank');
    expect(revealed.length).toBe(2);
    const masked = lines(read('masked.out')).map((l) => l.split('\t'));
    for (const r of revealed) {
      expect(r).toMatchObject({ kind: 'ach', routing: '021000021' });
      expect(r.account).toMatch(/^\d{12}$/);
      expect(masked.some((m) => m[4] === `•••• ${r.account!.slice(-4)}`)).toBe(true);
    }
    const tsv = lines(read('revealTsv.out')).map((l) => l.split('\t'));
    expect(tsv.filter((r) => r[3] === 'ach').map((r) => r[4])).toEqual(revealed.map((r) => r.account));
    expect(filesUnder(dataDir).length).toBeGreaterThan(3);
    expect(
      leaksInDir(
        dataDir,
        revealed.map((r) => r.account!),
      ),
    ).toEqual([]);
  });

  it('prints the owners of the Item that has Identity', () => {
    expect(read('identity.rc').trim(), read('identity.err')).toBe('0');
    expect(read('identity.err')).toMatch(/First Platypus Bank \(\S+\): identity is not added/);
    const rows = lines(read('identity.out')).map((l) => l.split('\t'));
    expect(rows.length).toBe(3);
    for (const row of rows) {
      expect(row[1]).toBe('Houndstooth Bank');
      expect(row[3]).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+/);
      expect(row[4]).toMatch(/@example\.com$/);
      expect(row[7]).toBe('no-profile');
    }
    const json = lines(read('identityJson.out')).map((l) => JSON.parse(l) as { owner: { names: string[] } });
    expect(json.map((j) => j.owner.names.join('; '))).toEqual(rows.map((r) => r[3]));
  });
});
