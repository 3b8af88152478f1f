/**
 * The window's accessibility tree, view by view, in demo mode with one linked bank: what a screen
 * reader (and a user) meets on each view, compared with the committed snapshots in
 * `a11y-snapshots/<view>.aria` (Playwright's aria-snapshot YAML, named so that Prettier leaves it
 * as recorded). Restructuring the renderer must leave every one of them identical. The simulator's
 * clock is frozen and its seed fixed, so the data is the same on every run; what still varies (ages
 * of a sync, the run's data dir, today's date) is normalised before comparing.
 * `COFFER_UPDATE_A11Y_SNAPSHOTS=1` rewrites the files instead of comparing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTestKeyring } from '../support/keyring';
import { launchChromium, linkFirstPlatypus, LONG, waitUntil } from './support/browser';
import { coffersWithKeys, type Running } from './support/processes';

const SNAPSHOT_DIR = fileURLToPath(new URL('./a11y-snapshots/', import.meta.url));
const UPDATE = process.env.COFFER_UPDATE_A11Y_SNAPSHOTS === '1';
const SIM_CLOCK = '2026-06-15';
const secret = `e2e-secret-${randomBytes(12).toString('hex')}`;
const clientId = `e2e-client-${randomBytes(6).toString('hex')}`;

let dataDir: string;
let browser: Browser;
let page: Page;
const processes: Running[] = [];
const start = coffersWithKeys({ clientId, secret }, processes);

const DATED_ROW = /^(\s*)- row "([A-Z][a-z]{2} \d{1,2}, \d{4}) /;

/** A dated table row's block: its `- row "…":` line and the deeper-indented lines under it. */
interface RowBlock {
  date: string;
  text: string;
}

/**
 * Rows of the same day come in id order, which is random per run (the ledger's ids are), and the
 * virtualized list shows a fixed number of rows, so its last day may be cut anywhere. Within each
 * run of sibling dated rows: each day's rows sorted by their text, and the last day left out.
 */
function stableDatedRows(snapshot: string): string {
  const lines = snapshot.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const head = DATED_ROW.exec(lines[i]);
    if (!head) {
      out.push(lines[i++]);
      continue;
    }
    const indent = head[1].length;
    const blocks: RowBlock[] = [];
    for (
      let row: RegExpExecArray | null = head;
      row && row[1].length === indent;
      row = DATED_ROW.exec(lines[i] ?? '')
    ) {
      const block = [lines[i++]];
      while (i < lines.length && lines[i].search(/\S/) > indent) block.push(lines[i++]);
      blocks.push({ date: row[2], text: block.join('\n') });
    }
    const lastDay = blocks[blocks.length - 1].date;
    const kept = blocks.filter((b) => b.date !== lastDay);
    const dayOrder = [...new Set(kept.map((b) => b.date))];
    const day = (b: RowBlock) => dayOrder.indexOf(b.date);
    kept.sort((a, b) => day(a) - day(b) || a.text.localeCompare(b.text));
    out.push(...kept.map((b) => b.text));
  }
  return out.join('\n');
}

/**
 * The dashboard's recent transactions are the newest few rows, and rows of one day come in id
 * order, which is random per run: the list's items are kept as a count.
 */
function stableRecentTile(snapshot: string): string {
  const lines = snapshot.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!);
    const region = /^(\s*)- region "Recent transactions":$/.exec(lines[i]!);
    if (!region) continue;
    let items = 0;
    let listIndent: string | null = null;
    while (i + 1 < lines.length && lines[i + 1]!.startsWith(`${region[1]}  `)) {
      const next = lines[++i]!;
      if (/^\s*- listitem\b/.test(next)) items++;
      else if (/^\s*- list:$/.test(next)) listIndent = next;
      else out.push(next);
    }
    if (listIndent !== null) out.push(`${listIndent} <${items} rows>`);
  }
  return out.join('\n');
}

/** Run-to-run noise out of a snapshot: sync ages, the scratch data dir, the real date and time. */
function normalise(snapshot: string): string {
  const today = new Date().toISOString().slice(0, 10);
  return (
    stableRecentTile(stableDatedRows(snapshot))
      .replace(/updated (just now|\d+ (minute|hour|day)s? ago)/g, 'updated <age>')
      .replaceAll(dataDir, '<data-dir>')
      .replaceAll(today, '<today>')
      .replace(/<today>-\d{4}\b/g, '<today>-<hhmm>')
      // Net worth and exports follow the real calendar, not the simulator's frozen clock.
      .replace(/(- paragraph: \S+) \S+ since [A-Z][a-z]{2} \d{1,2}, \d{4}/g, '$1 <change> since <a year ago>')
      .replace(/Numbers as a table \(\d+ days\)/g, 'Numbers as a table (<days> days)')
      .replace(/no history before [A-Z][a-z]{2} \d{1,2}, \d{4}/g, 'no history before <first snapshot>')
      .replace(/"Year": "\d{4}"/g, '"Year": "<last year>"')
      .replace(/coffer-transactions-\d{4}\.csv/g, 'coffer-transactions-<last year>.csv')
      // Settings' webhook relay: demo's relay listens on a random port and is polled in the background.
      .replace(/http:\/\/127\.0\.0\.1:\d+\/hooks\/[\w-]+/g, '<demo relay URL>')
      .replace(
        /(Demo relay on this computer|Relay): [^"\n]*received[^"\n]*/g,
        '$1: <state and webhook count>',
      )
  );
}

/** The main region's tree once two reads a moment apart agree (lists and charts settle first). */
async function settledSnapshot(): Promise<string> {
  const main = page.getByRole('main');
  let last = '';
  let current = await main.ariaSnapshot({ timeout: LONG });
  await waitUntil('the view to settle', async () => {
    await page.waitForTimeout(400);
    last = current;
    current = await main.ariaSnapshot({ timeout: LONG });
    return current === last && !/Loading…/.test(current);
  });
  return normalise(current);
}

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

beforeAll(async () => {
  requireTestKeyring();
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-a11y-'));
  browser = await launchChromium();
  const sim = start(['sim', '--port', '0', '--seed', '42', '--clock', SIM_CLOCK]);
  const [, simUrl] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, LONG);
  const host = start(['serve', '--port', '0', '--data-dir', dataDir, '--plaid-url', simUrl]);
  const [, hostUrl] = await host.waitFor(
    /Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
    LONG,
  );
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(hostUrl);
  await linkFirstPlatypus(page);
  await waitUntil('the first sync to finish', async () => {
    const status = await page.getByTestId('link-status').first().innerText();
    return /^Linked First Platypus Bank/.test(status);
  });
  // The link's sync goes on in the background (balances, other products); the snapshots are of
  // the app once it is done, whatever finishes drawing first.
  await waitUntil('every sync to finish', async () => (await page.getByText('syncing…').count()) === 0);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('The accessibility tree of each view in demo mode', () => {
  it('matches the committed snapshot for every view the navigation offers', async () => {
    // The tabs above the views, then the links below the app (About).
    const navs = [
      page.getByRole('navigation', { name: 'Views' }),
      page.getByRole('navigation', { name: 'About Coffer' }),
    ];
    const views = [];
    for (const nav of navs) {
      for (const label of await nav.getByRole('button').allInnerTexts()) views.push({ nav, label });
    }
    expect(views.length).toBeGreaterThan(0);
    if (UPDATE) mkdirSync(SNAPSHOT_DIR, { recursive: true });
    for (const { nav, label } of views) {
      await nav.getByRole('button', { name: label, exact: true }).click();
      const snapshot = await settledSnapshot();
      const file = path.join(SNAPSHOT_DIR, `${slug(label)}.aria`);
      if (UPDATE) writeFileSync(file, snapshot + '\n');
      expect(existsSync(file), `${file} (run with COFFER_UPDATE_A11Y_SNAPSHOTS=1 to record it)`).toBe(true);
      expect(snapshot + '\n', `the ${label} view`).toBe(readFileSync(file, 'utf8'));
    }
  }, 300_000);
});
