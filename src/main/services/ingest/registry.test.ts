import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertItem, listAccounts, upsertAccounts } from '../items/store';
import { openLedger, type Ledger } from '../ledger/ledger';
import { silentLogger } from '../log/logger';
import type { PlaidGateway } from '../plaid/client';
import { rawSnapshot } from './raw-snapshots';
import { lastRun } from './state';
import { defaultSyncers, SyncerRegistry } from './registry';
import { snapshotSyncer, type SyncJob } from './syncer';

interface FakeBalances {
  accounts: { account_id: string; current: number }[];
}

let dir: string;
let ledger: Ledger;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-ingest-'));
  ledger = openLedger(path.join(dir, 'ledger.sqlite'));
  ledger.write(() => {
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_1', institutionName: 'Test Bank' });
    upsertAccounts(ledger, [
      {
        accountId: 'acc-1',
        itemId: 'item-1',
        name: 'Checking',
        officialName: null,
        mask: '0000',
        type: 'depository',
        subtype: 'checking',
        currency: 'USD',
        currentMinor: 0,
        availableMinor: null,
        limitMinor: null,
      },
    ]);
  });
});
afterEach(() => {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A small product: Plaid's answer is a list of balances, processed into the accounts' rows. */
function fakeProduct(answers: FakeBalances[]) {
  let fetches = 0;
  const syncer = snapshotSyncer<FakeBalances>(
    {
      product: 'fake-balances',
      fetch: () => {
        const answer = answers[fetches++];
        if (!answer) return Promise.reject(new Error('offline'));
        return Promise.resolve(answer);
      },
      parse: (kept) => kept as FakeBalances,
      process: (l, itemId, raw) => {
        const update = l.db.prepare(
          `UPDATE accounts SET current_minor = ? WHERE account_id = ? AND item_id = ?`,
        );
        let modified = 0;
        for (const a of raw.accounts)
          modified += update.run(Math.round(a.current * 100), a.account_id, itemId).changes;
        return { pages: 1, added: 0, modified, removed: 0 };
      },
    },
    () => '2024-05-01T00:00:00.000Z',
  );
  return { syncer, fetches: () => fetches };
}

const job = (): SyncJob => ({
  ledger,
  plaid: {} as PlaidGateway,
  log: silentLogger,
  itemId: 'item-1',
  accessToken: 'unused',
});

const balance = () => listAccounts(ledger).find((a) => a.id === 'acc-1')?.currentMinor;

describe('product syncers', () => {
  it('fetch, keep the raw answer, process it; the processor runs again offline from what was kept', async () => {
    const answer = { accounts: [{ account_id: 'acc-1', current: 12.34 }] };
    const fake = fakeProduct([answer]);
    const registry = new SyncerRegistry([fake.syncer]);

    const outcome = await registry.get('fake-balances')!.sync(job());
    expect(outcome).toMatchObject({ modified: 1, restarts: 0 });
    expect(lastRun(ledger, 'item-1')).toMatchObject({ status: 'ok', pages: 1, modified: 1 });
    expect(balance()).toBe(1234);
    expect(rawSnapshot(ledger, 'item-1', 'fake-balances')).toEqual({
      fetchedAt: '2024-05-01T00:00:00.000Z',
      response: answer,
    });

    // The rows go astray (or the processor changed): re-run from the kept answer, without Plaid.
    ledger.db.prepare(`UPDATE accounts SET current_minor = 0`).run();
    expect(fake.syncer.reprocess(ledger, 'item-1')).toMatchObject({ modified: 1 });
    expect(balance()).toBe(1234);
    expect(fake.syncer.reprocess(ledger, 'item-1')).toMatchObject({ modified: 1 });
    expect(balance()).toBe(1234);
    expect(fake.fetches()).toBe(1);
    await expect(fake.syncer.sync(job())).rejects.toThrow('offline');
    expect(lastRun(ledger, 'item-1')).toMatchObject({ status: 'error' });
    expect(rawSnapshot(ledger, 'item-1', 'fake-balances')?.response).toEqual(answer);
  });

  it('keep only the latest answer per Item and product, and nothing for an Item never fetched', async () => {
    const fake = fakeProduct([
      { accounts: [{ account_id: 'acc-1', current: 1 }] },
      { accounts: [{ account_id: 'acc-1', current: 2 }] },
    ]);
    await fake.syncer.sync(job());
    await fake.syncer.sync(job());
    expect(rawSnapshot(ledger, 'item-1', 'fake-balances')?.response).toEqual({
      accounts: [{ account_id: 'acc-1', current: 2 }],
    });
    expect(ledger.db.prepare(`SELECT count(*) FROM raw_snapshots`).pluck().get()).toBe(1);
    expect(fake.syncer.reprocess(ledger, 'item-2')).toBeNull();
  });

  it('one syncer per product; an Item sync runs transactions, investments, liabilities, then keeps the balances it left', () => {
    const registry = new SyncerRegistry([fakeProduct([]).syncer]);
    expect(() => registry.register(fakeProduct([]).syncer)).toThrow(/Two syncers/);
    expect(
      defaultSyncers()
        .all()
        .map((s) => s.product),
    ).toEqual(['transactions', 'investments', 'liabilities', 'balance']);
  });
});
