/**
 * Incremental sync at scale (issue 18, item 4): a day's changes — thousands of added, modified and
 * removed transactions, as /transactions/sync pages — applied to a ledger of a million rows by the
 * app's own sync (`syncTransactions` with the ledger worker thread: pages checked on this thread,
 * written and committed with their cursor by the worker, then the after-sync passes and the
 * recurring streams), followed by what the Item sync runs next for an Item with Transactions only:
 * the balances syncer (balance snapshots and the daily balances the changed days move). Beside it,
 * in the same run, the same pages applied the same way to an empty ledger.
 *
 * Network is excluded: the pages, /accounts/get and /transactions/recurring/get are answered from
 * memory. The day's changes are made from the ledger's own rows: recent rows modified (amount and
 * name), pending rows removed with their posted successors added (naming them, as Plaid does),
 * other rows removed, new rows added on the next day.
 *
 * The ledger: `BENCH_SYNC_LEDGER` (an existing unencrypted ledger file, copied first; e.g. a demo
 * data dir's `ledger.sqlite`), else one of `BENCH_SYNC_ROWS` (default 1,000,000) synced from the
 * simulator's generator into an encrypted ledger as the app does (bench/transactions.ts).
 * `BENCH_SYNC_ADDED` / `_MODIFIED` / `_REMOVED` (default 3,000 / 2,000 / 1,000) size the day.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlaidApi } from 'plaid';
import { keepBalances } from '../src/main/services/ingest/balances/syncer';
import { syncTransactions } from '../src/main/services/ingest/transactions/sync';
import { insertItem } from '../src/main/services/items/store';
import { openLedger, type Ledger } from '../src/main/services/ledger/ledger';
import { newLedgerKey } from '../src/main/services/ledger/ledger-file';
import { silentLogger } from '../src/main/services/log/logger';
import { valueSources } from '../src/main/services/ingest/registry';
import { PlaidGateway } from '../src/main/services/plaid/client';
import type { LedgerWork } from '../src/main/services/worker/ledger-ops';
import { workerLedgerWork } from '../src/main/services/worker/worker-work';
import { formatDisk, ledgerDisk, plaidJsonBytesPerRow, type DiskFigures } from './ledger-disk';
import { benchDir, ingestInto, linkedItem, startSimProcess } from './transactions';

const PAGE = 500;

export interface DayOfChanges {
  itemId: string;
  accounts: unknown[];
  pages: { added: unknown[]; modified: unknown[]; removed: { transaction_id: string }[] }[];
  recurring: unknown;
  /** The day the changes arrive (the ledger's newest date + 1): balances are kept as of it. */
  day: string;
  added: number;
  modified: number;
  removed: number;
}

export interface SyncPhases {
  /** Pages checked here and written by the worker, each batch committed with its cursor. */
  applyMs: number;
  /** Transfer pairs, tombstones, the spending aggregate, planner statistics (the worker's afterSync). */
  afterSyncMs: number;
  /** syncTransactions' remainder: its run records, /accounts/get's accounts, storing the recurring streams. */
  otherMs: number;
  /** The balances syncer: snapshots and the daily balances the changed days move. */
  balancesMs: number;
  /** Everything above, end to end. */
  totalMs: number;
}

export interface SyncScaleFigures {
  ledgerRows: number;
  encrypted: boolean;
  changes: { added: number; modified: number; removed: number; pages: number };
  full: SyncPhases;
  empty: SyncPhases;
  /** Rows each ledger holds after the day was applied. */
  rowsAfter: { full: number; empty: number };
  /** Where the large ledger's bytes go, after the day (when asked for). */
  disk: DiskFigures | null;
  plaidJson: { rows: number; bytesPerRow: number } | null;
}

interface Row {
  transaction_id: string;
  account_id: string;
  amount_minor: number;
  currency: string;
  date: string;
  authorized_date: string | null;
  name: string;
  merchant_name: string | null;
  pending: number;
  pending_transaction_id: string | null;
  payment_channel: string | null;
  category_primary: string | null;
  category_detailed: string | null;
  raw_json: string | null;
}

/** A stored row as Plaid sent it: its columns and the rest of Plaid's fields kept in raw_json. */
function asPlaid(r: Row): Record<string, unknown> {
  return {
    ...(r.raw_json ? (JSON.parse(r.raw_json) as Record<string, unknown>) : {}),
    transaction_id: r.transaction_id,
    account_id: r.account_id,
    amount: r.amount_minor / 100,
    iso_currency_code: r.currency,
    unofficial_currency_code: null,
    date: r.date,
    authorized_date: r.authorized_date,
    name: r.name,
    merchant_name: r.merchant_name,
    pending: r.pending === 1,
    pending_transaction_id: r.pending_transaction_id,
    payment_channel: r.payment_channel ?? 'other',
    personal_finance_category: r.category_primary
      ? { primary: r.category_primary, detailed: r.category_detailed, confidence_level: 'VERY_HIGH' }
      : null,
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Splits each list evenly over the fewest pages of PAGE rows (Plaid mixes them the same way). */
function paginate<A, M, R>(added: A[], modified: M[], removed: R[]) {
  const count = Math.max(1, Math.ceil((added.length + modified.length + removed.length) / PAGE));
  const slice = <T>(list: T[], i: number) =>
    list.slice(Math.floor((list.length * i) / count), Math.floor((list.length * (i + 1)) / count));
  return Array.from({ length: count }, (_, i) => ({
    added: slice(added, i),
    modified: slice(modified, i),
    removed: slice(removed, i),
  }));
}

/** A day's changes made from the ledger's own rows (see the file comment). */
export function dayOfChanges(
  ledger: Ledger,
  sizes: { added: number; modified: number; removed: number },
): DayOfChanges {
  const db = ledger.db;
  const itemId = db.prepare(`SELECT item_id FROM items ORDER BY item_id LIMIT 1`).pluck().get() as string;
  const newest = db.prepare(`SELECT max(date) FROM transactions`).pluck().get() as string;
  const day = isoDay(Date.parse(newest) + 86_400_000);
  // The newest rows first: a day's changes touch recent history.
  const recent = db
    .prepare(
      `SELECT transaction_id, account_id, amount_minor, currency, date, authorized_date, name, merchant_name, pending,
         pending_transaction_id, payment_channel, category_primary, category_detailed, raw_json
       FROM transactions INDEXED BY transactions_newest
       WHERE item_id = ? ORDER BY date DESC, transaction_id DESC LIMIT ?`,
    )
    .all(itemId, (sizes.modified + sizes.removed) * 4 + sizes.added) as Row[];
  const pending = recent.filter((r) => r.pending === 1);
  const posted = recent.filter((r) => r.pending === 0);
  const removedRows = [...pending.slice(0, sizes.removed)];
  for (let i = 0; removedRows.length < sizes.removed && i < posted.length; i += 3)
    removedRows.push(posted[i]!);
  const removedIds = new Set(removedRows.map((r) => r.transaction_id));
  const modifiable = posted.filter((r) => !removedIds.has(r.transaction_id));
  const step = Math.max(1, Math.floor(modifiable.length / Math.max(1, sizes.modified)));
  const modified = modifiable
    .filter((_, i) => i % step === 0)
    .slice(0, sizes.modified)
    .map((r) => {
      const t = asPlaid(r);
      // A tip added, the bank's raw text replaced by the merchant's name.
      return {
        ...t,
        amount: Math.round(((t.amount as number) + 1.5) * 100) / 100,
        name: `${String(t.name)} *`,
      };
    });
  // The removed pending rows' posted successors, naming them; then new rows like recent ones.
  const successors = removedRows.filter((r) => r.pending === 1).slice(0, sizes.added);
  const added = [...successors, ...recent].slice(0, sizes.added).map((r, i) => {
    const t = asPlaid(r);
    return {
      ...t,
      transaction_id: `sync-scale-${day}-${i}`,
      date: day,
      authorized_date: (t.authorized_date as string | null) ?? day,
      pending: false,
      pending_transaction_id: i < successors.length ? r.transaction_id : null,
    };
  });
  const accounts = (
    db
      .prepare(
        `SELECT account_id, name, official_name, mask, type, subtype, currency, current_minor, available_minor,
           limit_minor FROM accounts WHERE item_id = ? AND archived_at IS NULL ORDER BY account_id`,
      )
      .all(itemId) as {
      account_id: string;
      name: string;
      official_name: string | null;
      mask: string | null;
      type: string;
      subtype: string | null;
      currency: string;
      current_minor: number | null;
      available_minor: number | null;
      limit_minor: number | null;
    }[]
  ).map((a) => ({
    account_id: a.account_id,
    name: a.name,
    official_name: a.official_name,
    mask: a.mask,
    type: a.type,
    subtype: a.subtype,
    balances: {
      current: a.current_minor === null ? null : a.current_minor / 100,
      available: a.available_minor === null ? null : a.available_minor / 100,
      limit: a.limit_minor === null ? null : a.limit_minor / 100,
      iso_currency_code: a.currency,
      unofficial_currency_code: null,
    },
  }));
  const removed = removedRows.map((r) => ({ transaction_id: r.transaction_id }));
  return {
    itemId,
    accounts,
    pages: paginate(added, modified, removed),
    recurring: recurringAsStored(ledger, itemId),
    day,
    added: added.length,
    modified: modified.length,
    removed: removed.length,
  };
}

/** The streams the ledger holds, as /transactions/recurring/get answered them. */
function recurringAsStored(ledger: Ledger, itemId: string): unknown {
  const rows = ledger.db
    .prepare(
      `SELECT stream_id, account_id, direction, description, merchant_name, category_primary, category_detailed,
         frequency, average_minor, last_minor, currency, first_date, last_date, predicted_next_date, status,
         is_active, transaction_ids_json FROM recurring_streams WHERE item_id = ? ORDER BY stream_id`,
    )
    .all(itemId) as Record<string, string | number | null>[];
  const stream = (r: Record<string, string | number | null>) => ({
    stream_id: r.stream_id,
    account_id: r.account_id,
    category: null,
    category_id: null,
    description: r.description,
    merchant_name: r.merchant_name,
    first_date: r.first_date,
    last_date: r.last_date,
    predicted_next_date: r.predicted_next_date,
    frequency: r.frequency,
    transaction_ids: JSON.parse(String(r.transaction_ids_json)) as string[],
    average_amount: { amount: Number(r.average_minor) / 100, iso_currency_code: r.currency },
    last_amount: { amount: Number(r.last_minor) / 100, iso_currency_code: r.currency },
    is_active: r.is_active === 1,
    status: r.status,
    personal_finance_category: r.category_primary
      ? { primary: r.category_primary, detailed: r.category_detailed, confidence_level: 'VERY_HIGH' }
      : null,
    is_user_modified: false,
  });
  return {
    inflow_streams: rows.filter((r) => r.direction === 'inflow').map(stream),
    outflow_streams: rows.filter((r) => r.direction === 'outflow').map(stream),
    updated_datetime: new Date().toISOString(),
    request_id: 'bench',
  };
}

/** Plaid answered from memory: the day's pages in order, whatever cursor the ledger holds. */
function dayApi(day: DayOfChanges): PlaidApi {
  const api = {
    accountsGet: async () => ({ data: { accounts: day.accounts, request_id: 'bench' } }),
    transactionsRecurringGet: async () => ({ data: day.recurring }),
    transactionsSync: async (req: { cursor?: string }) => {
      const at = /^sync-scale:(\d+)$/.exec(req.cursor ?? '');
      const index = at ? Number(at[1]) : 0;
      const page = day.pages[index]!;
      return {
        data: {
          ...page,
          accounts: day.accounts,
          next_cursor: `sync-scale:${index + 1}`,
          has_more: index + 1 < day.pages.length,
          request_id: 'bench',
          transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
        },
      };
    },
  };
  return api as unknown as PlaidApi;
}

/** Times each op the sync runs in the worker. */
function timedWork(work: LedgerWork, spent: Map<string, number>): LedgerWork {
  return {
    run: async (op, args) => {
      const started = performance.now();
      try {
        return await work.run(op, args);
      } finally {
        spent.set(op, (spent.get(op) ?? 0) + performance.now() - started);
      }
    },
    close: () => work.close(),
  };
}

/** Applies the day to the ledger in `file` as the app does; the ledger and its worker are opened first. */
export async function applyDay(
  file: string,
  key: Buffer | null,
  day: DayOfChanges,
): Promise<{ phases: SyncPhases; rowsAfter: number }> {
  const ledger = openLedger(file, { key });
  const spent = new Map<string, number>();
  const work = workerLedgerWork({ file, key, log: silentLogger });
  try {
    // The app's worker is running long before a sync starts.
    await work.run('ready', undefined);
    const plaid = new PlaidGateway(dayApi(day), silentLogger);
    const started = performance.now();
    const outcome = await syncTransactions({
      ledger,
      plaid,
      log: silentLogger,
      itemId: day.itemId,
      accessToken: 'bench-token',
      work: timedWork(work, spent),
    });
    const synced = performance.now();
    keepBalances(ledger, day.itemId, 'sync', {
      now: () => Date.parse(`${day.day}T18:00:00Z`),
      sources: valueSources,
    });
    const ended = performance.now();
    if (outcome.added + outcome.modified !== day.added + day.modified)
      throw new Error(
        `sync applied ${outcome.added}+${outcome.modified}, expected ${day.added}+${day.modified}`,
      );
    const applyMs = spent.get('applyPages') ?? 0;
    const afterSyncMs = spent.get('afterSync') ?? 0;
    const phases = {
      applyMs,
      afterSyncMs,
      otherMs: synced - started - applyMs - afterSyncMs,
      balancesMs: ended - synced,
      totalMs: ended - started,
    };
    return {
      phases,
      rowsAfter: ledger.db.prepare(`SELECT count(*) FROM transactions`).pluck().get() as number,
    };
  } finally {
    await work.close();
    ledger.close();
  }
}

/**
 * What the previous sync left done: its after-sync passes and balances (a ledger copied from an
 * older schema or just bulk-loaded may still owe them, and they are not this day's work).
 */
async function settle(file: string, key: Buffer | null, day: DayOfChanges): Promise<void> {
  const ledger = openLedger(file, { key });
  const work = workerLedgerWork({ file, key, log: silentLogger });
  try {
    await work.run('afterSync', { itemIds: [day.itemId] });
    const yesterday = Date.parse(`${day.day}T06:00:00Z`) - 86_400_000;
    keepBalances(ledger, day.itemId, 'sync', { now: () => yesterday, sources: valueSources });
  } finally {
    await work.close();
    ledger.close();
  }
}

/** An empty ledger holding the same Item and a cursor (so its sync is incremental, as at the 1M one). */
function emptyLedger(file: string, key: Buffer | null, itemId: string): void {
  const ledger = openLedger(file, { key });
  try {
    ledger.write(() => {
      insertItem(ledger, { itemId, institutionId: 'ins_109508', institutionName: 'Bench' });
      ledger.db
        .prepare(
          `INSERT INTO sync_state (item_id, product, cursor, updated_at, gen) VALUES (?, 'transactions', ?, ?, 0)`,
        )
        .run(itemId, 'sync-scale:start', new Date().toISOString());
    });
  } finally {
    ledger.close();
  }
}

export interface SyncScaleOptions {
  dir: string;
  /** An existing unencrypted ledger to copy; else `rows` synced from the simulator. */
  ledgerFile?: string;
  rows?: number;
  sizes?: { added: number; modified: number; removed: number };
  /** Also report where the ledger's bytes go (bench/ledger-disk.ts). */
  disk?: boolean;
}

export async function benchSyncScale(options: SyncScaleOptions): Promise<SyncScaleFigures> {
  const { dir } = options;
  const sizes = options.sizes ?? { added: 3_000, modified: 2_000, removed: 1_000 };
  const full = path.join(dir, 'full.sqlite');
  const rows = options.rows ?? 1_000_000;
  let key: Buffer | null = null;
  let plaidJson: SyncScaleFigures['plaidJson'] = null;
  if (options.ledgerFile) fs.copyFileSync(options.ledgerFile, full);
  if (!options.ledgerFile || options.disk) {
    const sim = await startSimProcess(['--clock', '2025-06-30']);
    try {
      const item = await linkedItem(sim, rows);
      if (!options.ledgerFile) {
        // Synced from the simulator's generator as the app does, into an encrypted ledger.
        key = newLedgerKey();
        await ingestInto(sim, item.accessToken, item.itemId, full, key);
      }
      if (options.disk) plaidJson = await plaidJsonBytesPerRow(sim, item.accessToken);
    } finally {
      await sim.close();
    }
  }
  // Opening migrates an older ledger: done before the clock starts, as the app does at its start.
  const ledger = openLedger(full, { key });
  let day: DayOfChanges;
  let ledgerRows: number;
  try {
    ledgerRows = ledger.db.prepare(`SELECT count(*) FROM transactions`).pluck().get() as number;
    day = dayOfChanges(ledger, sizes);
  } finally {
    ledger.close();
  }
  const empty = path.join(dir, 'empty.sqlite');
  emptyLedger(empty, key, day.itemId);
  await settle(full, key, day);
  await settle(empty, key, day);
  const emptyRun = await applyDay(empty, key, day);
  const fullRun = await applyDay(full, key, day);
  let disk: DiskFigures | null = null;
  if (options.disk) {
    const after = openLedger(full, { key });
    try {
      disk = ledgerDisk(after);
    } finally {
      after.close();
    }
  }
  return {
    ledgerRows,
    encrypted: key !== null,
    changes: { added: day.added, modified: day.modified, removed: day.removed, pages: day.pages.length },
    full: fullRun.phases,
    empty: emptyRun.phases,
    rowsAfter: { full: fullRun.rowsAfter, empty: emptyRun.rowsAfter },
    disk,
    plaidJson,
  };
}

const f0 = (n: number) => n.toFixed(0);

export function formatSyncScale(f: SyncScaleFigures): string[] {
  const phases = (p: SyncPhases) =>
    `apply ${f0(p.applyMs)} ms, after-sync passes ${f0(p.afterSyncMs)} ms, runs+accounts+recurring ${f0(p.otherMs)} ms, balances ${f0(p.balancesMs)} ms`;
  return [
    `incremental sync: ${f.changes.added} added, ${f.changes.modified} modified, ${f.changes.removed} removed in ${f.changes.pages} pages (${f.encrypted ? 'encrypted' : 'unencrypted'} ledgers)`,
    `  into ${f.ledgerRows} rows\t${f0(f.full.totalMs)} ms\t(${phases(f.full)})\ttarget ≤ 1000 ms`,
    `  anchor: into an empty ledger\t${f0(f.empty.totalMs)} ms\t(${phases(f.empty)})\tratio ${(f.full.totalMs / f.empty.totalMs).toFixed(2)}`,
  ];
}

/** `npm run bench`'s incremental-sync section. */
export async function runSyncScaleBench(): Promise<void> {
  const dir = benchDir();
  try {
    const n = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
    const figures = await benchSyncScale({
      dir,
      ledgerFile: process.env.BENCH_SYNC_LEDGER,
      rows: n('BENCH_SYNC_ROWS', 1_000_000),
      sizes: {
        added: n('BENCH_SYNC_ADDED', 3_000),
        modified: n('BENCH_SYNC_MODIFIED', 2_000),
        removed: n('BENCH_SYNC_REMOVED', 1_000),
      },
      disk: true,
    });
    console.log(`\n# incremental sync at scale (issue 18)`);
    for (const line of formatSyncScale(figures)) console.log(line);
    if (figures.disk) for (const line of formatDisk(figures.disk, figures.plaidJson)) console.log(line);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await runSyncScaleBench();
