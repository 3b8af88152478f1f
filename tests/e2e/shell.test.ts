/**
 * Issue 17's shell end to end in the browser host against a separately started `coffer sim`: after
 * linking the demo bank the app opens on a filled dashboard whose tiles open their views; the
 * command palette reaches every registered view in three keys and runs "Sync now"; the shortcuts
 * and the help sheet work; and the theme chosen survives a restart of the host on the same data dir.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/renderer/app/views';
import { requireTestKeyring } from '../support/keyring';
import { hostApi, launchChromium, linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { coffersWithKeys, type Running } from './support/processes';
import { currentView, runCommand } from './support/shell';

const secret = `e2e-secret-${randomBytes(12).toString('hex')}`;
const clientId = `e2e-client-${randomBytes(6).toString('hex')}`;
const HOST_URL = /Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;

let dataDir: string;
let browser: Browser;
let page: Page;
let simUrl: string;
let host: Running;
let hostUrl: string;
const processes: Running[] = [];
const start = coffersWithKeys({ clientId, secret }, processes);

async function startHost(): Promise<string> {
  host = start(['serve', '--port', '0', '--data-dir', dataDir, '--plaid-url', simUrl]);
  hostUrl = (await host.waitFor(HOST_URL, LONG))[1]!;
  return hostUrl;
}

beforeAll(async () => {
  requireTestKeyring();
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-shell-'));
  browser = await launchChromium();
  const sim = start(['sim', '--port', '0', '--seed', '7']);
  simUrl = (await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, LONG))[1]!;
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  await page.goto(await startHost());
  // Liabilities too, so the card and loan due dates have something to show.
  const choice = page.getByTestId('product-choice').first();
  await choice.locator('summary').click();
  await choice.getByRole('checkbox', { name: /^Liabilities/ }).check();
  await linkFirstPlatypus(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('the shell in the browser host', () => {
  it(
    'opens on the dashboard with every tile filled, each opening its view',
    { timeout: 3 * LONG },
    async () => {
      expect(await currentView(page)).toBe('dashboard');
      const filled = async (tile: string, item: string) =>
        (await page.getByTestId(`tile-${tile}`).locator(item).count()) > 0;
      await waitUntil(
        'the tiles to fill',
        async () =>
          (
            await Promise.all([
              filled('net-worth', '[data-testid=tile-net-worth-amount]'),
              filled('spending', '[data-testid=tile-spending-now]'),
              filled('bills', 'li'),
              filled('due-dates', 'li'),
              filled('recent', '[data-testid=tile-recent-row]'),
            ])
          ).every(Boolean),
        LONG,
      ).catch(async (error: Error) => {
        throw new Error(
          `${error.message}; the dashboard shows:\n${await page.getByTestId('dashboard').innerText()}`,
        );
      });
      expect(await page.getByTestId('tile-net-worth-amount').first().innerText()).toMatch(/\$[\d,]+\.\d\d/);
      expect(await page.getByTestId('tile-last-sync').innerText()).toMatch(/^Last sync: /);
      expect(await page.getByTestId('tile-attention').innerText()).toContain('Every connection is working.');
      // The perf benchmarks read this mark: the dashboard's data is on screen.
      const marks = await page.evaluate(
        () => performance.getEntriesByName('coffer:view-ready:dashboard').length,
      );
      expect(marks).toBeGreaterThan(0);

      const opens: Record<string, string> = {
        'net-worth': 'net-worth',
        spending: 'spending',
        bills: 'recurring',
        'due-dates': 'upcoming-payments',
        recent: 'transactions',
        sync: 'settings',
      };
      for (const [tile, view] of Object.entries(opens)) {
        await page
          .getByTestId(`tile-${tile}`)
          .getByRole('button', { name: /^Open / })
          .click();
        expect(await currentView(page), tile).toBe(view);
        await page.keyboard.press('1');
        await waitUntil('the dashboard again', async () => (await currentView(page)) === 'dashboard');
      }
    },
  );

  it(
    'reaches every registered view from the palette in three keys, and runs "Sync now"',
    { timeout: 3 * LONG },
    async () => {
      for (const view of VIEWS) {
        const code = await runCommand(page, `view.${view.id}`);
        expect(code).toHaveLength(2);
        expect(await currentView(page)).toBe(view.id);
      }
      const status = page.getByTestId('sync-status');
      await runCommand(page, 'sync.now');
      await waitUntil('the sync to finish', async () =>
        /status-success/.test((await status.getAttribute('class')) ?? ''),
      );
      expect(await status.innerText()).not.toBe('');
    },
  );

  it(
    'searches with "/", lists the shortcuts with "?", and closes the sheet with Escape',
    { timeout: LONG },
    async () => {
      await page.keyboard.press('1');
      await page.keyboard.press('/');
      await waitUntil('the search box to take the focus', () =>
        page
          .getByRole('searchbox', { name: 'Search transactions' })
          .evaluate((el) => el === document.activeElement),
      );
      expect(await currentView(page)).toBe('transactions');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('?');
      const sheet = page.getByTestId('help-sheet');
      await sheet.waitFor({ timeout: LONG });
      expect(await sheet.getByTestId('shortcut').count()).toBeGreaterThanOrEqual(5);
      expect(await sheet.innerText()).toContain('Sync now');
      await page.keyboard.press('Escape');
      await waitUntil('the sheet to close', async () => (await sheet.count()) === 0);
    },
  );

  it(
    'keeps the chosen theme across a restart of the host on the same data dir',
    { timeout: 3 * LONG },
    async () => {
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
      await runCommand(page, 'theme.dark');
      expect(await theme()).toBe('dark');
      // The window shows it at once and saves it on the way: stop the host once it is saved.
      await waitUntil(
        'the theme to be saved',
        async () => (await hostApi(hostUrl)<{ theme: string }>('preferences.get')).theme === 'dark',
      );
      await host.stop();
      await page.goto(await startHost());
      await waitUntil('the saved theme to show', async () => (await theme()) === 'dark');
      await runCommand(page, 'theme.light');
      expect(await theme()).toBe('light');
    },
  );
});
