/**
 * The window benchmark at a tiny size, so it cannot rot: the same functions `npm run bench` runs
 * (a demo ledger from the simulator's generator, `coffer serve`, Chromium reading the views'
 * view-ready marks, the static-HTML anchor). Figures are not checked here; that each was taken is.
 * Needs the built renderer (`npx electron-vite build`), as the end-to-end tests do.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { formatWindow, measureWindow, prepareWindowLedger } from '../../bench/window';
import { benchDir } from '../../bench/transactions';

const dir = benchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('window benchmark (smoke size)', () => {
  it(
    'times the landing view, search, every view switch and a scroll from the views’ marks',
    { timeout: 600_000 },
    async () => {
      const dataDir = await prepareWindowLedger(1500, dir);
      const f = await measureWindow(dataDir, 1, ['uniqlo', 'coffee'], 300);
      expect(f.rows).toBeGreaterThan(1000);
      expect(f.landingView).toBe('dashboard');
      for (const v of [
        f.landingColdMs,
        f.landingWarmMs,
        f.transactionsColdMs,
        f.transactionsWarmMs,
        f.staticFirstPaintMs,
      ])
        expect(v).toBeGreaterThan(0);
      // 'coffee' matches the generator's coffee shop, the most frequent merchant.
      expect(f.search.find((s) => s.word === 'coffee')?.matches).toBeGreaterThan(100);
      // Every view set its mark after its tab was clicked.
      expect(Object.keys(f.switchMs).sort()).toEqual(
        [
          'about',
          'account-numbers',
          'assets',
          'dashboard',
          'income',
          'ownership',
          'portfolio',
          'exports',
          'liabilities',
          'net-worth',
          'payoff-planner',
          'recurring',
          'rules',
          'settings',
          'spending',
          'transactions',
          'upcoming-payments',
        ].sort(),
      );
      expect(f.scrollFrames).toBeGreaterThan(0);
      expect(f.hostRssMb).toBeGreaterThan(0);
      expect(formatWindow(f).join('\n')).toMatch(/static HTML/);
    },
  );
});
