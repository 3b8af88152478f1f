/**
 * Item health over a real ledger: which state wins, what the banner says and offers, ITEM
 * webhooks, the 7-day "no longer refreshing" flag, archived accounts and the duplicate guard.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Institution } from 'plaid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/events';
import { openLedger, type Ledger } from '../ledger/ledger';
import type { AccountRecord } from './store';
import {
  connectedItemIds,
  deleteItem,
  lifecycleRow,
  markItemRemoved,
  reconcileAccounts,
  setItemHealth,
  withArchivedFlag,
} from './lifecycle-store';
import { silentLogger } from '../log/logger';
import { findDuplicate } from './duplicates';
import { healthAfterFailure, healthAfterSuccess, itemHealthFields, NO_LONGER_REFRESHING_MS } from './health';
import { institutionHealth } from './institution-status';
import { applyItemWebhook } from './webhooks';
import { getItem, insertItem, listAccounts, upsertAccounts } from './store';
import { upsertRows } from '../ingest/transactions/apply';
import { transactionIds } from '../transactions/queries';

let dir: string;
let ledger: Ledger;
const events: EventName[] = [];
const ctx = () => ({ ledger, log: silentLogger, emit: (name: EventName) => void events.push(name) });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-lifecycle-'));
  ledger = openLedger(path.join(dir, 'ledger.sqlite'));
  events.length = 0;
});
afterEach(() => {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function account(accountId: string, name: string, mask: string | null, itemId = 'item-1'): AccountRecord {
  return {
    accountId,
    itemId,
    name,
    officialName: null,
    mask,
    type: 'depository',
    subtype: 'checking',
    currency: 'USD',
    currentMinor: 100,
    availableMinor: null,
    limitMinor: null,
  };
}

function seed(itemId = 'item-1', accounts = [account('acc-1', 'Checking', '0000')]) {
  ledger.write(() => {
    insertItem(ledger, { itemId, institutionId: 'ins_109508', institutionName: 'First Platypus Bank' });
    upsertAccounts(
      ledger,
      accounts.map((a) => ({ ...a, itemId })),
    );
  });
}

const view = (itemId = 'item-1', now = Date.now()) =>
  itemHealthFields(lifecycleRow(ledger, itemId)!, 'First Platypus Bank', now, null);

const loginRequired = {
  error_type: 'ITEM_ERROR',
  error_code: 'ITEM_LOGIN_REQUIRED',
  error_message: 'login required',
  display_message: null,
  request_id: 'req-1',
};

describe('health transitions', () => {
  it('lets a transient failure neither hide a pending expiry nor clear it on success', () => {
    expect(healthAfterFailure('pending_expiration', 'institution_down')).toBe('pending_expiration');
    expect(healthAfterFailure('pending_expiration', 'login_required')).toBe('login_required');
    expect(healthAfterFailure('ok', 'ok')).toBe('error');
    expect(healthAfterSuccess('pending_disconnect')).toBe('pending_disconnect');
    expect(healthAfterSuccess('login_required')).toBe('ok');
    expect(healthAfterSuccess('institution_down')).toBe('ok');
  });

  it('offers one action per state, with a plain sentence when Plaid gives no display_message', () => {
    seed();
    const at = '2025-01-01T00:00:00.000Z';
    const cases: [Parameters<typeof setItemHealth>[2], string, RegExp][] = [
      ['login_required', 'reconnect', /needs you to sign in again/],
      ['pending_expiration', 'reconnect', /expires soon/],
      ['pending_disconnect', 'reconnect', /will disconnect soon/],
      ['permission_revoked', 'remove', /was revoked/],
      ['institution_down', 'retry', /isn't responding/],
      ['error', 'retry', /couldn't update/],
    ];
    for (const [health, remedy, sentence] of cases) {
      ledger.write(() => setItemHealth(ledger, 'item-1', 'ok', at));
      ledger.write(() => setItemHealth(ledger, 'item-1', health, at, null));
      const fields = view('item-1', Date.parse(at));
      expect(fields).toMatchObject({ health, remedy, healthSince: at, noLongerRefreshing: false });
      expect(fields.healthMessage).toMatch(sentence);
    }
  });

  it("shows Plaid's display_message when it gave one", () => {
    seed();
    ledger.write(() =>
      setItemHealth(ledger, 'item-1', 'login_required', new Date().toISOString(), {
        ...loginRequired,
        display_message: 'Please log in to your bank again.',
      }),
    );
    expect(view().healthMessage).toBe('Please log in to your bank again.');
  });

  it('flags an Item in error for 7 days as no longer refreshing, counting from the first failure', () => {
    seed();
    const first = Date.parse('2025-01-01T00:00:00Z');
    ledger.write(() => setItemHealth(ledger, 'item-1', 'error', new Date(first).toISOString(), null));
    // Failing again later does not restart the count.
    ledger.write(() =>
      setItemHealth(
        ledger,
        'item-1',
        'login_required',
        new Date(first + 86_400_000).toISOString(),
        loginRequired,
      ),
    );
    expect(view('item-1', first + NO_LONGER_REFRESHING_MS - 1).noLongerRefreshing).toBe(false);
    const late = view('item-1', first + NO_LONGER_REFRESHING_MS);
    expect(late.noLongerRefreshing).toBe(true);
    expect(late.healthMessage).toMatch(/no longer refreshing/);
    ledger.write(() => setItemHealth(ledger, 'item-1', 'ok', new Date().toISOString()));
    expect(view('item-1', first + 10 * NO_LONGER_REFRESHING_MS)).toMatchObject({
      health: 'ok',
      healthSince: null,
      noLongerRefreshing: false,
      remedy: null,
    });
  });
});

describe('ITEM webhooks', () => {
  it('ERROR with ITEM_LOGIN_REQUIRED asks for a login; LOGIN_REPAIRED clears it', () => {
    seed();
    expect(applyItemWebhook(ctx(), 'item-1', 'ERROR', loginRequired)).toEqual({
      changed: true,
      health: 'login_required',
    });
    expect(view()).toMatchObject({ health: 'login_required', remedy: 'reconnect' });
    expect(getItem(ledger, 'item-1')?.error?.error_code).toBe('ITEM_LOGIN_REQUIRED');
    expect(applyItemWebhook(ctx(), 'item-1', 'LOGIN_REPAIRED', null).health).toBe('ok');
    expect(view()).toMatchObject({ health: 'ok', remedy: null });
    expect(getItem(ledger, 'item-1')?.error).toBeNull();
    expect(events).toEqual(['ledger.changed', 'ledger.changed']);
  });

  it('PENDING_EXPIRATION and PENDING_DISCONNECT warn, without hiding a worse state', () => {
    seed();
    expect(applyItemWebhook(ctx(), 'item-1', 'PENDING_EXPIRATION', null).health).toBe('pending_expiration');
    expect(applyItemWebhook(ctx(), 'item-1', 'PENDING_DISCONNECT', null).health).toBe('pending_disconnect');
    applyItemWebhook(ctx(), 'item-1', 'ERROR', loginRequired);
    expect(applyItemWebhook(ctx(), 'item-1', 'PENDING_EXPIRATION', null).health).toBe('login_required');
  });

  it('USER_PERMISSION_REVOKED offers removal', () => {
    seed();
    applyItemWebhook(ctx(), 'item-1', 'USER_PERMISSION_REVOKED', null);
    expect(view()).toMatchObject({ health: 'permission_revoked', remedy: 'remove' });
  });

  it('NEW_ACCOUNTS_AVAILABLE offers to add accounts; USER_ACCOUNT_REVOKED archives the account', () => {
    seed('item-1', [account('acc-1', 'Checking', '0000'), account('acc-2', 'Savings', '1111')]);
    applyItemWebhook(ctx(), 'item-1', 'NEW_ACCOUNTS_AVAILABLE', null);
    expect(view()).toMatchObject({ health: 'ok', remedy: 'add_accounts', newAccountsAvailable: true });
    expect(view().healthMessage).toMatch(/new accounts/);
    applyItemWebhook(ctx(), 'item-1', 'USER_ACCOUNT_REVOKED', null, { accountId: 'acc-2' });
    const accounts = withArchivedFlag(ledger, listAccounts(ledger));
    expect(accounts.map((a) => [a.id, a.archived])).toEqual([
      ['acc-1', false],
      ['acc-2', true],
    ]);
  });

  it('ignores unknown Items and codes', () => {
    seed();
    expect(applyItemWebhook(ctx(), 'nope', 'ERROR', loginRequired).changed).toBe(false);
    expect(applyItemWebhook(ctx(), 'item-1', 'WEBHOOK_UPDATE_ACKNOWLEDGED', null).changed).toBe(false);
    expect(view().health).toBe('ok');
    expect(events).toEqual([]);
  });
});

describe('accounts and removal', () => {
  it('archives accounts the bank no longer lists, keeps their history, and restores them if they return', () => {
    seed('item-1', [account('acc-1', 'Checking', '0000'), account('acc-2', 'Savings', '1111')]);
    ledger.write(() =>
      upsertRows(ledger.db, [
        {
          transactionId: 'tx-1',
          accountId: 'acc-2',
          itemId: 'item-1',
          date: '2025-01-01',
          authorizedDate: null,
          name: 'Interest',
          merchantName: null,
          amountMinor: -5,
          currency: 'USD',
          pending: false,
          pendingTransactionId: null,
          categoryPrimary: null,
          categoryDetailed: null,
          paymentChannel: null,
          rawJson: null,
        },
      ]),
    );
    expect(
      ledger.write(() =>
        reconcileAccounts(ledger, 'item-1', [
          account('acc-1', 'Checking', '0000'),
          account('acc-3', 'Card', '2222'),
        ]),
      ),
    ).toEqual({ archived: 1, restored: 0 });
    const flags = () => withArchivedFlag(ledger, listAccounts(ledger)).map((a) => [a.id, a.archived]);
    expect(flags()).toHaveLength(3);
    expect(flags()).toEqual(
      expect.arrayContaining([
        ['acc-1', false],
        ['acc-2', true],
        ['acc-3', false],
      ]),
    );
    expect(transactionIds(ledger.db, 'item-1')).toEqual(['tx-1']);
    expect(
      ledger.write(() => reconcileAccounts(ledger, 'item-1', [account('acc-2', 'Savings', '1111')])),
    ).toEqual({ archived: 2, restored: 1 });
  });

  it('keeps a removed Item’s history (all accounts archived, never synced) or purges it', () => {
    seed('item-1');
    seed('item-2', [account('acc-9', 'Checking', '9999', 'item-2')]);
    ledger.write(() => markItemRemoved(ledger, 'item-1', '2025-01-01T00:00:00.000Z'));
    expect(connectedItemIds(ledger)).toEqual(['item-2']);
    expect(view()).toMatchObject({
      removedAt: '2025-01-01T00:00:00.000Z',
      remedy: null,
      healthMessage: null,
    });
    expect(withArchivedFlag(ledger, listAccounts(ledger)).find((a) => a.id === 'acc-1')?.archived).toBe(true);
    ledger.write(() => deleteItem(ledger, 'item-1'));
    expect(getItem(ledger, 'item-1')).toBeNull();
    expect(listAccounts(ledger).map((a) => a.id)).toEqual(['acc-9']);
  });
});

describe('duplicate guard', () => {
  it('finds the Item that already holds accounts with the same names and masks at that institution', () => {
    seed('item-1', [account('acc-1', 'Plaid Checking', '0000'), account('acc-2', 'Plaid Saving', '1111')]);
    expect(
      findDuplicate(ledger, 'ins_109508', [
        { name: 'Plaid Checking', mask: '0000' },
        { name: 'Plaid Saving', mask: '1111' },
      ]),
    ).toEqual({
      existingItemId: 'item-1',
      matches: [
        { name: 'Plaid Checking', mask: '0000' },
        { name: 'Plaid Saving', mask: '1111' },
      ],
    });
    // Same names at another bank, other masks, or an archived account: not a duplicate.
    expect(findDuplicate(ledger, 'ins_other', [{ name: 'Plaid Checking', mask: '0000' }])).toBeNull();
    expect(findDuplicate(ledger, 'ins_109508', [{ name: 'Plaid Checking', mask: '9999' }])).toBeNull();
    ledger.write(() => markItemRemoved(ledger, 'item-1', new Date().toISOString()));
    expect(findDuplicate(ledger, 'ins_109508', [{ name: 'Plaid Checking', mask: '0000' }])).toBeNull();
  });
});

describe('institution status', () => {
  const product = (status: 'HEALTHY' | 'DEGRADED' | 'DOWN', refresh?: 'NORMAL' | 'DELAYED' | 'STOPPED') => ({
    status,
    last_status_change: '2025-01-01T00:00:00Z',
    breakdown: { success: 0.5, error_plaid: 0.1, error_institution: 0.4, refresh_interval: refresh },
  });
  const bank = (status: Record<string, ReturnType<typeof product>> | null) =>
    institutionHealth({ name: 'Bank', status: status as Institution['status'] });
  it('says nothing when healthy or unknown, and names what is degraded or down', () => {
    expect(bank(null)).toBeNull();
    expect(
      bank({ item_logins: product('HEALTHY'), transactions_updates: product('HEALTHY', 'NORMAL') }),
    ).toBeNull();
    expect(
      bank({ item_logins: product('HEALTHY'), transactions_updates: product('HEALTHY', 'DELAYED') }),
    ).toEqual({ state: 'degraded', message: 'Bank is having problems: transaction updates are delayed.' });
    expect(bank({ item_logins: product('DOWN'), transactions_updates: product('DEGRADED') })).toEqual({
      state: 'down',
      message: 'Bank is having problems: logins are failing and transaction updates are delayed.',
    });
  });
});
