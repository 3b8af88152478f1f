/**
 * The issue-13 benchmark at a tiny size, so it cannot rot: the same function `npm run bench` runs.
 * Figures are not checked (timed tests lie on a shared machine); what the run did is: the ledger
 * holds the accounts' transactions, the history covers the years, every figure is there.
 */
import { describe, expect, it } from 'vitest';
import { benchPortfolio, formatPortfolio } from '../../bench/portfolio';

describe('portfolio benchmark (smoke size)', () => {
  it(
    'times the view calls and the recompute after a sync beside their anchors',
    { timeout: 120_000 },
    async () => {
      const f = await benchPortfolio({ years: 1, repeat: 2 });
      expect(f.transactions).toBeGreaterThan(10 * 12 * 4);
      expect(f.historyDays).toBeGreaterThan(360);
      for (const v of [
        f.recomputeMs,
        f.recomputeP95Ms,
        f.transactionsAfterWriteP95Ms,
        f.netWorthRefreshMs,
        f.anchorRecomputeMs,
        ...Object.values(f.viewP95Ms),
        ...Object.values(f.anchorP95Ms),
      ])
        expect(Number.isFinite(v) && v >= 0).toBe(true);
      expect(formatPortfolio(f).join('\n')).toMatch(/performance: p95/);
    },
  );
});
