import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../ledger/ledger';
import { PlaidApiError } from '../plaid/errors';
import { applyItemProducts, itemHasProduct, productStates, recordProductOutcome } from './product-status';
import { insertItem } from './store';

let dir: string;
let ledger: Ledger;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-products-'));
  ledger = openLedger(path.join(dir, 'ledger.sqlite'));
  insertItem(ledger, { itemId: 'item-1', institutionId: 'ins_1', institutionName: 'Bank' });
});
afterEach(() => {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const plaidError = (error_type: string, error_code: string, display_message: string | null = null) =>
  new PlaidApiError({ error_type, error_code, error_message: 'x', display_message, request_id: 'r' }, 400);

const statuses = () => Object.fromEntries(productStates(ledger, 'item-1').map((s) => [s.product, s.status]));

describe('product statuses', () => {
  it('come from /item/get: on the Item or consented is ready, addable needs consent, the rest is not supported', () => {
    applyItemProducts(
      ledger,
      'item-1',
      {
        products: ['transactions'],
        consented_products: ['transactions', 'auth'],
        available_products: ['identity'],
      },
      ['investments', 'identity'],
    );
    expect(statuses()).toEqual({
      transactions: 'ready',
      investments: 'not_supported',
      auth: 'ready',
      identity: 'needs_consent',
    });
    expect(itemHasProduct(ledger, 'item-1', 'transactions')).toBe(true);
    expect(itemHasProduct(ledger, 'item-1', 'investments')).toBe(false);
    expect(itemHasProduct(ledger, 'item-1', 'identity')).toBe(false);
  });

  it("come from a product call's error, keeping Plaid's display_message for a failure", () => {
    recordProductOutcome(ledger, 'item-1', 'investments', plaidError('ITEM_ERROR', 'NO_INVESTMENT_ACCOUNTS'));
    recordProductOutcome(ledger, 'item-1', 'liabilities', plaidError('ITEM_ERROR', 'PRODUCTS_NOT_SUPPORTED'));
    recordProductOutcome(
      ledger,
      'item-1',
      'identity',
      plaidError('INVALID_INPUT', 'ADDITIONAL_CONSENT_REQUIRED'),
    );
    recordProductOutcome(ledger, 'item-1', 'assets', plaidError('ASSET_REPORT_ERROR', 'PRODUCT_NOT_READY'));
    recordProductOutcome(
      ledger,
      'item-1',
      'auth',
      plaidError('API_ERROR', 'INTERNAL_SERVER_ERROR', 'Try later.'),
    );
    expect(statuses()).toEqual({
      investments: 'no_accounts',
      liabilities: 'not_supported',
      identity: 'needs_consent',
      assets: 'not_ready',
      auth: 'failed',
    });
    expect(productStates(ledger, 'item-1').find((s) => s.product === 'auth')?.error?.display_message).toBe(
      'Try later.',
    );
    recordProductOutcome(ledger, 'item-1', 'auth', null);
    expect(statuses().auth).toBe('ready');
  });

  it('keep what a call found that /item/get cannot tell (no such accounts, not ready)', () => {
    recordProductOutcome(ledger, 'item-1', 'investments', plaidError('ITEM_ERROR', 'NO_INVESTMENT_ACCOUNTS'));
    recordProductOutcome(ledger, 'item-1', 'transactions', plaidError('ITEM_ERROR', 'PRODUCT_NOT_READY'));
    applyItemProducts(ledger, 'item-1', {
      products: ['transactions'],
      consented_products: [],
      available_products: [],
    });
    expect(statuses()).toEqual({ transactions: 'not_ready', investments: 'no_accounts' });
  });
});
