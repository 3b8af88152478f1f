/**
 * `npm run screenshots`: the README's pictures, taken from the real app so they stay current. Builds
 * the window, runs `coffer serve` in demo mode on a scratch data dir, links the demo bank through the
 * simulator's Link as a user would (Playwright in Chromium), then photographs the view the app opens
 * on (HOME_VIEW: the dashboard once there is one) and the Transactions view.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, hostApi, linkFirstPlatypus, waitUntil } from '../tests/e2e/support/browser';
import { startCoffer } from '../tests/e2e/support/processes';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'docs', 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };

function build(): void {
  const require = createRequire(path.join(root, 'package.json'));
  const bin = path.join(
    path.dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed (see above)');
}

async function main(): Promise<void> {
  build();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-screenshots-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PLAID_ENV', 'PLAID_BASE_URL', 'PLAID_CLIENT_ID', 'PLAID_SECRET']) delete env[name];
  const host = startCoffer(['serve', '--port', '0', '--data-dir', dataDir, '--plaid-env', 'demo'], env);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const [, url] = await host.waitFor(
      /Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
      120_000,
    );
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await page.goto(url!);
    console.log('Linking the demo bank…');
    await linkFirstPlatypus(page);
    const api = hostApi(url!);
    await waitUntil('the first sync to fill the ledger', async () => {
      const { items } = await api<{ items: { lastSyncedAt: string | null }[] }>('items.list');
      return items.length > 0 && items.every((item) => item.lastSyncedAt !== null);
    });
    mkdirSync(outDir, { recursive: true });
    const shoot = async (name: string) => {
      // Let charts finish laying out, then write whole: a temp file renamed into place.
      await page.waitForTimeout(800);
      const target = path.join(outDir, name);
      const temp = path.join(outDir, `.${name}.partial.png`);
      await page.screenshot({ path: temp, fullPage: false });
      renameSync(temp, target);
      console.log(`wrote ${path.relative(root, target)}`);
    };
    // The app opens on HOME_VIEW after the first link.
    await page.reload();
    await page.getByRole('navigation', { name: 'Views' }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => performance.getEntriesByName('coffer:view-ready:dashboard').length > 0,
      undefined,
      { timeout: 60_000 },
    );
    await shoot('home.png');
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Transactions', exact: true })
      .click();
    await page.getByTestId('filter-summary').waitFor({ timeout: 60_000 });
    await shoot('transactions.png');
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`npm run screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
