/**
 * Issue 18, the command line: how long a person waits for `coffer --help` and for
 * `coffer transactions --limit 20` on a ledger of M rows (from the simulator's generator, synced as
 * the app syncs, encrypted, its key in the keychain, in sandbox with no Plaid keys set). Each is a
 * fresh process, as typed in a shell; median of N. Anchors in the same run: a bare `node -e 0`
 * (the floor of any Node CLI) and the `sqlite3` shell running the same page query on an
 * unencrypted copy of the same ledger.
 *
 * Needs the keychain (a D-Bus session with an unlocked Secret Service), as the app does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { ledgerKeyPurpose } from '../src/main/services/secrets/store';
import { openKeychain } from '../src/main/services/secrets/keychain';
import { envPaths, ensureDir, readOrCreateLedgerId } from '../src/main/services/paths';
import { newLedgerKey, openLedgerFile, rekeyDatabase } from '../src/main/services/ledger/ledger-file';
import { benchDir, ingestInto, linkedItem, startSimProcess } from './transactions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coffer = path.join(root, 'bin', 'coffer.mjs');

/** The page `coffer transactions` prints, as the sqlite3 shell would ask for it. */
export const ANCHOR_QUERY = `SELECT t.transaction_id, t.date, a.name, t.name, t.amount_minor, t.currency, t.pending,
  t.category_primary FROM transactions t JOIN accounts a ON a.account_id = t.account_id
  ORDER BY t.date DESC, t.transaction_id DESC LIMIT 20;`;

export interface CliLedger {
  dataDir: string;
  rows: number;
  /** The same ledger, unencrypted, for the sqlite3 anchor. */
  plainCopy: string;
}

/** A sandbox data dir holding an encrypted ledger of about `rows` generated transactions. */
export async function prepareCliLedger(rows: number, dir: string): Promise<CliLedger> {
  const dataDir = path.join(dir, 'cli-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const ledgerId = readOrCreateLedgerId(dataDir);
  const paths = envPaths(dataDir, 'sandbox');
  ensureDir(paths.dir);
  const key = newLedgerKey();
  const keychain = await openKeychain(ledgerId);
  if (!keychain.status.available) throw new Error(`bench/cli needs the keychain: ${keychain.status.message}`);
  await keychain.store.set(ledgerKeyPurpose('sandbox'), key.toString('hex'));

  const sim = await startSimProcess(['--clock', '2025-06-30']);
  let added: number;
  try {
    const { accessToken, itemId } = await linkedItem(sim, rows);
    ({ added } = await ingestInto(sim, accessToken, itemId, paths.ledger, key));
  } finally {
    await sim.close();
  }

  const plainCopy = path.join(dir, 'cli-plain.sqlite');
  fs.rmSync(plainCopy, { force: true });
  const db = openLedgerFile(paths.ledger, key);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  fs.copyFileSync(paths.ledger, plainCopy);
  const copy = openLedgerFile(plainCopy, key);
  try {
    copy.pragma('journal_mode = DELETE');
    rekeyDatabase(copy, null);
  } finally {
    copy.close();
  }
  // Unencrypted now: plain SQLite (the sqlite3 shell's own library) must read it.
  new Database(plainCopy, { readonly: true }).close();
  return { dataDir, rows: added, plainCopy };
}

export interface CliFigures {
  rows: number;
  repeat: number;
  /** `node -e 0`: what any Node command line costs before its first line of code. */
  nodeMs: number;
  helpMs: number;
  transactionsMs: number;
  /** The same two commands run from the TypeScript sources (what every start cost before the bundle). */
  helpFromSourcesMs: number;
  transactionsFromSourcesMs: number;
  /** `sqlite3 <unencrypted copy> '<the same page>'`. */
  sqlite3Ms: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time of a fresh process, median of `repeat`; its output is checked so a failure is not timed. */
function wall(
  command: string,
  args: string[],
  repeat: number,
  check: (stdout: string) => boolean,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    times.push(performance.now() - started);
    if (result.status !== 0 || !check(result.stdout)) {
      throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`);
    }
  }
  return median(times);
}

/** Builds the CLI bundle from the current sources, as `npm ci` does, so the timed runs use it. */
export function buildCliBundle(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building the CLI bundle failed: ${result.stderr}`);
}

export function measureCli(ledger: CliLedger, repeat: number): CliFigures {
  buildCliBundle();
  // No Plaid keys anywhere: listing the ledger must not need them.
  const env: NodeJS.ProcessEnv = { ...process.env, COFFER_CLI_FROM_SOURCES: '0' };
  delete env.PLAID_CLIENT_ID;
  delete env.PLAID_SECRET;
  delete env.PLAID_ENV;
  const sources = { ...env, COFFER_CLI_FROM_SOURCES: '1' };
  const list = ['transactions', '--limit', '20', '--plaid-env', 'sandbox', '--data-dir', ledger.dataDir];
  const twentyLines = (out: string) => out.trim().split('\n').length === 20;
  const usage = (out: string) => out.startsWith('Usage: coffer');
  const timed = (e: NodeJS.ProcessEnv) => ({
    help: wall(process.execPath, [coffer, '--help'], repeat, usage, e),
    list: wall(process.execPath, [coffer, ...list], repeat, twentyLines, e),
  });
  const nodeMs = wall(process.execPath, ['-e', '0'], repeat, () => true);
  const bundled = timed(env);
  const fromSources = timed(sources);
  const sqlite3Ms = wall('sqlite3', [ledger.plainCopy, ANCHOR_QUERY], repeat, twentyLines);
  return {
    rows: ledger.rows,
    repeat,
    nodeMs,
    helpMs: bundled.help,
    transactionsMs: bundled.list,
    helpFromSourcesMs: fromSources.help,
    transactionsFromSourcesMs: fromSources.list,
    sqlite3Ms,
  };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

export function formatCli(f: CliFigures): string[] {
  return [
    `command line over ${f.rows} rows, median of ${f.repeat} fresh processes`,
    `coffer --help\t${ms(f.helpMs)}\ttarget <= 100 ms\tnode -e 0 ${ms(f.nodeMs)}\tfrom sources ${ms(f.helpFromSourcesMs)}`,
    `coffer transactions --limit 20\t${ms(f.transactionsMs)}\ttarget <= 200 ms\tsqlite3 same page (unencrypted copy) ${ms(f.sqlite3Ms)}\tfrom sources ${ms(f.transactionsFromSourcesMs)}`,
  ];
}

export async function runCliBench(): Promise<void> {
  const rows = Number(process.env.BENCH_CLI_ROWS ?? 1_000_000);
  const dir = benchDir();
  try {
    console.log(`\n# command line (issue 18): ${rows} rows`);
    for (const line of formatCli(measureCli(await prepareCliLedger(rows, dir), 5))) console.log(line);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
