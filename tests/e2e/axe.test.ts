/**
 * Issue 17's accessibility check: axe (WCAG 2 A and AA rules) over every view of the view registry
 * in both themes, in demo mode with one linked bank, and over the command palette and the
 * shortcut sheet. A serious or critical violation fails the test, with the rule, its help and the
 * elements it found. The views come from app/views.ts, so a view is checked as soon as it registers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/renderer/app/views';
import { requireTestKeyring } from '../support/keyring';
import { launchChromium, linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { coffersWithKeys, type Running } from './support/processes';
import { currentView, runCommand } from './support/shell';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const secret = `e2e-secret-${randomBytes(12).toString('hex')}`;
const clientId = `e2e-client-${randomBytes(6).toString('hex')}`;

let dataDir: string;
let browser: Browser;
let page: Page;
const processes: Running[] = [];
const start = coffersWithKeys({ clientId, secret }, processes);

/** Serious and critical violations on the page as it is, one line per rule with its elements. */
async function seriousViolations(): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`,
          )
          .join('; ')}`,
    );
}

/** The view once its loading lines are gone (lists and charts settled). */
async function settled(): Promise<void> {
  await waitUntil('the view to load', async () => !/Loading…/.test(await page.getByRole('main').innerText()));
  await page.waitForTimeout(300);
}

beforeAll(async () => {
  requireTestKeyring();
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-axe-'));
  browser = await launchChromium();
  const sim = start(['sim', '--port', '0', '--seed', '42']);
  const [, simUrl] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, LONG);
  const host = start(['serve', '--port', '0', '--data-dir', dataDir, '--plaid-url', simUrl]);
  const [, hostUrl] = await host.waitFor(
    /Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
    LONG,
  );
  // axe runs in every frame of a context it may open pages in.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await page.goto(hostUrl);
  await linkFirstPlatypus(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('axe over every registered view', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(
      `finds no serious or critical WCAG 2 A/AA violation in the ${theme} theme`,
      { timeout: 5 * LONG },
      async () => {
        await runCommand(page, `theme.${theme}`);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        const found: string[] = [];
        for (const view of VIEWS) {
          await page.locator(`nav [data-view-id="${view.id}"]`).click();
          await waitUntil(`${view.id} to show`, async () => (await currentView(page)) === view.id);
          await settled();
          for (const line of await seriousViolations()) found.push(`${view.id}: ${line}`);
        }
        await page.keyboard.press('Control+k');
        await page.getByTestId('command-palette').waitFor({ timeout: LONG });
        for (const line of await seriousViolations()) found.push(`command palette: ${line}`);
        await page.keyboard.press('Escape');
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('?');
        await page.getByTestId('help-sheet').waitFor({ timeout: LONG });
        for (const line of await seriousViolations()) found.push(`help sheet: ${line}`);
        await page.keyboard.press('Escape');
        expect(found, found.join('\n')).toEqual([]);
      },
    );
  }

  it('shows a visible focus ring on the control the keyboard reached', { timeout: LONG }, async () => {
    await page.locator('nav [data-view-id="dashboard"]').click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });
});
