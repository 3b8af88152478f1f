/**
 * The simulator-at-scale benchmark (bench/sim-scale.ts) at a tiny size, so it cannot rot: a
 * `coffer sim` process drained through /transactions/sync, then /transactions/recurring/get timed
 * beside a warm sync page. Figures are not checked (timed tests lie on a shared machine); that
 * each was taken, and that the streams were found, are.
 */
import { describe, expect, it } from 'vitest';
import { simScale } from '../../bench/sim-scale';

describe('simulator at scale benchmark (smoke size)', () => {
  it(
    'drains an Item and times /transactions/recurring/get beside a sync page',
    { timeout: 180_000 },
    async () => {
      const f = await simScale(5_000);
      expect(f.rows).toBeGreaterThan(4_000);
      expect(f.streams).toBeGreaterThan(5);
      for (const v of [f.recurringMs, f.pageP50Ms]) expect(Number.isFinite(v) && v > 0).toBe(true);
    },
  );
});
