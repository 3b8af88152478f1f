/** The portfolio commands' usage and their refusal of bad input (their output is tested through the contract). */
import { describe, expect, it } from 'vitest';
import { runCoffer } from '../e2e/support/processes';

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);

describe('coffer CLI: portfolio commands', () => {
  it('--help describes each command and its columns', async () => {
    for (const c of ['holdings', 'investment-transactions', 'performance']) {
      const res = await runCoffer([c, '--help']);
      expect(res.code, c).toBe(0);
      expect(res.stdout, c).toContain(`Usage: coffer ${c}`);
      expect(res.stdout, c).toContain('--json');
      expect(res.stdout, c).toContain('Columns:');
    }
  });

  it('refuses a bad date or an upside-down range with one line and status 2', async () => {
    for (const args of [
      ['investment-transactions', '--from', '2024-13-45'],
      ['investment-transactions', '--to', 'yesterday'],
      ['investment-transactions', '--from', '2024-05-01', '--to', '2024-04-01'],
    ]) {
      const res = await runCoffer(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(lines(res.stderr), args.join(' ')).toEqual([expect.stringMatching(/--(from|to)/)]);
    }
  });
});
