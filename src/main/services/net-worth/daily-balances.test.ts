import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../ledger/ledger';
import { insertItem, upsertAccounts } from '../items/store';
import { rebuildAllDailyBalances, refreshDirtyBalances } from './daily-balances';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function ledgerWith(type: string): Ledger {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-nw-'));
  dirs.push(dir);
  const ledger = openLedger(path.join(dir, 'l.sqlite'));
  ledger.write(() => {
    insertItem(ledger, { itemId: 'i', institutionId: null, institutionName: 'Bank' });
    upsertAccounts(ledger, [
      {
        accountId: 'a',
        itemId: 'i',
        name: 'A',
        officialName: null,
        mask: null,
        type,
        subtype: null,
        currency: 'USD',
        currentMinor: 0,
        availableMinor: null,
        limitMinor: null,
      },
    ]);
  });
  return ledger;
}

const tx = (ledger: Ledger, id: string, date: string, amount: number) =>
  ledger.write(() =>
    ledger.db
      .prepare(
        `INSERT INTO transactions (transaction_id, account_id, item_id, date, name, amount_minor, currency, pending, updated_at)
         VALUES (?, 'a', 'i', ?, 'x', ?, 'USD', 0, 'now')`,
      )
      .run(id, date, amount),
  );
const snapshot = (ledger: Ledger, date: string, minor: number) =>
  ledger.write(() =>
    ledger.db
      .prepare(
        `INSERT INTO balance_snapshots (account_id, item_id, as_of, fetched_at, source, currency, current_minor)
         VALUES ('a', 'i', ?, 'now', 'sync', 'USD', ?)`,
      )
      .run(date, minor),
  );
const balances = (ledger: Ledger) =>
  Object.fromEntries(
    (
      ledger.db.prepare(`SELECT date, balance_minor FROM daily_balances ORDER BY date`).all() as {
        date: string;
        balance_minor: number;
      }[]
    ).map((r) => [r.date, r.balance_minor]),
  );

describe('daily balances', () => {
  it('walk back from a snapshot and forward after the last one; money out lowers a deposit', () => {
    const ledger = ledgerWith('depository');
    tx(ledger, 't1', '2026-01-02', 1000); // spent 10.00
    tx(ledger, 't2', '2026-01-04', -500); // received 5.00
    snapshot(ledger, '2026-01-03', 10_000);
    tx(ledger, 't3', '2026-01-05', 200);
    rebuildAllDailyBalances(ledger, { today: '2026-01-06' });
    expect(balances(ledger)).toEqual({
      '2026-01-02': 10_000,
      '2026-01-03': 10_000,
      '2026-01-04': 10_500,
      '2026-01-05': 10_300,
      '2026-01-06': 10_300,
    });
  });

  it('grow what a card owes with its purchases', () => {
    const ledger = ledgerWith('credit');
    tx(ledger, 't1', '2026-01-02', 1000);
    snapshot(ledger, '2026-01-03', 5000);
    rebuildAllDailyBalances(ledger, { today: '2026-01-03' });
    expect(balances(ledger)).toEqual({ '2026-01-02': 5000, '2026-01-03': 5000 });
    tx(ledger, 't2', '2026-01-03', 700);
    refreshDirtyBalances(ledger, { today: '2026-01-03' });
    expect(balances(ledger)).toEqual({ '2026-01-02': 4300, '2026-01-03': 5000 });
  });

  it('after an edit, the incremental update equals a full rebuild and leaves days beyond the snapshots around it alone', () => {
    const ledger = ledgerWith('depository');
    for (let d = 1; d <= 28; d++) tx(ledger, `t${d}`, `2026-02-${String(d).padStart(2, '0')}`, d * 10);
    snapshot(ledger, '2026-02-10', 50_000);
    snapshot(ledger, '2026-02-20', 40_000);
    rebuildAllDailyBalances(ledger, { today: '2026-02-28' });
    ledger.write(() =>
      ledger.db.prepare(`UPDATE transactions SET amount_minor = 999 WHERE transaction_id = 't15'`).run(),
    );
    const written = refreshDirtyBalances(ledger, { today: '2026-02-28' });
    expect(written).toBe(11); // 10th to 20th
    const incremental = balances(ledger);
    rebuildAllDailyBalances(ledger, { today: '2026-02-28' });
    expect(incremental).toEqual(balances(ledger));
    const totals = ledger.db
      .prepare(`SELECT assets_minor FROM net_worth_daily WHERE date = '2026-02-14'`)
      .pluck()
      .get();
    expect(totals).toBe(incremental['2026-02-14']);
  });
});
