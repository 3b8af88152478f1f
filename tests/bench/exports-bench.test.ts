/**
 * The issue-15 benchmark at a tiny size, so it cannot rot: the same function `npm run bench` runs
 * (both exports and both anchors). Figures are not checked here; the shape of the run is.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { benchExports, exportsBenchDir, formatExports } from '../../bench/exports';

const dir = exportsBenchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('exports benchmark (smoke size)', () => {
  it(
    'exports a CSV and a journal, beside csv-stringify alone and sqlite3 -csv',
    { timeout: 180_000 },
    async () => {
      const f = await benchExports(1500, dir);
      expect(f.rows).toBe(1500);
      expect(f.csvBytes).toBeGreaterThan(1500 * 50);
      for (const v of [f.csvMs, f.journalMs, f.stringifyOnlyMs, f.sqliteCliMs ?? 1])
        expect(v).toBeGreaterThan(0);
      expect(formatExports(f).join('\n')).toMatch(/sqlite3 -csv/);
    },
  );
});
