/**
 * The Export view end to end in the browser host (`coffer serve` in demo with its embedded
 * simulator): the transactions CSV for the demo year is a browser download (the tab never names a
 * path), the export's progress is shown, and the downloaded file holds the year's rows as the
 * ledger counts them (read through the API).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTestKeyring } from '../support/keyring';
import { hostApi, launchChromium, linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { startCoffer, type Running } from './support/processes';

let dataDir: string;
let outDir: string;
let browser: Browser;
let page: Page;
let api: ReturnType<typeof hostApi>;
let host: Running;

beforeAll(async () => {
  requireTestKeyring();
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-exports-'));
  outDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-export-out-'));
  browser = await launchChromium();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PLAID_ENV', 'PLAID_BASE_URL', 'PLAID_CLIENT_ID', 'PLAID_SECRET']) delete env[name];
  host = startCoffer(['serve', '--port', '0', '--data-dir', dataDir], env);
  const [, url] = await host.waitFor(/Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/, LONG);
  api = hostApi(url);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await linkFirstPlatypus(page);
  await waitUntil('the first sync to fill the ledger', async () => {
    const s = await api<{ count: number }>('transactions.summary', {});
    return s.count > 0;
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  for (const dir of [dataDir, outDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Export view (browser host)', () => {
  it("writes the demo year's transactions CSV with its progress shown", { timeout: 180_000 }, async () => {
    const { transactions } = await api<{ transactions: { date: string }[] }>('transactions.list', {
      limit: 1,
    });
    const year = Number(transactions[0].date.slice(0, 4)) - 1;
    const expected = await api<{ count: number }>('transactions.summary', {
      dateFrom: `${year}-01-01`,
      dateTo: `${year}-12-31`,
    });
    expect(expected.count).toBeGreaterThan(100);

    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Export', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Export', exact: true }).waitFor({ timeout: LONG });
    const form = page.getByRole('form', { name: 'Export' });
    await form.getByLabel('What').selectOption('transactions');
    await form.getByRole('textbox', { name: 'Year' }).fill(String(year));
    expect(await form.getByRole('textbox', { name: /path/i }).count()).toBe(0);
    const downloading = page.waitForEvent('download', { timeout: LONG });
    await form.getByRole('button', { name: 'Download', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`coffer-transactions-${year}.csv`);
    const file = path.join(outDir, download.suggestedFilename());
    await download.saveAs(file);

    const result = page.getByTestId('export-result');
    await result.waitFor({ timeout: LONG });
    const progress = page.getByTestId('export-progress');
    expect(await progress.getAttribute('data-total')).toBe(await progress.getAttribute('data-rows'));
    expect(await page.getByRole('progressbar', { name: 'Export progress' }).isVisible()).toBe(true);
    expect(await result.getAttribute('data-name')).toBe(`coffer-transactions-${year}.csv`);

    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const parts = rows.filter((r) => r['split group'] !== '').length;
    expect(rows.length - parts + new Set(rows.map((r) => r['split group']).filter(Boolean)).size).toBe(
      expected.count,
    );
    expect(rows.every((r) => r.date.startsWith(`${year}-`))).toBe(true);
    expect(Number(await result.getAttribute('data-rows'))).toBe(rows.length);

    // A year with no data: refused in one sentence, nothing downloaded.
    await form.getByRole('textbox', { name: 'Year' }).fill('1999');
    await form.getByRole('button', { name: 'Download', exact: true }).click();
    await page.getByTestId('export-error').waitFor({ timeout: LONG });
    expect(await page.getByTestId('export-error').getAttribute('data-code')).toBe('NOTHING_TO_EXPORT');
    expect(await page.getByTestId('export-error').textContent()).toBe(
      'There are no transactions in 1999 for this choice.',
    );
    expect(readdirSync(outDir)).toEqual([`coffer-transactions-${year}.csv`]);
  });
});
