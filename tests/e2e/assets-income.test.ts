/**
 * Issue 16's end-to-end acceptance for Asset Reports in the browser host against a separately
 * started `coffer sim`: an Item linked without Assets gets them through update mode from the
 * Asset Reports view, a report is created and becomes ready, its accounts and owners show, and
 * its PDF downloads, renders (pdftoppm, page 1 to PNG) and names the report's owner.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishUpdateModeLink, linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { e2eHarness } from './support/harness';
import { clickView } from './support/shell';

const e2e = e2eHarness('assets');
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-assets-out-'));
});
afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('Asset Reports in the browser host', () => {
  it(
    'adds Assets to an Item that lacked it, creates a report, shows its owners and downloads a PDF that renders',
    { timeout: 6 * LONG },
    async () => {
      const { url: simUrl } = await e2e.sim(7);
      const { url } = await e2e.serve(simUrl);
      const page = await e2e.browser.newPage({ acceptDownloads: true });
      await page.goto(url);
      await linkFirstPlatypus(page);

      await clickView(page, 'Asset Reports');
      await page.getByRole('button', { name: 'Add Assets to First Platypus Bank' }).click();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await finishUpdateModeLink(page);

      const bank = page.getByRole('checkbox', { name: 'First Platypus Bank' });
      await bank.waitFor({ timeout: LONG });
      await bank.check();
      await page.getByRole('button', { name: 'Create Asset Report' }).click();
      const reports = page.getByRole('table', { name: 'Asset Reports' });
      await waitUntil('the report to be ready', async () => {
        if (await reports.getByText('Ready', { exact: true }).isVisible()) return true;
        const again = reports.getByRole('button', { name: 'Check again' });
        if (await again.isVisible()) await again.click();
        return false;
      });

      await reports.getByRole('button', { name: 'View' }).click();
      const accounts = page.getByRole('table', { name: 'Accounts at First Platypus Bank' });
      await accounts.waitFor({ timeout: LONG });
      const checking = accounts.getByRole('row').filter({ hasText: 'checking' }).first();
      const owner = (await checking.getByRole('cell').nth(4).textContent())!.split(',')[0]!.trim();
      expect(owner).toMatch(/\w+ \w+/);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        reports.getByRole('button', { name: 'Download PDF' }).click(),
      ]);
      const pdf = path.join(outDir, download.suggestedFilename());
      await download.saveAs(pdf);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      execFileSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-r', '50', pdf, path.join(outDir, 'page')]);
      const png = path.join(outDir, 'page-1.png');
      expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(statSync(png).size).toBeGreaterThan(1000);
      expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(owner);
    },
  );
});
