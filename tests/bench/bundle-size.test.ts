/**
 * The renderer build split by view (issue 18): a real `electron-vite build` into a temp dir, read
 * by scripts/bundle-size.mjs as BENCHMARKS.md's report is. Sizes are bytes, not times: the
 * landing view's budget is checked here, and that recharts reaches only the views that draw charts.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const buildDir = join(repo, '.tmp', `bundle-size-${process.pid}-${Date.now()}`);

interface Measure {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
  recharts: boolean;
}
interface Sizes {
  entry: Measure;
  views: { view: string; added: Measure; first: Measure }[];
}
let sizes: Sizes;
let table: string;

beforeAll(async () => {
  await run(join(repo, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: repo,
    env: { ...process.env, COFFER_BUILD_OUT: buildDir },
  });
  const script = join(repo, 'scripts', 'bundle-size.mjs');
  const renderer = join(buildDir, 'renderer');
  sizes = JSON.parse((await run(process.execPath, [script, renderer, '--json'])).stdout) as Sizes;
  table = (await run(process.execPath, [script, renderer])).stdout;
}, 180_000);

afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

const view = (name: string) => {
  const found = sizes.views.find((v) => v.view === name);
  if (!found) throw new Error(`no chunk for ${name} in ${sizes.views.map((v) => v.view).join(', ')}`);
  return found;
};

describe('renderer bundle by view', () => {
  it('opens on the home dashboard with at most 350 KB of compressed JavaScript and no recharts', () => {
    const landing = view('DashboardView').first;
    expect(landing.gzip).toBeLessThanOrEqual(350 * 1024);
    expect(landing.recharts).toBe(false);
    expect(sizes.entry.recharts).toBe(false);
  });

  it('loads recharts with the views that draw charts only, and each view in a chunk of its own', () => {
    const charts = ['SpendingView', 'NetWorthView', 'PayoffPlannerView', 'PortfolioView'];
    for (const name of charts) expect(view(name).added.recharts, name).toBe(true);
    for (const v of sizes.views.filter((v) => !charts.includes(v.view)))
      expect(v.added.recharts, v.view).toBe(false);
    for (const v of sizes.views) expect(v.added.files, v.view).toBeGreaterThan(0);
    // Minified: the entry is a fraction of the 1.9 MB unminified single script it replaced.
    expect(sizes.entry.raw).toBeLessThan(1024 * 1024);
    expect(table).toMatch(/\| DashboardView shown first/);
  });
});
