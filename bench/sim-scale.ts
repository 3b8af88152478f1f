/**
 * The simulator at scale (issue 3, item 8): `coffer sim --transactions 1000000` in a process of its
 * own, an Item of about a million transactions over two years, drained through /transactions/sync
 * in pages of 500. Reports the simulator's memory (RSS now and peak, from /proc) and page latency
 * (p50/p95 of every page but the first, which builds the history; the first separately), beside
 * an anchor measured the same way in the same run: a bare node:http server in its own process
 * answering with a 500-row page body taken from the simulator, and JSON.stringify of those rows.
 *
 * Then /transactions/recurring/get (what the app asks at the end of every sync), median of 5, beside
 * a warm sync page of the same run.
 *
 * `BENCH_SIM_TRANSACTIONS` changes the size (default 1,000,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { plaidClient } from '../sim/testing';

const TRANSACTIONS = Number(process.env.BENCH_SIM_TRANSACTIONS ?? 1_000_000);
const PAGE = 500;
const CLOCK = '2026-03-15';
const ANCHOR_REQUESTS = 300;
const RECURRING_CALLS = 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Started {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** Starts a node process and waits for the line announcing its URL. */
function startProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const timer = setTimeout(
      () => reject(new Error(`no URL from ${args.join(' ')}: ${output.join('')}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => reject(new Error(`process exited (${code}): ${output.join('')}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** VmRSS and VmHWM (peak) of a process, in MB; null where /proc is not there. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Time from sending the request to having the whole body (the client's parsing is not counted). */
async function timedPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<[number, string]> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  return [ms, text];
}

const ECHO_SERVER = `
const http = require('node:http');
const body = require('node:fs').readFileSync(0);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

async function anchorLatencies(pageBody: string): Promise<number[]> {
  const started = new Promise<Started>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
    const output: string[] = [];
    child.stdout.on('data', (c: Buffer) => {
      output.push(c.toString());
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (match) resolve({ child, url: match[1]!, output });
    });
    child.once('exit', (code) => reject(new Error(`echo server exited (${code})`)));
    child.stdin.end(pageBody);
  });
  const echo = await started;
  try {
    const latencies: number[] = [];
    for (let i = 0; i < ANCHOR_REQUESTS; i++) {
      const [ms] = await timedPost(
        echo.url,
        { 'Content-Type': 'application/json' },
        '{"cursor":"x","count":500}',
      );
      latencies.push(ms);
    }
    return latencies.slice(20);
  } finally {
    await stop(echo.child);
  }
}

export interface SimScaleFigures {
  rows: number;
  /** /transactions/recurring/get after the drain, median. */
  recurringMs: number;
  streams: number;
  /** A warm /transactions/sync page of 500, p50: the anchor. */
  pageP50Ms: number;
}

export async function simScale(transactions = TRANSACTIONS): Promise<SimScaleFigures> {
  const sim = await startProcess([
    'bin/coffer.mjs',
    'sim',
    '--port',
    '0',
    '--clock',
    CLOCK,
    '--transactions',
    String(transactions),
  ]);
  const keys = /client_id=(\S+) secret=(\S+)/.exec(sim.output.join(''));
  const pid = sim.child.pid!;
  try {
    const clientId = keys?.[1] ?? 'coffer-demo-client';
    const secret = keys?.[2] ?? 'coffer-demo-secret';
    const plaid = plaidClient({ url: sim.url, clientId, secret });
    const { data: created } = await plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109508',
      initial_products: ['transactions' as never],
      options: { transactions: { days_requested: 730 } },
    });
    const { data: item } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
    const afterLink = memoryOf(pid);
    const headers = {
      'Content-Type': 'application/json',
      'PLAID-CLIENT-ID': clientId,
      'PLAID-SECRET': secret,
    };
    const syncUrl = `${sim.url}/transactions/sync`;

    const latencies: number[] = [];
    let cursor = '';
    let rows = 0;
    let samplePage = '';
    const drainStarted = performance.now();
    for (;;) {
      const [ms, text] = await timedPost(
        syncUrl,
        headers,
        JSON.stringify({ access_token: item.access_token, cursor, count: PAGE }),
      );
      latencies.push(ms);
      const page = JSON.parse(text) as { added: unknown[]; next_cursor: string; has_more: boolean };
      rows += page.added.length;
      if (latencies.length === 10) samplePage = text;
      cursor = page.next_cursor;
      if (!page.has_more) break;
    }
    const drainMs = performance.now() - drainStarted;
    const afterDrain = memoryOf(pid);

    // What the app asks right after its last page: the streams found in every row of the Item.
    const recurring: number[] = [];
    let streams = 0;
    for (let i = 0; i < RECURRING_CALLS; i++) {
      const [ms, text] = await timedPost(
        `${sim.url}/transactions/recurring/get`,
        headers,
        JSON.stringify({ access_token: item.access_token }),
      );
      recurring.push(ms);
      const body = JSON.parse(text) as { inflow_streams: unknown[]; outflow_streams: unknown[] };
      streams = body.inflow_streams.length + body.outflow_streams.length;
    }

    // One day later: an incremental update (pendings post, tips, clean-ups, new rows).
    await fetch(`${sim.url}/__sim/clock/advance`, { method: 'POST', headers, body: '{"days":1}' });
    const [incrementalMs, incrementalText] = await timedPost(
      syncUrl,
      headers,
      JSON.stringify({ access_token: item.access_token, cursor, count: PAGE }),
    );
    const incremental = JSON.parse(incrementalText) as Record<string, unknown[]>;
    const afterAdvance = memoryOf(pid);

    const anchor = await anchorLatencies(samplePage);
    const sampleRows = (JSON.parse(samplePage) as { added: unknown[] }).added;
    const stringify: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      JSON.stringify(sampleRows);
      stringify.push(performance.now() - started);
    }

    const warm = latencies.slice(1);
    const f = (n: number) => n.toFixed(1);
    const mem = (m: { rss: number; peak: number } | null) => (m ? `rss ${m.rss.toFixed(0)} MB` : 'rss n/a');
    console.log(
      `sim scale\ttarget ${transactions} transactions, ${rows} rows drained in ${latencies.length} pages of ${PAGE} (${f(drainMs / 1000)} s)`,
    );
    console.log(
      `sim memory\tafter link ${mem(afterLink)}\tafter drain ${mem(afterDrain)}\tafter +1 day ${mem(afterAdvance)}\tpeak ${afterAdvance ? afterAdvance.peak.toFixed(0) : 'n/a'} MB`,
    );
    console.log(
      `sim page (${PAGE} rows, ${(samplePage.length / 1024).toFixed(0)} KB)\tours p50 ${f(percentile(warm, 0.5))} ms p95 ${f(percentile(warm, 0.95))} ms\tbare http p50 ${f(percentile(anchor, 0.5))} ms p95 ${f(percentile(anchor, 0.95))} ms\tratio p50 ${(percentile(warm, 0.5) / percentile(anchor, 0.5)).toFixed(2)}\tJSON.stringify p50 ${f(percentile(stringify, 0.5))} ms`,
    );
    console.log(
      `sim first page (builds the history)\t${f(latencies[0]!)} ms\tincremental page after +1 day\t${f(incrementalMs)} ms (${incremental.added?.length ?? 0} added, ${incremental.modified?.length ?? 0} modified, ${incremental.removed?.length ?? 0} removed)`,
    );
    const rec = percentile(recurring, 0.5);
    console.log(
      `sim /transactions/recurring/get (${rows} rows, ${streams} streams)\tours median of ${RECURRING_CALLS} ${f(rec)} ms (first ${f(recurring[0]!)} ms)\ttarget ≤ 500 ms\tanchor: a warm /transactions/sync page p50 ${f(percentile(warm, 0.5))} ms\tratio ${(rec / percentile(warm, 0.5)).toFixed(1)}`,
    );
    return { recurringMs: rec, streams, rows, pageP50Ms: percentile(warm, 0.5) };
  } finally {
    await stop(sim.child);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await simScale();
