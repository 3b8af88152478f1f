/**
 * Issue 15 benchmarks: the transactions CSV and the hledger journal of N transactions from an
 * encrypted ledger, beside two anchors measured in the same run over the same rows —
 * csv-stringify alone over the rows already in memory, and the `sqlite3` tool's `-csv` dump of
 * them from an unencrypted copy. The process's resident memory is sampled at every progress
 * report of the export, so its growth is the export's own.
 * `npm run bench` runs it after the others; `node bin/run-ts.mjs bench/exports.ts` alone
 * (`BENCH_EXPORT_ROWS`, default 1,000,000; `BENCH_EXPORT_DATA_DIR` keeps the filled ledgers for reruns).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExportRequest } from '../src/shared/contract/exports';
import { openLedger } from '../src/main/services/ledger/ledger';
import { encryptLedgerFile, newLedgerKey } from '../src/main/services/ledger/ledger-file';
import { exportToFile, prepareExport, type ExportDeps } from '../src/main/services/exports/service';
import {
  csvText,
  TRANSACTION_COLUMNS,
  transactionCells,
} from '../src/main/services/exports/transactions-csv';
import { exportRows } from '../src/main/services/exports/transaction-rows';

export interface ExportFigures {
  rows: number;
  csvMs: number;
  csvBytes: number;
  /** Resident memory growth of the process during the CSV export, MB. */
  csvMemoryMb: number;
  /** Of that, V8's heap (the rest is mostly SQLite's page cache filling to its `cache_size`), MB. */
  csvHeapMb: number;
  stringifyOnlyMs: number;
  sqliteCliMs: number | null;
  journalMs: number;
}

const ACCOUNTS = ['acc-checking', 'acc-card', 'acc-savings'];
const DAYS = 1826;

/**
 * Fills an unencrypted ledger in one write transaction, rows in (date, id) order so every index
 * grows at its end, with a page cache large enough to hold them: a fill that went row by row in
 * random order through 64 MiB of cache took most of an hour on a loaded machine.
 */
function fillPlain(file: string, rows: number): void {
  const ledger = openLedger(file, { key: null });
  try {
    const db = ledger.db;
    db.pragma('cache_size = -1048576');
    const insert = db.prepare(
      `INSERT INTO transactions (transaction_id, account_id, item_id, date, authorized_date, name, merchant_name,
         amount_minor, currency, pending, category_primary, category_detailed, payment_channel, updated_at, transfer_checked)
       VALUES (?, ?, 'item-1', ?, ?, ?, ?, ?, 'USD', 0, 'FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES', 'online', '2024-01-01', 1)`,
    );
    ledger.write(() => {
      db.prepare(
        `INSERT INTO items (item_id, institution_id, institution_name, created_at) VALUES ('item-1', 'ins_1', 'Bench Bank', '2024-01-01')`,
      ).run();
      const account = db.prepare(
        `INSERT INTO accounts (account_id, item_id, name, mask, type, subtype, currency, current_minor, updated_at)
         VALUES (?, 'item-1', ?, '0000', ?, NULL, 'USD', 100000, '2030-01-01T00:00:00Z')`,
      );
      for (const id of ACCOUNTS) account.run(id, id, id === 'acc-card' ? 'credit' : 'depository');
      for (let i = 0; i < rows; i++) {
        const dayIndex = Math.floor((i * DAYS) / rows);
        const day = new Date(Date.UTC(2020, 0, 1) + dayIndex * 86_400_000).toISOString().slice(0, 10);
        const merchant = i % 97 === 0 ? `=HYPERLINK("http://x","${i}")` : `Merchant ${i % 400}`;
        insert.run(
          `tx${i.toString(36).padStart(12, '0')}`,
          ACCOUNTS[i % 3],
          day,
          day,
          merchant,
          merchant,
          ((i * 7919) % 20_000) - 2_000,
        );
      }
    });
  } finally {
    ledger.close();
  }
}

interface Ledgers {
  plainFile: string;
  encryptedFile: string;
  key: Buffer;
}

/**
 * The unencrypted ledger and its encrypted copy (the copy re-keyed page by page, as Coffer
 * encrypts a demo ledger, instead of a second fill). With `BENCH_EXPORT_DATA_DIR` the pair is kept
 * there and reused by the next run of the same size.
 */
function ledgersOf(rows: number, dir: string): Ledgers {
  const cacheDir = process.env.BENCH_EXPORT_DATA_DIR;
  const home = cacheDir ?? dir;
  fs.mkdirSync(home, { recursive: true });
  const plainFile = path.join(home, 'plain.sqlite');
  const encryptedFile = path.join(home, 'encrypted.sqlite');
  const marker = path.join(home, 'filled.json');
  if (cacheDir && fs.existsSync(marker)) {
    const filled = JSON.parse(fs.readFileSync(marker, 'utf8')) as { rows: number; key: string };
    if (filled.rows === rows) return { plainFile, encryptedFile, key: Buffer.from(filled.key, 'hex') };
  }
  for (const f of fs.readdirSync(home))
    if (/^(plain|encrypted)\.sqlite|^filled\.json$/.test(f)) fs.rmSync(path.join(home, f));
  const key = newLedgerKey();
  fillPlain(plainFile, rows);
  fs.copyFileSync(plainFile, encryptedFile);
  encryptLedgerFile(encryptedFile, key);
  fs.writeFileSync(marker, JSON.stringify({ rows, key: key.toString('hex') }));
  return { plainFile, encryptedFile, key };
}

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

function heapMb(): number {
  return process.memoryUsage().heapTotal / 2 ** 20;
}

export async function benchExports(rows: number, dir: string): Promise<ExportFigures> {
  const { plainFile, encryptedFile, key } = ledgersOf(rows, dir);
  const ledger = openLedger(encryptedFile, { key });
  const deps: ExportDeps = { ledger, dataDir: path.join(dir, 'data'), emit: () => undefined };
  const runExport = (kind: 'transactions' | 'hledger', file: string, onProgress?: () => void) =>
    exportToFile(deps, prepareExport(deps, ExportRequest.parse({ kind }), onProgress), file, false);

  const csvFile = path.join(dir, 'out.csv');
  (globalThis as { gc?: () => void }).gc?.();
  const base = rssMb();
  const heapBase = heapMb();
  let peak = base;
  let heapPeak = heapBase;
  let started = performance.now();
  const csv = await runExport('transactions', csvFile, () => {
    peak = Math.max(peak, rssMb());
    heapPeak = Math.max(heapPeak, heapMb());
  });
  const csvMs = performance.now() - started;

  started = performance.now();
  const journal = await runExport('hledger', path.join(dir, 'out.journal'));
  const journalMs = performance.now() - started;
  if (journal.rows !== rows) throw new Error(`journal has ${journal.rows} of ${rows} transactions`);

  // Anchor 1: the same cells, already in memory, through csv-stringify alone.
  const cells: ReturnType<typeof transactionCells>[] = [];
  for await (const batch of exportRows(ledger.db, {})) for (const r of batch) cells.push(transactionCells(r));
  ledger.close();
  started = performance.now();
  let bytes = 0;
  for (let i = 0; i < cells.length; i += 2000)
    bytes += csvText(cells.slice(i, i + 2000), i === 0 ? TRANSACTION_COLUMNS : null, { bom: false }).length;
  const stringifyOnlyMs = performance.now() - started;
  if (bytes === 0) throw new Error('nothing stringified');

  // Anchor 2: sqlite3 -csv over the unencrypted copy, the same rows in the same order, to a file.
  let sqliteCliMs: number | null = null;
  if (spawnSync('sqlite3', ['-version']).status === 0) {
    const out = fs.openSync(path.join(dir, 'sqlite3.csv'), 'w');
    started = performance.now();
    const r = spawnSync(
      'sqlite3',
      [
        '-csv',
        '-header',
        plainFile,
        `SELECT t.transaction_id, t.date, t.authorized_date, a.name, t.account_id, i.institution_name, t.name,
           t.merchant_name, -t.amount_minor / 100.0, t.currency, t.category, t.category, t.category_detailed,
           '', t.note, t.pending, t.is_transfer, '', ''
         FROM transactions t JOIN accounts a USING (account_id) JOIN items i ON i.item_id = t.item_id
         ORDER BY t.date, t.transaction_id`,
      ],
      { stdio: ['ignore', out, 'inherit'] },
    );
    sqliteCliMs = performance.now() - started;
    fs.closeSync(out);
    if (r.status !== 0) sqliteCliMs = null;
  }
  return {
    rows: csv.rows,
    csvMs,
    csvBytes: csv.bytes,
    csvMemoryMb: peak - base,
    csvHeapMb: heapPeak - heapBase,
    stringifyOnlyMs,
    sqliteCliMs,
    journalMs,
  };
}

export function formatExports(f: ExportFigures): string[] {
  const ratio = (anchor: number | null) => (anchor === null ? 'n/a' : (f.csvMs / anchor).toFixed(2));
  return [
    `transactions CSV (${f.rows} rows, ${(f.csvBytes / 2 ** 20).toFixed(1)} MB, encrypted ledger)\t${f.csvMs.toFixed(0)} ms\tmemory +${f.csvMemoryMb.toFixed(1)} MB, of which V8 heap +${f.csvHeapMb.toFixed(1)} MB (target ≤ 5000 ms, ≤ 100 MB)`,
    `  anchor: csv-stringify alone over the rows in memory\t${f.stringifyOnlyMs.toFixed(0)} ms\tours / anchor ${ratio(f.stringifyOnlyMs)}`,
    `  anchor: sqlite3 -csv from an unencrypted copy\t${f.sqliteCliMs === null ? 'n/a' : f.sqliteCliMs.toFixed(0)} ms\tours / anchor ${ratio(f.sqliteCliMs)}`,
    `hledger journal (${f.rows} transactions)\t${f.journalMs.toFixed(0)} ms (target ≤ 10000 ms)`,
  ];
}

export function exportsBenchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-exports-'));
}

export async function runExportsBench(): Promise<void> {
  const rows = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
  const dir = exportsBenchDir();
  try {
    console.log(`\n# exports (issue 15): ${rows} transactions`);
    for (const line of formatExports(await benchExports(rows, dir))) console.log(line);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  await runExportsBench();
