/**
 * The issue-14 benchmark at a tiny size, so it cannot rot: the same function `npm run bench` runs.
 * Figures are not checked (timed tests lie on a shared machine); what the run did is: the edit and
 * the sync rewrite a few days, not the history, and every figure is there.
 */
import { describe, expect, it } from 'vitest';
import { benchNetWorth, formatNetWorth } from '../../bench/net-worth';

describe('net-worth benchmark (smoke size)', () => {
  it('rebuilds, updates incrementally and reads the series beside its anchors', { timeout: 120_000 }, () => {
    const f = benchNetWorth({ years: 1, perDay: 1, repeat: 3 });
    expect(f.dailyRows).toBeGreaterThan(3000);
    expect(f.editDays).toBeGreaterThan(0);
    expect(f.editDays).toBeLessThan(f.dailyRows / 10);
    expect(f.syncDays).toBeGreaterThan(0);
    expect(f.syncDays).toBeLessThan(f.dailyRows / 10);
    for (const v of [f.fullRebuildMs, f.anchorRebuildMs, f.editMs, f.syncMs, ...Object.values(f.seriesP95Ms)])
      expect(Number.isFinite(v) && v >= 0).toBe(true);
    expect(formatNetWorth(f).join('\n')).toMatch(/series all: p95/);
  });
});
