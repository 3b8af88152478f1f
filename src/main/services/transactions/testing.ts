/**
 * Test support for the transactions services: a real ledger in a temp dir, and Plaid-shaped rows
 * applied through the sync engine's own page apply (no simulator needed for the ledger logic).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Ledger } from '../ledger/ledger';
import { applyPage, beginAttempt } from '../ingest/transactions/apply';
import { ledgerOps } from '../worker/ledger-ops';
import { insertItem } from '../items/store';

export interface PlaidRow {
  transaction_id: string;
  account_id: string;
  amount: number;
  iso_currency_code: string | null;
  unofficial_currency_code: null;
  date: string;
  authorized_date: string | null;
  name: string;
  merchant_name: string | null;
  pending: boolean;
  pending_transaction_id: string | null;
  payment_channel: string;
  personal_finance_category: { primary: string; detailed: string } | null;
}

export function plaidRow(id: string, over: Partial<PlaidRow> = {}): PlaidRow {
  return {
    transaction_id: id,
    account_id: 'acc-checking',
    amount: 12.5,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    date: '2024-03-10',
    authorized_date: null,
    name: `Payee ${id}`,
    merchant_name: null,
    pending: false,
    pending_transaction_id: null,
    payment_channel: 'other',
    personal_finance_category: { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_GROCERIES' },
    ...over,
  };
}

const account = (id: string, currency = 'USD') => ({
  account_id: id,
  name: id,
  official_name: null,
  mask: '0000',
  type: id.includes('card') ? 'credit' : 'depository',
  subtype: id.includes('card') ? 'credit card' : 'checking',
  balances: {
    available: 1,
    current: 1,
    limit: null,
    iso_currency_code: currency,
    unofficial_currency_code: null,
  },
});

export interface TestLedger {
  ledger: Ledger;
  dir: string;
  /** One sync of the given pages (each page its own transaction, the last one ends the loop). */
  sync(pages: { added?: PlaidRow[]; modified?: PlaidRow[]; removed?: string[] }[]): void;
  close(): void;
}

export function testLedger(
  accounts: { id: string; currency?: string }[] = [
    { id: 'acc-checking' },
    { id: 'acc-card' },
    { id: 'acc-savings' },
  ],
): TestLedger {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-tx-'));
  const ledger = openLedger(path.join(dir, 'ledger.sqlite'));
  ledger.write(() => {
    insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_1', institutionName: 'Test Bank' });
  });
  let cursor = 0;
  return {
    ledger,
    dir,
    sync(pages) {
      const { gen, start } = beginAttempt(ledger, 'item-1');
      pages.forEach((p, i) => {
        const last = i === pages.length - 1;
        cursor++;
        applyPage(ledger, {
          itemId: 'item-1',
          gen,
          accounts: i === 0 ? accounts.map((a) => account(a.id, a.currency)) : [],
          added: p.added ?? [],
          modified: p.modified ?? [],
          removed: (p.removed ?? []).map((transaction_id) => ({ transaction_id })),
          last,
          nextCursor: String(cursor),
          loopStartCursor: start,
        });
      });
      ledgerOps.afterSync(ledger, { itemIds: ['item-1'] });
    },
    close() {
      ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
