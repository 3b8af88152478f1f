/**
 * `node bin/run-ts.mjs bench/ledger-encryption.ts`: what encrypting the ledger costs. The same rows
 * go into the ledger schema through the same statements with three drivers, alternating, in one
 * run: plain better-sqlite3, better-sqlite3-multiple-ciphers without a key, and with the ledger's
 * raw 256-bit key (ChaCha20-Poly1305, the library's default). WAL and synchronous=NORMAL as the
 * ledger runs. Reads reopen the file first, so each read pays for decrypting the pages it touches.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Plain from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { openLedgerFile } from '../src/main/services/ledger/ledger-file';
import { migrations } from '../src/main/services/ledger/migrations';
import { openSqlite } from '../src/main/services/ledger/sqlite';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const PAGE = 500;
type Db = BetterSqlite3.Database;

interface Variant {
  name: string;
  open(file: string): Db;
}

const key = randomBytes(32);
const variants: Variant[] = [
  { name: 'better-sqlite3 (plain)', open: (file) => new Plain(file) },
  { name: 'multiple-ciphers, no key', open: (file) => openSqlite(file) },
  { name: 'multiple-ciphers, raw key', open: (file) => openLedgerFile(file, key) },
];

function prepare(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // The foundation's schema (migration 1): later migrations' triggers and indexes would measure themselves.
  db.exec(migrations[0]);
  db.prepare(
    `INSERT INTO items (item_id, institution_name, created_at) VALUES ('item-1', 'Bench Bank', '2024-01-01')`,
  ).run();
  const account = db.prepare(
    `INSERT INTO accounts (account_id, item_id, name, type, currency, updated_at) VALUES (?, 'item-1', ?, 'depository', 'USD', '2024-01-01')`,
  );
  account.run('acc-checking', 'Checking');
  account.run('acc-card', 'Card');
}

function insertAll(db: Db): number {
  const insert = db.prepare(
    `INSERT INTO transactions (transaction_id, account_id, item_id, date, authorized_date, name, merchant_name,
       amount_minor, currency, pending, category_primary, payment_channel, updated_at)
     VALUES (?, ?, 'item-1', ?, ?, ?, ?, ?, 'USD', ?, 'FOOD_AND_DRINK', 'in store', '2024-01-01')`,
  );
  const page = db.transaction((from: number) => {
    for (let i = from; i < Math.min(from + PAGE, ROWS); i++) {
      const day = new Date(Date.UTC(2024, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10);
      insert.run(
        `tx${i.toString(36).padStart(35, '0')}`,
        i % 3 === 0 ? 'acc-card' : 'acc-checking',
        day,
        day,
        `Merchant ${i % 400} purchase`,
        `Merchant ${i % 400}`,
        (i * 7919) % 20_000,
        i % 50 === 0 ? 1 : 0,
      );
    }
  });
  const started = performance.now();
  for (let i = 0; i < ROWS; i += PAGE) page(i);
  return performance.now() - started;
}

function reads(variant: Variant, file: string): { open: number; scan: number; page: number } {
  let started = performance.now();
  const db = variant.open(file);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  const open = performance.now() - started;
  started = performance.now();
  db.prepare(`SELECT count(*), sum(amount_minor), max(length(name)) FROM transactions`).get();
  const scan = performance.now() - started;
  started = performance.now();
  db.prepare(
    `SELECT t.*, a.name FROM transactions t JOIN accounts a ON a.account_id = t.account_id
     ORDER BY t.date DESC, t.transaction_id DESC LIMIT 200 OFFSET 10000`,
  ).all();
  const page = performance.now() - started;
  db.close();
  return { open, scan, page };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const results = new Map(
    variants.map((v) => [
      v.name,
      { insert: [] as number[], open: [] as number[], scan: [] as number[], page: [] as number[], size: 0 },
    ]),
  );
  for (let r = 0; r < REPEAT; r++) {
    for (const variant of r % 2 === 0 ? variants : [...variants].reverse()) {
      const dir = mkdtempSync(path.join(tmpdir(), 'coffer-bench-enc-'));
      try {
        const file = path.join(dir, 'ledger.sqlite');
        const db = variant.open(file);
        prepare(db);
        const insert = insertAll(db);
        db.close();
        const read = reads(variant, file);
        const out = results.get(variant.name)!;
        out.insert.push(insert);
        out.open.push(read.open);
        out.scan.push(read.scan);
        out.page.push(read.page);
        out.size = statSync(file).size;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const base = results.get(variants[0].name)!;
  const fmt = (xs: number[], anchor: number[]) =>
    `${median(xs).toFixed(1)} ms (×${(median(xs) / median(anchor)).toFixed(2)})`;
  console.log(`rows=${ROWS} repeat=${REPEAT} (median) node=${process.version}`);
  console.log(
    ['variant', 'insert', 'open+key check', 'full scan', 'page of 200 at 10k', 'file MiB'].join('\t'),
  );
  for (const [name, r] of results) {
    console.log(
      [
        name,
        fmt(r.insert, base.insert),
        `${median(r.open).toFixed(2)} ms`,
        fmt(r.scan, base.scan),
        fmt(r.page, base.page),
        (r.size / 1024 / 1024).toFixed(1),
      ].join('\t'),
    );
  }
}

main();
