/**
 * The command-line benchmark at a tiny size, so it cannot rot: the same functions `npm run bench`
 * runs (a sandbox data dir with an encrypted ledger and no Plaid keys, the CLI bundle, the sqlite3
 * anchor). Figures are not checked here; that each timed command printed what it should is.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCli, measureCli, prepareCliLedger } from '../../bench/cli';
import { benchDir } from '../../bench/transactions';

const dir = benchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const coffer = path.resolve(__dirname, '../../bin/coffer.mjs');
function run(args: string[], fromSources: boolean) {
  return spawnSync(process.execPath, [coffer, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COFFER_CLI_FROM_SOURCES: fromSources ? '1' : '0' },
  });
}

describe('command-line benchmark (smoke size)', () => {
  it(
    'lists 20 transactions of a sandbox ledger with no Plaid keys, bundled and from sources, beside sqlite3',
    { timeout: 240_000 },
    async () => {
      const ledger = await prepareCliLedger(1500, dir);
      expect(ledger.rows).toBeGreaterThan(1000);
      const f = measureCli(ledger, 1);
      for (const v of [f.nodeMs, f.helpMs, f.transactionsMs, f.helpFromSourcesMs, f.sqlite3Ms])
        expect(Number.isFinite(v) && v > 0).toBe(true);
      expect(formatCli(f).join('\n')).toMatch(/sqlite3 same page/);

      // The bundle (just built by measureCli) answers as the sources do.
      const args = ['transactions', '--limit', '5', '--plaid-env', 'sandbox', '--data-dir', ledger.dataDir];
      for (const argv of [['--help'], ['transactions', '--help'], ['relay', 'add-device', '-h'], args]) {
        const bundled = run(argv, false);
        const sources = run(argv, true);
        expect(bundled.status, argv.join(' ')).toBe(0);
        expect(bundled.stdout, argv.join(' ')).toBe(sources.stdout);
      }
      expect(run(args, false).stdout.trim().split('\n')).toHaveLength(5);
    },
  );
});
