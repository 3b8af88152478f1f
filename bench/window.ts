/**
 * Issue 18, the window: what a person waits for in Chromium through the browser host, on a ledger
 * of M generated transactions already open in `coffer serve`. Every figure is read from the
 * `coffer:view-ready:<view>` marks the views set once their data is drawn (src/renderer/ui/view-ready.ts):
 *
 * - landing: navigation start → the landing view's mark (the dashboard); the transactions view's first rows: from the click on its tab to its mark;
 *   cold (a fresh browser context: empty cache) and warm (a reload), median of N each;
 * - search as you type at 80 ms a character, for a word a ~1 % and one a ~30 % of rows match:
 *   the last keystroke → the mark of the page for the whole word;
 * - switching: the click on a view's tab → that view's mark, for every view;
 * - scrolling 10,000 rows of the list: frame times (requestAnimationFrame deltas), p95;
 * - the host's resident memory after the scroll.
 *
 * Anchor in the same run: the same 10,000 rows as a static HTML file (the browser's own floor):
 * navigation → drawn, and the same scroll's frame times.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Transaction } from '../src/shared/api';
import { envPaths, ensureDir, readOrCreateLedgerId } from '../src/main/services/paths';
import { ingestInto, linkedItem, startSimProcess } from './transactions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY = 'coffer:view-ready:';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'];

/** A demo data dir holding a ledger of about `rows` generated transactions, synced as the app syncs. */
export async function prepareWindowLedger(rows: number, dir: string): Promise<string> {
  const dataDir = path.join(dir, 'window-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  readOrCreateLedgerId(dataDir);
  const paths = envPaths(dataDir, 'demo');
  ensureDir(paths.dir);
  const sim = await startSimProcess(['--clock', '2025-06-30']);
  try {
    const { accessToken, itemId } = await linkedItem(sim, rows);
    await ingestInto(sim, accessToken, itemId, paths.ledger, null);
  } finally {
    await sim.close();
  }
  return dataDir;
}

interface Host {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stop(): Promise<void>;
}

async function startServe(dataDir: string): Promise<Host> {
  const env = { ...process.env };
  delete env.PLAID_ENV;
  delete env.PLAID_BASE_URL;
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'coffer.mjs'), 'serve', '--port', '0', '--data-dir', dataDir],
    { cwd: root, env },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`coffer serve printed no address:\n${out}\n${err}`)),
      180_000,
    );
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`coffer serve exited (${code}):\n${out}\n${err}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Start time (ms since navigation start) of the newest view-ready mark matching, once there is one after `after`. */
async function waitForMark(
  page: Page,
  options: { view?: string; after?: number; query?: string },
  timeoutMs = 60_000,
): Promise<{ view: string; at: number }> {
  const handle = await page
    .waitForFunction(
      ({ prefix, view, after, query }) => {
        const marks = performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith(prefix))
          .filter((m) => view === null || m.name === prefix + view)
          .filter((m) => m.startTime > after)
          .filter((m) => query === null || (m as PerformanceMark).detail?.query === query);
        const m = marks[0];
        return m ? { view: m.name.slice(prefix.length), at: m.startTime } : null;
      },
      { prefix: READY, view: options.view ?? null, after: options.after ?? -1, query: options.query ?? null },
      { timeout: timeoutMs, polling: 5 },
    )
    .catch((error: unknown) => {
      throw new Error(
        `no view-ready mark ${JSON.stringify(options)} within ${timeoutMs} ms: ${String(error)}`,
      );
    });
  return (await handle.jsonValue()) as { view: string; at: number };
}

/**
 * Opens the transactions view from the navigation (the app lands on the dashboard): ms from the
 * click to the view's first rows.
 */
async function openTransactions(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { navClick: number };
    document.addEventListener('click', (e) => (w.navClick = e.timeStamp), { capture: true, once: true });
  });
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Transactions', exact: true })
    .click();
  const clicked = await page.evaluate(() => (window as unknown as { navClick: number }).navClick);
  return (await waitForMark(page, { view: 'transactions', after: clicked })).at - clicked;
}

async function clearSearch(page: Page): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search transactions' });
  if ((await box.inputValue()) === '') return;
  await page.evaluate(() => performance.clearMarks());
  await box.fill('');
  await waitForMark(page, { view: 'transactions', query: '' });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}

/** Frame times while scrolling `selector` down by `rows` rows of `rowHeight` px, a step a frame. */
async function scrollFrames(
  page: Page,
  selector: string,
  rows: number,
  rowHeight: number,
): Promise<number[]> {
  return page.evaluate(
    async ({ selector, target, step }) => {
      const el = document.querySelector(selector) as HTMLElement;
      const deltas: number[] = [];
      let last = await new Promise<number>((r) => requestAnimationFrame(r));
      let stuck = 0;
      // Stops at the target, or at the end of the list (no progress for two seconds: no more rows).
      while (el.scrollTop < target && stuck < 120) {
        const before = el.scrollTop;
        el.scrollTop = Math.min(el.scrollTop + step, target);
        const now = await new Promise<number>((r) => requestAnimationFrame(r));
        deltas.push(now - last);
        last = now;
        stuck = el.scrollTop === before ? stuck + 1 : 0;
      }
      deltas.splice(deltas.length - stuck);
      return deltas;
    },
    // 20 rows a frame: 10,000 rows in 500 frames, fast enough to outrun a page fetch now and then.
    { selector, target: rows * rowHeight, step: 20 * rowHeight },
  );
}

/** The anchor: the same rows, laid out as the list lays them out, in a static page. */
function staticPage(rows: Transaction[], file: string): void {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = rows
    .map(
      (t) =>
        `<div class="r"><span>${t.date}</span><span>${esc(t.merchantName ?? t.name)}</span><span>${esc(
          t.accountName,
        )}</span><span>${esc(t.categoryPrimary ?? '')}</span><span>${(t.amountMinor / 100).toFixed(2)}</span></div>`,
    )
    .join('\n');
  fs.writeFileSync(
    file,
    `<!doctype html><html><head><meta charset="utf-8"><style>
#s{height:100vh;overflow:auto}.r{height:52px;display:grid;grid-template-columns:7em 1fr 12em 12em 8em;align-items:center;border-bottom:1px solid #ddd;font:14px system-ui}
</style></head><body><div id="s">${body}</div>
<script>requestAnimationFrame(() => setTimeout(() => performance.mark('static-ready')));</script></body></html>`,
  );
}

export interface WindowFigures {
  rows: number;
  repeat: number;
  landingView: string;
  landingColdMs: number;
  landingWarmMs: number;
  transactionsColdMs: number;
  transactionsWarmMs: number;
  /** The same rows from a static HTML file: navigation → drawn (a frame after the parse, as the views' marks). */
  staticFirstPaintMs: number;
  search: { word: string; matches: number; ms: number }[];
  /** Click → the view's mark, median per view. */
  switchMs: Record<string, number>;
  scrollP95Ms: number;
  scrollFrames: number;
  staticScrollP95Ms: number;
  hostRssMb: number;
}

async function hostApi<T>(url: string, name: string, req: unknown): Promise<T> {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${u.hash.replace('#token=', '')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(req),
  });
  const envelope = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return envelope.result;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Views reachable from the navigation, by their buttons' names. */
async function navButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('nav button')].map((b) => (b.textContent ?? '').trim()).filter(Boolean),
  );
}

export async function measureWindow(
  dataDir: string,
  repeat: number,
  words: string[],
  scrollRows: number,
): Promise<WindowFigures> {
  const host = await startServe(dataDir);
  let browser: Browser | null = null;
  const dir = fs.mkdtempSync(path.join(path.dirname(dataDir), 'window-static-'));
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const viewport = { width: 1280, height: 900 };

    // Cold: a fresh context each time (no cache, no session storage).
    const cold = { landing: [] as number[], transactions: [] as number[], view: '' };
    for (let i = 0; i < repeat; i++) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(host.url);
      const first = await waitForMark(page, {});
      cold.landing.push(first.at);
      cold.view = first.view;
      cold.transactions.push(first.view === 'transactions' ? first.at : await openTransactions(page));
      await context.close();
    }

    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(host.url);
    await waitForMark(page, {});
    const warm = { landing: [] as number[], transactions: [] as number[] };
    for (let i = 0; i < repeat; i++) {
      await page.reload();
      const landing = await waitForMark(page, {});
      warm.landing.push(landing.at);
      warm.transactions.push(landing.view === 'transactions' ? landing.at : await openTransactions(page));
    }

    // Search as you type: the time of the last keydown, then the mark of the whole word's page.
    await page.evaluate(() => {
      const w = window as unknown as { lastKey: number };
      document.addEventListener('keydown', (e) => (w.lastKey = e.timeStamp), true);
    });
    const box = page.getByRole('searchbox', { name: 'Search transactions' });
    const search: WindowFigures['search'] = [];
    for (const word of words) {
      const times: number[] = [];
      let matches = 0;
      for (let i = 0; i < repeat; i++) {
        await clearSearch(page);
        await page.evaluate(() => performance.clearMarks());
        await box.pressSequentially(word, { delay: 80 });
        const mark = await waitForMark(page, { view: 'transactions', query: word });
        const lastKey = await page.evaluate(() => (window as unknown as { lastKey: number }).lastKey);
        times.push(mark.at - lastKey);
      }
      matches = (await hostApi<{ count: number }>(host.url, 'transactions.summary', { query: word })).count;
      search.push({ word, matches, ms: median(times) });
    }
    await clearSearch(page);

    // Switching: click each view's button, to its mark.
    await page.evaluate(() => {
      const w = window as unknown as { lastClick: number };
      document.addEventListener('click', (e) => (w.lastClick = e.timeStamp), true);
    });
    const labels = await navButtons(page);
    const perView: Record<string, number[]> = {};
    for (let round = 0; round < repeat; round++) {
      // The list is shown at the start of a round: every other view, then back to it.
      for (const label of [...labels.filter((l) => l !== 'Transactions'), 'Transactions']) {
        await page.evaluate(() => performance.clearMarks());
        await page.getByRole('button', { name: label, exact: true }).first().click();
        const clicked = await page.evaluate(() => (window as unknown as { lastClick: number }).lastClick);
        const mark = await waitForMark(page, { after: clicked }, 30_000).catch((error: unknown) => {
          throw new Error(`no view-ready mark after clicking '${label}': ${String(error)}`);
        });
        (perView[mark.view] ??= []).push(mark.at - clicked);
      }
    }
    const switchMs = Object.fromEntries(Object.entries(perView).map(([v, t]) => [v, median(t)]));

    // Scrolling the list (the switching above ended on it), then the host's memory with those rows read.
    await page.locator('[data-testid="transaction-row"]').first().waitFor();
    const frames = await scrollFrames(page, '[data-testid="transactions"]', scrollRows, 52);
    const hostRssMb = host.child.pid ? rssMb(host.child.pid) : NaN;

    // The anchor: the same rows from a static file.
    const rows: Transaction[] = [];
    let after: string | null = null;
    while (rows.length < scrollRows) {
      const pageOf: { transactions: Transaction[]; next: string | null } = await hostApi(
        host.url,
        'transactions.list',
        { limit: 1000, after, includeTotal: false },
      );
      rows.push(...pageOf.transactions);
      if (!pageOf.next) break;
      after = pageOf.next;
    }
    const file = path.join(dir, 'rows.html');
    staticPage(rows.slice(0, scrollRows), file);
    const paints: number[] = [];
    let staticFrames: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const staticContext = await browser.newContext({ viewport });
      const staticView = await staticContext.newPage();
      await staticView.goto(pathToFileURL(file).href);
      const ready = await staticView.waitForFunction(
        () => performance.getEntriesByName('static-ready')[0]?.startTime ?? null,
      );
      paints.push((await ready.jsonValue()) as number);
      if (i === 0) staticFrames = await scrollFrames(staticView, '#s', Math.min(scrollRows, rows.length), 52);
      await staticContext.close();
    }

    return {
      rows: (await hostApi<{ count: number }>(host.url, 'transactions.summary', {})).count,
      repeat,
      landingView: cold.view,
      landingColdMs: median(cold.landing),
      landingWarmMs: median(warm.landing),
      transactionsColdMs: median(cold.transactions),
      transactionsWarmMs: median(warm.transactions),
      staticFirstPaintMs: median(paints),
      search,
      switchMs,
      scrollP95Ms: p95(frames),
      scrollFrames: frames.length,
      staticScrollP95Ms: p95(staticFrames),
      hostRssMb,
    };
  } finally {
    await browser?.close();
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;

export function formatWindow(f: WindowFigures): string[] {
  return [
    `window over ${f.rows} transactions, median of ${f.repeat}:`,
    `landing (${f.landingView}) ready\tcold ${ms(f.landingColdMs)}\twarm ${ms(f.landingWarmMs)}\ttarget ≤ 300 ms\tstatic HTML of the rows drawn ${ms(f.staticFirstPaintMs)}`,
    `transactions first rows\tcold ${ms(f.transactionsColdMs)}\twarm ${ms(f.transactionsWarmMs)}\ttarget ≤ 300 ms`,
    ...f.search.map(
      (s) => `search '${s.word}' (${s.matches} matches), last keystroke → page\t${ms(s.ms)}\ttarget ≤ 100 ms`,
    ),
    ...Object.entries(f.switchMs).map(([v, t]) => `switch to ${v}\t${ms(t)}\ttarget ≤ 200 ms`),
    `scroll ${f.scrollFrames} frames, frame time p95\t${f.scrollP95Ms.toFixed(1)} ms\tstatic HTML ${f.staticScrollP95Ms.toFixed(1)} ms\ttarget ≤ 16.7 ms`,
    `host RSS after the scroll\t${Math.round(f.hostRssMb)} MB\ttarget ≤ 300 MB`,
  ];
}

export async function runWindowBench(): Promise<void> {
  const rows = Number(process.env.BENCH_WINDOW_ROWS ?? 1_000_000);
  const repeat = Number(process.env.BENCH_REPEAT ?? 5);
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'coffer-bench-window-'));
  try {
    // A ledger built before (BENCH_WINDOW_DATA_DIR) saves the ~minutes a million-row sync takes.
    const dataDir = process.env.BENCH_WINDOW_DATA_DIR ?? (await prepareWindowLedger(rows, dir));
    const f = await measureWindow(dataDir, repeat, ['uniqlo', 'coffee'], 10_000);
    for (const line of formatWindow(f)) console.log(line);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]))
  await runWindowBench();
