import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from './ledger';
import type { TransactionRecord } from '../transactions/record';
import { migrations } from './migrations';
import {
  getItem,
  insertItem,
  listAccounts,
  listItems,
  markItemError,
  markItemSynced,
  upsertAccounts,
} from '../items/store';
import { dropAbandoned, removeRows, upsertRows } from '../ingest/transactions/apply';
import { listTransactions, transactionIds } from '../transactions/queries';

let dir: string;
let file: string;
const open: Ledger[] = [];
const openL = (...args: Parameters<typeof openLedger>) => {
  const l = openLedger(...args);
  open.push(l);
  return l;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-ledger-'));
  file = path.join(dir, 'ledger.sqlite');
});
afterEach(() => {
  for (const l of open.splice(0)) l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function seedItem(l: Ledger, itemId = 'item-1', accounts = ['acc-1']) {
  l.write(() => {
    insertItem(l, { itemId, institutionId: 'ins_109508', institutionName: 'First Platypus Bank' });
    upsertAccounts(
      l,
      accounts.map((accountId) => ({
        accountId,
        itemId,
        name: `Account ${accountId}`,
        officialName: null,
        mask: '0000',
        type: 'depository',
        subtype: 'checking',
        currency: 'USD',
        currentMinor: 100_00,
        availableMinor: 90_00,
        limitMinor: null,
      })),
    );
  });
}

function tx(id: string, date: string, over: Partial<TransactionRecord> = {}): TransactionRecord {
  return {
    transactionId: id,
    accountId: 'acc-1',
    itemId: 'item-1',
    date,
    authorizedDate: null,
    name: `Payee ${id}`,
    merchantName: null,
    amountMinor: 1234,
    currency: 'USD',
    pending: false,
    pendingTransactionId: null,
    categoryPrimary: 'FOOD_AND_DRINK',
    categoryDetailed: null,
    paymentChannel: 'online',
    rawJson: null,
    ...over,
  };
}

describe('migrations', () => {
  it('create the schema, record the version, and run WAL with foreign keys', () => {
    const l = openL(file);
    expect(l.schemaVersion()).toBe(migrations.length);
    expect(l.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(l.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = l.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'items',
        'accounts',
        'transactions',
        'sync_state',
        'sync_runs',
        'transaction_tags',
        'transaction_splits',
        'pending_tombstones',
        'rules',
        'spending_monthly',
        'transactions_fts',
      ]),
    );
    const itemColumns = l.db.prepare(`SELECT name FROM pragma_table_info('items')`).pluck().all() as string[];
    expect(itemColumns.some((c) => /token/i.test(c))).toBe(false);
  });

  it('reopening applies nothing twice and keeps data', () => {
    seedItem(openL(file));
    open.pop()?.close();
    const again = openL(file);
    expect(again.schemaVersion()).toBe(migrations.length);
    expect(listItems(again)).toHaveLength(1);
  });

  it('apply pending migrations in order, and a failing one leaves the file untouched', () => {
    openL(file, { migrations: migrations.slice(0, 1) });
    open.pop()?.close();
    const broken = [...migrations, 'CREATE TABLE extra (x INTEGER);', 'THIS IS NOT SQL;'];
    expect(() => openLedger(file, { migrations: broken })).toThrow();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'extra'`).pluck().get()).toBe(0);
    raw.close();
    const good = openL(file, { migrations: [...migrations, 'CREATE TABLE extra (x INTEGER);'] });
    expect(good.schemaVersion()).toBe(migrations.length + 1);
  });

  it('refuses a ledger written by a newer Coffer', () => {
    openL(file, { migrations: [...migrations, 'CREATE TABLE extra (x INTEGER);'] });
    open.pop()?.close();
    expect(() => openLedger(file)).toThrow(/newer than this Coffer knows/);
  });
});

describe('queries', () => {
  it('upserts by transaction id and deletes by id, so applying twice changes nothing', () => {
    const l = openL(file);
    seedItem(l);
    const page = [tx('a', '2024-01-02'), tx('b', '2024-01-03', { pending: true })];
    l.write(() => upsertRows(l.db, page));
    l.write(() => upsertRows(l.db, page));
    expect(transactionIds(l.db, 'item-1')).toEqual(['a', 'b']);
    l.write(() => upsertRows(l.db, [tx('b', '2024-01-03', { pending: false, amountMinor: 999 })]));
    const list = listTransactions(l.db, { limit: 10, after: null, accountId: null });
    expect(list.transactions.find((t) => t.id === 'b')).toMatchObject({ pending: false, amountMinor: 999 });
    expect(l.write(() => removeRows(l.db, 'item-1', ['a', 'never-seen']))).toBe(1);
    expect(l.write(() => removeRows(l.db, 'item-1', ['a']))).toBe(0);
    expect(transactionIds(l.db, 'item-1')).toEqual(['b']);
  });

  it('refuses a transaction for an unknown account (foreign keys are on)', () => {
    const l = openL(file);
    seedItem(l);
    expect(() => l.write(() => upsertRows(l.db, [tx('x', '2024-01-01', { accountId: 'nope' })]))).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('lists accounts with their institution and balances in minor units', () => {
    const l = openL(file);
    seedItem(l, 'item-1', ['acc-1', 'acc-2']);
    const accounts = listAccounts(l);
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toMatchObject({
      institutionName: 'First Platypus Bank',
      currentMinor: 10000,
      itemId: 'item-1',
    });
  });

  it('stores an Item error in Plaid shape and clears it on the next good sync', () => {
    const l = openL(file);
    seedItem(l);
    const error = {
      error_type: 'ITEM_ERROR',
      error_code: 'ITEM_LOGIN_REQUIRED',
      error_message: 'login required',
      display_message: 'Please sign in again.',
      request_id: 'req1',
    };
    l.write(() => markItemError(l, 'item-1', error));
    expect(getItem(l, 'item-1')).toMatchObject({ status: 'error', error });
    l.write(() => markItemSynced(l, 'item-1', '2024-05-01T00:00:00.000Z'));
    expect(getItem(l, 'item-1')).toMatchObject({
      status: 'ok',
      error: null,
      lastSyncedAt: '2024-05-01T00:00:00.000Z',
    });
  });

  it('finishLoop drops only rows that an abandoned attempt wrote last', () => {
    const l = openL(file);
    seedItem(l);
    const gen = (id: string, g: number) =>
      l.db.prepare(`UPDATE transactions SET sync_gen = ? WHERE transaction_id = ?`).run(g, id);
    l.write(() => {
      upsertRows(l.db, [tx('old', '2024-01-01'), tx('ghost', '2024-01-02'), tx('kept', '2024-01-03')]);
      // Loop attempts 5 (abandoned) and 6 (final); 'old' predates the loop.
      gen('old', 2);
      gen('ghost', 5);
      gen('kept', 6);
    });
    expect(l.write(() => dropAbandoned(l.db, 'item-1', 5, 6))).toBe(1);
    expect(transactionIds(l.db, 'item-1')).toEqual(['kept', 'old']);
    expect(l.write(() => dropAbandoned(l.db, 'item-1', 6, 6))).toBe(0);
  });
});

describe('keyset paging', () => {
  function seedMany(l: Ledger, n: number) {
    seedItem(l, 'item-1', ['acc-1', 'acc-2']);
    const rows: TransactionRecord[] = [];
    for (let i = 0; i < n; i++) {
      // Few distinct dates, so many rows tie on date and the id must break ties.
      const day = String((i % 7) + 1).padStart(2, '0');
      rows.push(
        tx(`t${String(i).padStart(4, '0')}`, `2024-03-${day}`, {
          accountId: i % 3 === 0 ? 'acc-2' : 'acc-1',
        }),
      );
    }
    l.write(() => upsertRows(l.db, rows));
    return rows;
  }

  it('walks every row exactly once, newest first, with a total', () => {
    const l = openL(file);
    const rows = seedMany(l, 250);
    const seen: { id: string; date: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = listTransactions(l.db, { limit: 40, after, accountId: null });
      expect(page.total).toBe(250);
      seen.push(...page.transactions.map((t) => ({ id: t.id, date: t.date })));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(7);
    const expected = [...rows]
      .sort((a, b) =>
        a.date === b.date ? b.transactionId.localeCompare(a.transactionId) : b.date.localeCompare(a.date),
      )
      .map((r) => r.transactionId);
    expect(seen.map((s) => s.id)).toEqual(expected);
  });

  it('stays stable when rows are inserted ahead of the cursor meanwhile', () => {
    const l = openL(file);
    seedMany(l, 30);
    const first = listTransactions(l.db, { limit: 10, after: null, accountId: null });
    l.write(() => upsertRows(l.db, [tx('new-top', '2024-12-31')]));
    const second = listTransactions(l.db, { limit: 10, after: first.next, accountId: null });
    const ids = new Set([...first.transactions, ...second.transactions].map((t) => t.id));
    expect(ids.size).toBe(20);
    expect(ids.has('new-top')).toBe(false);
  });

  it('filters by account, with the total of that account', () => {
    const l = openL(file);
    seedMany(l, 30);
    const page = listTransactions(l.db, { limit: 100, after: null, accountId: 'acc-2' });
    expect(page.total).toBe(10);
    expect(page.transactions.every((t) => t.accountId === 'acc-2' && t.accountName === 'Account acc-2')).toBe(
      true,
    );
    expect(page.next).toBeNull();
  });

  it('rejects a forged cursor with a clear error', () => {
    const l = openL(file);
    seedMany(l, 3);
    expect(() => listTransactions(l.db, { limit: 10, after: 'bm90LWEtY3Vyc29y', accountId: null })).toThrow(
      /cursor is not valid/,
    );
  });

  it('uses the index for the newest-first order', () => {
    const l = openL(file);
    const plan = l.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT transaction_id FROM transactions t
         WHERE (t.date, t.transaction_id) < ('2024-01-01', 'x') ORDER BY t.date DESC, t.transaction_id DESC LIMIT 10`,
      )
      .all() as { detail: string }[];
    const details = plan.map((p) => p.detail).join(' | ');
    expect(details).toMatch(/transactions_newest/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });
});
