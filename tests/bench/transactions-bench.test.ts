/**
 * The issue-7 benchmarks at a tiny size, so they cannot rot: the same functions `npm run bench`
 * runs, end to end (a `coffer sim` process, the SDK, the worker thread, the sqlite3 anchor).
 * Figures are not checked here (timed tests lie on a shared machine); the shape of the run is.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { benchDir, benchIngest, benchQueries, formatIngest, formatQueries } from '../../bench/transactions';

const dir = benchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('transactions benchmarks (smoke size)', () => {
  it(
    'ingest: end to end through the SDK, and the apply step beside a bare insert',
    { timeout: 180_000 },
    async () => {
      const f = await benchIngest(1500, dir);
      expect(f.rows).toBeGreaterThan(1000);
      expect(f.pages).toBeGreaterThan(1);
      for (const v of [f.endToEndMs, f.applyMs, f.bareMs, f.rowsPerSecond, f.applyShareOfBare])
        expect(Number.isFinite(v) && v > 0).toBe(true);
      expect(formatIngest(f).join('\n')).toMatch(/rows\/s/);
    },
  );

  it(
    'queries: pages, count and sum, search, spending, and the sqlite3 anchor',
    { timeout: 180_000 },
    async () => {
      const q = await benchQueries(2000, dir, 3);
      expect(q.rows).toBeGreaterThan(1000);
      expect(Object.keys(q.pageP95Ms).length).toBeGreaterThan(5);
      for (const v of [...Object.values(q.pageP95Ms), ...Object.values(q.ftsP95Ms), q.spendingMs])
        expect(Number.isFinite(v)).toBe(true);
      expect(formatQueries(q).join('\n')).toMatch(/spending by category/);
    },
  );
});
